import { Global, Module } from '@nestjs/common';
import { NodeIdentity } from './node-identity';

/** Node identity and Lamport clock; global because every write is stamped with them. */
@Global()
@Module({ providers: [NodeIdentity], exports: [NodeIdentity] })
export class ClusterModule {}

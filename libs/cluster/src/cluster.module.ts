import { Global, Module } from '@nestjs/common';
import { LeaderWork } from './leader-work';
import { ClusterMessageLog } from './message-log';
import { NodeIdentity } from './node-identity';

/**
 * Node identity and Lamport clock, the leader-only work registry and the message log; global
 * because every write is stamped with the clock and libs register leader tasks. The API adds
 * {@link ClusterNodeModule} (membership, heartbeats, election); the worker does not, so it never leads.
 */
@Global()
@Module({ providers: [NodeIdentity, LeaderWork, ClusterMessageLog], exports: [NodeIdentity, LeaderWork, ClusterMessageLog] })
export class ClusterModule {}

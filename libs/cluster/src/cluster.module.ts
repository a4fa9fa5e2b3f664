import { Global, Module } from '@nestjs/common';
import { ClusterStatusSources } from './cluster-status-sources';
import { LeaderWork } from './leader-work';
import { ClusterMessageLog } from './message-log';
import { NodeIdentity } from './node-identity';

/**
 * Node identity and Lamport clock, the leader-only work registry, the message log and the
 * sources of the status page; global
 * because every write is stamped with the clock and libs register leader tasks. The API adds
 * {@link ClusterNodeModule} (membership, heartbeats, election); the worker does not, so it never leads.
 */
@Global()
@Module({
  providers: [NodeIdentity, LeaderWork, ClusterMessageLog, ClusterStatusSources],
  exports: [NodeIdentity, LeaderWork, ClusterMessageLog, ClusterStatusSources],
})
export class ClusterModule {}

import { Global, Module } from '@nestjs/common';
import { ClusterLock } from './cluster-lock';
import { ClusterStatusSources } from './cluster-status-sources';
import { LeaderWork } from './leader-work';
import { ClusterMessageLog } from './cluster-message-log';
import { NodeIdentity } from './node-identity';

/**
 * Node identity and clocks, the leader-only work registry, the message log, the sources of the
 * status page and the cluster lock; global
 * because every write is stamped with the clock and libs register leader tasks. The API adds
 * {@link ClusterNodeModule} (membership, heartbeats, election); the worker does not, so it never leads.
 */
@Global()
@Module({
  providers: [NodeIdentity, LeaderWork, ClusterMessageLog, ClusterStatusSources, ClusterLock],
  exports: [NodeIdentity, LeaderWork, ClusterMessageLog, ClusterStatusSources, ClusterLock],
})
export class ClusterModule {}

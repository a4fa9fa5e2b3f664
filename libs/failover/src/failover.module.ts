import { Module } from '@nestjs/common';
import { ClusterNodeModule } from '@app/cluster';
import { FailoverCoordinator } from './failover-coordinator';
import { PrimaryFailover } from './primary-failover';

/**
 * Primary failover above libs/database and libs/cluster: import it in an app that runs in the
 * cluster (apps/api). Needs DatabaseModule (the topology and the write endpoint) and ClusterModule
 * (leader work, the status); brings the cluster node (EPOCH messages).
 */
@Module({
  imports: [ClusterNodeModule],
  providers: [PrimaryFailover, FailoverCoordinator],
  exports: [PrimaryFailover],
})
export class FailoverModule {}

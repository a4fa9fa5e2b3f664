import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ClusterController } from './cluster.controller';
import { ClusterLockController } from './cluster-lock.controller';
import { ClusterMembership } from './cluster-membership';
import { ClusterNode } from './cluster-node';
import { ClusterTransport } from './cluster-transport';
import { ClockSync } from './clock-sync';
import { LamportMutex } from './lamport-mutex';
import { RequestCounter } from './request-counter';

/**
 * An API node's membership in the cluster: the servers list, node-to-node messages, heartbeats
 * and failure detection, the Bully and Ring elections, Lamport mutual exclusion, `GET /api/cluster` and the request counter.
 */
@Module({
  controllers: [ClusterController, ClusterLockController],
  providers: [ClusterMembership, ClusterTransport, ClusterNode, RequestCounter, LamportMutex, ClockSync],
  exports: [ClusterNode, ClusterMembership, LamportMutex, ClockSync],
})
export class ClusterNodeModule implements NestModule {
  constructor(private readonly requests: RequestCounter) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(this.requests.middleware()).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}

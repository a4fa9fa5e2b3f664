import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { ClusterStatusSources, LeaderWork, NodeIdentity } from '@app/cluster';
import { DatabaseService, PrimaryFailover } from '@app/database';

/** How often the leader looks at the primary (ms); the failover itself waits DATABASE_FAILOVER_TIMEOUT_MS. */
const WATCH_EVERY_MS = 500;

/**
 * Wires the database failover (libs/database) into the cluster (libs/cluster): the elected leader
 * runs {@link PrimaryFailover.tick} every 500 ms — promote the most advanced replica once the
 * primary has been down for `DATABASE_FAILOVER_TIMEOUT_MS`, otherwise repair the topology (a
 * returning old primary rejoins as a read-only replica) — and `GET /api/cluster` shows the
 * servers, the epoch and the failover history. Nodes learn a new primary from the epoch in
 * `cluster_meta` (read when a write is refused, a connection to the old primary fails, or every
 * `DATABASE_EPOCH_POLL_MS`); the promotion itself also switches the leader's own endpoint.
 */
@Injectable()
export class FailoverWiring implements OnModuleInit {
  constructor(
    private readonly config: AppConfigService,
    private readonly leaderWork: LeaderWork,
    private readonly sources: ClusterStatusSources,
    private readonly failover: PrimaryFailover,
    private readonly db: DatabaseService,
    private readonly node: NodeIdentity,
  ) {}

  onModuleInit(): void {
    this.sources.provideDatabases(async () => {
      const topology = await this.failover.status();
      return { epoch: Math.max(topology.epoch, this.db.epoch), databases: topology.servers, failovers: topology.history };
    });
    if (!this.failover.enabled || this.config.get('DATABASE_FAILOVER') === 'off') return;
    this.leaderWork.register({
      name: 'database-failover',
      everyMs: WATCH_EVERY_MS,
      runOnTakeover: true,
      run: () => this.failover.tick(this.node.nodeId),
    });
  }
}

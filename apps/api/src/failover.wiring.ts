import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { ClusterNode, ClusterStatusSources, LeaderWork, NodeIdentity } from '@app/cluster';
import { DatabaseService, PrimaryFailover } from '@app/database';

/** How often the leader looks at the primary (ms); the failover itself waits DATABASE_FAILOVER_TIMEOUT_MS. */
const WATCH_EVERY_MS = 500;

/**
 * Wires the database failover (libs/database) into the cluster (libs/cluster): the elected leader
 * runs {@link PrimaryFailover.tick} every 500 ms — promote the most advanced replica once the
 * primary has been down for `DATABASE_FAILOVER_TIMEOUT_MS`, otherwise repair the topology (a
 * returning old primary rejoins as a read-only replica) — and `GET /api/cluster` shows the
 * servers, the epoch and the failover history. After a promotion the leader tells every node
 * (an EPOCH cluster message, `{ epoch, primary }`), and each switches its write endpoint; a node
 * that misses it learns the epoch from `cluster_meta` (read when a write is refused, a connection
 * to the old primary fails, or every `DATABASE_EPOCH_POLL_MS`).
 */
@Injectable()
export class FailoverWiring implements OnModuleInit {
  private readonly logger = new Logger('Failover');

  constructor(
    private readonly cluster: ClusterNode,
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
      return {
        epoch: Math.max(topology.epoch, this.db.epoch),
        databases: topology.servers,
        failovers: topology.history,
      };
    });
    if (!this.failover.enabled) return;
    this.cluster.onEpoch((payload, from) => this.switchTo(payload, from));
    if (this.config.get('DATABASE_FAILOVER') === 'off') return;
    this.leaderWork.register({
      name: 'database-failover',
      everyMs: WATCH_EVERY_MS,
      runOnTakeover: true,
      run: async () => {
        const tick = await this.failover.tick(this.node.nodeId);
        if (tick.promoted) {
          const { epoch, primary } = tick.promoted;
          void this.cluster
            .broadcastEpoch({ epoch, primary: { host: primary.host, port: primary.port } })
            .then((told) =>
              this.logger.log(
                `epoch ${epoch}: primary ${primary.host}:${primary.port}; told node(s) ${told.join(', ') || 'none'}`,
              ),
            );
        }
        return tick;
      },
    });
  }

  /** Applies an EPOCH message from the leader; a malformed or stale one changes nothing. */
  private switchTo(payload: Record<string, unknown>, from: number): void {
    const primary = payload.primary as { host?: unknown; port?: unknown } | undefined;
    const epoch = payload.epoch;
    if (!Number.isSafeInteger(epoch) || typeof primary?.host !== 'string' || !Number.isInteger(primary.port)) {
      this.logger.warn(`ignored a malformed EPOCH message from node ${from}`);
      return;
    }
    try {
      if (this.db.switchPrimary({ host: primary.host, port: primary.port as number }, epoch as number)) {
        this.logger.log(`node ${from} told epoch ${epoch}: writes go to ${primary.host}:${primary.port}`);
      }
    } catch (error) {
      this.logger.warn(
        `could not apply epoch ${epoch} from node ${from}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

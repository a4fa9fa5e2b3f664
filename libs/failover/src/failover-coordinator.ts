import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { ClusterNode, ClusterStatusSources, LeaderWork, NodeIdentity } from '@app/cluster';
import { PrimaryEndpoint, serverKey } from '@app/database';
import { EpochMessage, parseEpochMessage } from './epoch-message';
import { PrimaryFailover } from './primary-failover';

/** How often the leader looks at the primary (ms); the failover itself waits DATABASE_FAILOVER_TIMEOUT_MS. */
const WATCH_EVERY_MS = 500;

/**
 * Puts the primary failover into the cluster, top to bottom:
 *
 * 1. The elected leader runs {@link PrimaryFailover.tick} every 500 ms (a LeaderWork task):
 *    promote the most advanced replica once the primary has been down for
 *    `DATABASE_FAILOVER_TIMEOUT_MS`, otherwise repair the topology (a returning old primary rejoins
 *    as a read-only replica). A promotion switches the leader's own {@link PrimaryEndpoint}.
 * 2. The leader then tells every node: an EPOCH cluster message ({@link EpochMessage}).
 * 3. Each node validates it and switches its {@link PrimaryEndpoint} — the one way the write
 *    endpoint is switched. A node that misses it learns the epoch from `cluster_meta` (the endpoint
 *    reads it when a write is refused, a connection to the old primary fails, or every
 *    `DATABASE_EPOCH_POLL_MS`).
 *
 * `GET /api/cluster` shows the servers, the epoch and the history ({@link PrimaryFailover.status}).
 */
@Injectable()
export class FailoverCoordinator implements OnModuleInit {
  private readonly logger = new Logger('Failover');

  constructor(
    private readonly cluster: ClusterNode,
    private readonly config: AppConfigService,
    private readonly leaderWork: LeaderWork,
    private readonly sources: ClusterStatusSources,
    private readonly failover: PrimaryFailover,
    private readonly endpoint: PrimaryEndpoint,
    private readonly node: NodeIdentity,
  ) {}

  onModuleInit(): void {
    this.sources.provideDatabases(async () => {
      const status = await this.failover.status();
      return {
        epoch: Math.max(status.epoch, this.endpoint.epoch),
        databases: status.servers,
        failovers: status.history,
      };
    });
    if (!this.failover.enabled) return;
    this.cluster.onEpoch((payload, from) => this.apply(payload, from));
    if (this.config.get('DATABASE_FAILOVER') === 'off') return;
    this.leaderWork.register({
      name: 'database-failover',
      everyMs: WATCH_EVERY_MS,
      runOnTakeover: true,
      run: async () => {
        const tick = await this.failover.tick(this.node.nodeId);
        if (tick.promoted) this.announce({ epoch: tick.promoted.epoch, primary: tick.promoted.primary });
        return tick;
      },
    });
  }

  /** Tells every other node of a promotion (fire and forget: nodes that miss it read the epoch). */
  private announce(message: EpochMessage): void {
    const payload: EpochMessage = {
      epoch: message.epoch,
      primary: { host: message.primary.host, port: message.primary.port },
    };
    void this.cluster
      .broadcastEpoch(payload)
      .then((told) =>
        this.logger.log(
          `epoch ${payload.epoch}: primary ${serverKey(payload.primary)}; told node(s) ${told.join(', ') || 'none'}`,
        ),
      );
  }

  /** Applies an EPOCH message from the leader; a malformed, stale or unknown one changes nothing. */
  private apply(payload: unknown, from: number): void {
    const parsed = parseEpochMessage(payload);
    if ('error' in parsed) {
      this.logger.warn(`ignored a malformed EPOCH message from node ${from}: ${parsed.error}`);
      return;
    }
    const { epoch, primary } = parsed.message;
    try {
      if (this.endpoint.switchTo(primary, epoch, 'told')) {
        this.logger.log(`node ${from} told epoch ${epoch}: writes go to ${serverKey(primary)}`);
      }
    } catch (error) {
      this.logger.warn(
        `could not apply epoch ${epoch} from node ${from}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

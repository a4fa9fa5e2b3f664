import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { DatabaseTopology } from '../database-topology';
import { sameServer, ServerAddress, serverKey } from './database-server';
import { readClusterMeta } from './cluster-meta.sql';
import { SqlLink } from './sql-link';
import { TcpRelay } from './tcp-relay';

/** A change of the server this node writes to. */
export interface PrimarySwitch {
  primary: ServerAddress;
  epoch: number;
  previous: ServerAddress;
  previousEpoch: number;
  /** `told` (by the leader), `discovered` (read from the servers' cluster_meta). */
  source: 'told' | 'discovered';
}

/** What one server says about the epoch. */
interface EpochAnswer {
  server: ServerAddress;
  epoch: number;
  primary: ServerAddress | null;
}

/** Least time between two discoveries started by failures (ms). */
const REDISCOVER_INTERVAL_MS = 500;

/**
 * Where this node's writes go, and under which epoch. TypeORM cannot change its master at run
 * time, so the write pool connects to a node-local relay (127.0.0.1, random port) and the relay
 * forwards to the current primary. {@link switchTo} repoints the relay and cuts every connection it
 * carried: a transaction in flight on the old primary fails (and rolls back there, if it is still
 * alive), and the pool reconnects through the relay to the new primary. Nothing else in the
 * process has to know.
 *
 * The node learns a new primary two ways: the leader tells it ({@link switchTo}), or it asks the
 * servers themselves ({@link rediscover}) — each server holds the newest `cluster_meta` epoch it has
 * replicated — which it does at start and whenever writes fail. Epochs only move forward.
 *
 * Without replicas configured the endpoint is disabled: the pool connects to `DATABASE_URL`
 * directly and the epoch stays 0.
 */
export class PrimaryEndpoint implements OnApplicationShutdown {
  private readonly logger = new Logger('PrimaryEndpoint');
  private currentEpoch = 0;
  private currentPrimary: ServerAddress;
  private discovery?: Promise<boolean>;
  private lastDiscoveryAt = 0;
  private local?: ServerAddress;
  private poll?: NodeJS.Timeout;
  private readonly links = new Map<string, SqlLink>();

  /** Use {@link start} or {@link disabled}; public only so the class is an injection token (`app.get(PrimaryEndpoint)`). */
  constructor(
    /** The configured servers, `DATABASE_URL`'s first. */
    readonly servers: ServerAddress[],
    private readonly topology: DatabaseTopology,
    private readonly relay: TcpRelay | undefined,
  ) {
    this.currentPrimary = servers[0] ?? { host: '', port: 0 };
  }

  /** An endpoint that does nothing: SQLite, or MySQL without replicas. */
  static disabled(topology: DatabaseTopology): PrimaryEndpoint {
    return new PrimaryEndpoint(topology.servers.slice(0, 1), topology, undefined);
  }

  /**
   * Starts the relay and points it at the primary the servers name (the newest `cluster_meta`
   * epoch any of them answers), or at `DATABASE_URL` when none has an epoch yet. Asks the servers
   * for the epoch every `pollMs` (0: only when writes fail), in case a failover was missed.
   * @throws Error when `topology` has no replicas.
   */
  static async start(topology: DatabaseTopology, pollMs = 0): Promise<PrimaryEndpoint> {
    if (!topology.replicated) throw new Error('the primary endpoint needs replicas (DATABASE_REPLICA_URLS)');
    const servers = topology.servers;
    const relay = new TcpRelay(servers[0]);
    const endpoint = new PrimaryEndpoint(servers, topology, relay);
    relay.onUpstreamFailure = () => void endpoint.rediscover().catch(() => undefined);
    endpoint.local = await relay.listen();
    await endpoint.rediscover(true);
    if (pollMs) {
      endpoint.poll = setInterval(() => void endpoint.rediscover().catch(() => undefined), pollMs);
      endpoint.poll.unref();
    }
    endpoint.logger.log(
      `writes go to ${serverKey(endpoint.primary)} (epoch ${endpoint.epoch}) through ${serverKey(endpoint.local)}`,
    );
    return endpoint;
  }

  /** True when replicas are configured and writes go through the relay. */
  get enabled(): boolean {
    return !!this.relay;
  }

  /** The epoch this node writes under (0 before any failover). */
  get epoch(): number {
    return this.currentEpoch;
  }

  /** The server this node writes to. */
  get primary(): ServerAddress {
    return this.currentPrimary;
  }

  /** The relay's address: where TypeORM's write pool connects (with the primary's login). @throws Error when disabled. */
  writeAddress(): ServerAddress {
    if (!this.local) throw new Error('the primary endpoint is disabled');
    return this.local;
  }

  /**
   * Sends this node's writes to `primary` from `epoch` on. An older epoch is ignored (false); the
   * same epoch and server changes nothing; a different server cuts every write connection.
   * @throws Error when `primary` is not one of the configured servers or replication is off.
   */
  switchTo(primary: ServerAddress, epoch: number, source: PrimarySwitch['source'] = 'told'): boolean {
    if (!this.relay)
      throw new Error('the primary cannot be switched: no replicas are configured (DATABASE_REPLICA_URLS)');
    const known = this.servers.find((server) => sameServer(server, primary));
    if (!known) throw new Error(`${serverKey(primary)} is not one of the configured database servers`);
    if (!Number.isSafeInteger(epoch) || epoch < this.currentEpoch) return false;
    if (epoch === this.currentEpoch && sameServer(known, this.currentPrimary)) return false;
    const change: PrimarySwitch = {
      primary: known,
      epoch,
      previous: this.currentPrimary,
      previousEpoch: this.currentEpoch,
      source,
    };
    this.currentEpoch = epoch;
    if (!sameServer(known, this.currentPrimary)) {
      this.currentPrimary = known;
      this.relay.retarget(known);
    }
    this.logger.warn(`writes now go to ${serverKey(known)} (epoch ${change.previousEpoch} → ${epoch}, ${source})`);
    return true;
  }

  /**
   * Asks every server for its `cluster_meta` epoch and switches to the primary of the newest one.
   * Calls within {@link REDISCOVER_INTERVAL_MS} of the last one (unless `now`) and concurrent calls
   * share one discovery. Resolves true when the node switched. Unreachable servers are skipped.
   */
  rediscover(now = false): Promise<boolean> {
    if (!this.relay) return Promise.resolve(false);
    if (this.discovery) return this.discovery;
    if (!now && Date.now() - this.lastDiscoveryAt < REDISCOVER_INTERVAL_MS) return Promise.resolve(false);
    this.lastDiscoveryAt = Date.now();
    this.discovery = this.discover().finally(() => (this.discovery = undefined));
    return this.discovery;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.poll);
    for (const link of this.links.values()) link.drop();
    await this.relay?.close();
  }

  private async discover(): Promise<boolean> {
    const answers = await Promise.all(
      this.servers.map((server) => askEpoch(this.linkTo(server), this.topology.database)),
    );
    const newest = answers
      .filter((answer): answer is EpochAnswer & { primary: ServerAddress } => !!answer?.primary)
      .sort((a, b) => b.epoch - a.epoch)[0];
    if (!newest || newest.epoch < this.currentEpoch) return false;
    if (!this.servers.some((server) => sameServer(server, newest.primary))) {
      this.logger.error(
        `epoch ${newest.epoch} names ${serverKey(newest.primary)}, which is not a configured database server`,
      );
      return false;
    }
    return this.switchTo(newest.primary, newest.epoch, 'discovered');
  }

  /** A lasting connection per server for discovery, with the app's login. */
  private linkTo(server: ServerAddress): SqlLink {
    const key = serverKey(server);
    let link = this.links.get(key);
    if (!link) {
      const { user, password, database } = this.topology.primary!;
      link = new SqlLink(server, { user, password }, database);
      this.links.set(key, link);
    }
    return link;
  }
}

/** The epoch row of one server, or undefined when it does not answer. No table yet: epoch 0. */
async function askEpoch(link: SqlLink, database: string): Promise<EpochAnswer | undefined> {
  try {
    const row = await readClusterMeta(link, database, 2_000);
    return { server: link.server, epoch: row?.epoch ?? 0, primary: row?.primary ?? null };
  } catch {
    return undefined;
  }
}

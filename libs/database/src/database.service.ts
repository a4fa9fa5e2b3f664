import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Mutex } from 'async-mutex';
import type { Socket } from 'node:net';
import { AppConfigService } from '@app/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { isDatabaseUnavailable, isRetryable } from './driver-errors';
import { isMysqlFamily } from './database.options';
import { DatabaseUnavailable } from './database.exception';
import { PrimaryEndpoint } from './replication/primary-endpoint';
import { ServerAddress } from './replication/database-server';
import { EPOCH_FENCE_SQL } from './replication/cluster-meta.sql';

/**
 * The DataSource plus what every lib needs around it: transactions that are safe on both drivers
 * and classification of driver errors, and — with replicas configured — the read/write split and
 * the write epoch.
 *
 * SQLite (better-sqlite3) has one connection, so concurrent `BEGIN`s would nest; transactions are
 * run one at a time there. MySQL transactions run in parallel on pooled connections and are
 * retried on deadlock or lock-wait timeout.
 *
 * Routing (with `DATABASE_REPLICA_URLS`): {@link manager} and {@link transaction} use the primary;
 * only {@link read} uses a replica, for pages that may be a replication delay behind (catalogue
 * lists, seat maps). A customer's own bookings and holds, idempotency replays and everything inside
 * a booking transaction read the primary, so a customer always sees what they just did.
 */
@Injectable()
export class DatabaseService {
  private readonly sqliteWriter = new Mutex();
  readonly isMysql: boolean;

  /** DATABASE_WRITE_TIMEOUT_MS: a MySQL write transaction's ceiling, COMMIT included. */
  private readonly writeTimeoutMs: number;

  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly endpoint: PrimaryEndpoint,
    config: AppConfigService,
  ) {
    this.isMysql = isMysqlFamily(dataSource.options);
    this.writeTimeoutMs = config.get('DATABASE_WRITE_TIMEOUT_MS');
  }

  /** The default (non-transactional) entity manager; on the primary. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** True when replicas are configured (reads split, writes fenced by epoch). */
  get replicated(): boolean {
    return this.endpoint.enabled;
  }

  /** The epoch this node writes under (0 before any failover, and without replicas). */
  get epoch(): number {
    return this.endpoint.epoch;
  }

  /** The server this node writes to. */
  get primary(): ServerAddress {
    return this.endpoint.primary;
  }

  /**
   * Runs `work` on a replica: for reads that may trail the primary by the replication delay
   * (catalogue pages, seat maps). Never use it to decide a write. Without replicas, or when no
   * replica answers, it runs on the primary.
   */
  async read<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.endpoint.enabled) return work(this.dataSource.manager);
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return await work(runner.manager);
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      // No replica answers (or the one picked died mid-read): the primary has everything.
    } finally {
      await runner.release();
    }
    return work(this.dataSource.manager);
  }

  /**
   * Runs `work` in one transaction on the primary (the server's default isolation, REPEATABLE
   * READ on InnoDB: the seat claims are locking UPDATEs on unique keys, which read the latest
   * committed rows in any level, so no extra SET round trip is spent) and returns its result; rolls
   * back when it throws. A deadlock or lock-wait timeout on MySQL re-runs `work` up to `attempts`
   * times.
   *
   * With replicas, the transaction first checks that the server it runs on is writable and carries
   * this node's epoch (`cluster_meta`), so a node that missed a failover, or a connection that
   * reached a fenced old primary, writes nothing; the node then asks the servers for the current
   * primary and, if that changed its epoch, runs `work` again. A connection lost before COMMIT is
   * retried the same way when the node switched primary meanwhile.
   * @throws whatever `work` throws; DatabaseUnavailable (503) when the primary cannot be reached
   *   or the epoch check fails (`atCommit: true` when the connection was lost at COMMIT: outcome
   *   unknown); the driver error once attempts are used up.
   */
  async transaction<T>(work: (manager: EntityManager) => Promise<T>, attempts = 3): Promise<T> {
    if (!this.isMysql) {
      return this.sqliteWriter.runExclusive(() => this.dataSource.transaction(work));
    }
    for (let attempt = 1; ; attempt++) {
      let committing = false;
      const epochAtStart = this.endpoint.epoch;
      try {
        return await this.withinWriteTimeout(async (manager) => {
          if (this.endpoint.enabled) await this.assertWritable(manager);
          const result = await work(manager);
          committing = true;
          return result;
        });
      } catch (error) {
        if (error instanceof StaleEpoch) {
          const switched = await this.endpoint.rediscover().catch(() => false);
          if (attempt < attempts && (switched || this.endpoint.epoch !== epochAtStart)) {
            await delay(RECONNECT_PAUSE_MS);
            continue;
          }
          throw new DatabaseUnavailable(error.message, { epoch: this.endpoint.epoch });
        }
        if (isDatabaseUnavailable(error)) {
          const switched = await this.endpoint.rediscover().catch(() => false);
          // Lost before COMMIT was sent: nothing was committed, so running `work` again is safe —
          // worth it when the node has just switched primary (its pooled connections to the old
          // one are still being closed).
          if (!committing && attempt < attempts && (switched || this.endpoint.epoch !== epochAtStart)) {
            await delay(RECONNECT_PAUSE_MS);
            continue;
          }
          const what = error instanceof WriteTimeout ? error.message : 'the connection to the primary was lost';
          throw new DatabaseUnavailable(committing ? `${what} at commit` : `${what}; nothing was written`, {
            atCommit: committing,
          });
        }
        if (attempt >= attempts || !isRetryable(error)) throw error;
      }
    }
  }

  /**
   * Runs `work` in a transaction on its own connection to the primary, cut after
   * `writeTimeoutMs`: the socket is destroyed with a {@link WriteTimeout} (code
   * PROTOCOL_SEQUENCE_TIMEOUT, which {@link isDatabaseUnavailable} knows), so every statement still
   * waiting on it — a COMMIT waiting for a semi-sync acknowledgement, any statement to a hung
   * server — fails at once, and the server rolls back whatever was not committed. mysql2's own
   * `destroy()` would leave those statements waiting forever, and its query `timeout` leaves the
   * connection busy. A connection that could not be had within the time is released when it comes.
   * @throws what `work` or the driver throws; WriteTimeout.
   */
  private async withinWriteTimeout<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner('master');
    const timeout = new WriteTimeout(`the primary did not finish the transaction within ${this.writeTimeoutMs} ms`);
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        (runner as unknown as { databaseConnection?: { stream?: Socket } }).databaseConnection?.stream?.destroy(
          timeout,
        );
        reject(timeout);
      }, this.writeTimeoutMs);
    });
    const run = (async () => {
      await runner.connect();
      return runner.manager.transaction(work);
    })();
    try {
      return await Promise.race([run, expired]);
    } finally {
      clearTimeout(timer);
      const release = () => runner.release().catch(() => undefined);
      if (timedOut) void run.then(release, release);
      else await release();
    }
  }

  /** The epoch fence: the first statement of every transaction when replicas are configured. */
  private async assertWritable(manager: EntityManager): Promise<void> {
    const [row] = await manager.query(EPOCH_FENCE_SQL);
    const epoch = Number(row?.epoch ?? 0);
    if (Number(row?.readOnly) === 1)
      throw new StaleEpoch('the server this node writes to is read-only (not the primary)');
    if (epoch !== this.endpoint.epoch)
      throw new StaleEpoch(`this node writes under epoch ${this.endpoint.epoch}, the server is at ${epoch}`);
  }
}

/** The epoch check failed; nothing was written. */
class StaleEpoch extends Error {}

/** A write transaction outlived DATABASE_WRITE_TIMEOUT_MS; its connection was cut. */
class WriteTimeout extends Error {
  readonly code = 'PROTOCOL_SEQUENCE_TIMEOUT';
}

/** Pause before re-running a transaction after the node switched primary (ms): lets the pool drop cut connections. */
const RECONNECT_PAUSE_MS = 50;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Inserts one row without reading it back (TypeORM otherwise re-selects defaulted and generated
 * columns on MySQL: one more round trip). Give every column. Returns the auto-increment id, if any.
 */
export async function insertRow<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  values: QueryDeepPartialEntity<T>,
): Promise<number> {
  const result = await manager.createQueryBuilder().insert().into(entity).values(values).updateEntity(false).execute();
  // mysql2 answers a ResultSetHeader with insertId; better-sqlite3 the last row id.
  return Number(typeof result.raw === 'object' ? result.raw.insertId : result.raw);
}

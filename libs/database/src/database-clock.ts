import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { DatabaseService } from './database.service';
import { DatabaseTopology } from './database-topology';
import { serverKey } from './replication/database-server';
import { SqlLink } from './replication/sql-link';

/** How often the estimate is taken again from the primary (ms). */
const SAMPLE_INTERVAL_MS = 5_000;

/** A sample whose round trip took longer than this (ms) is not trusted when a better one exists. */
const MAX_TRUSTED_RTT_MS = 250;

/** The primary's current time in epoch ms, as MySQL/MariaDB answers it. */
const MYSQL_NOW_SQL = 'SELECT ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000) AS now';

/**
 * The one clock for holds and expiry: the database primary's wall clock (`NOW(3)`), so that every
 * node of the cluster compares `held_until` / `expires_at` with the same time whatever its own
 * clock says (a node skewed by Δ would otherwise steal a hold Δ early or confirm it Δ late).
 *
 * Estimated as Cristian's algorithm does (Cristian 1989, "Probabilistic clock synchronization"):
 * every {@link SAMPLE_INTERVAL_MS} the primary's time T is read with a round trip of RTT, and
 * `now()` is `T + RTT/2` plus the time elapsed since on this process's **monotonic** clock
 * (`performance.now()`), so a step of the node's wall clock (NTP, an operator, faketime) never
 * moves it. Error: at most RTT/2 of the last sample plus the monotonic clock's drift over 5 s
 * (parts per million) — well under a millisecond on a LAN.
 *
 * On SQLite the database is this process: its clock is `Date.now()`. Before the first sample, or
 * while the primary does not answer, the last estimate continues on the monotonic clock (and with
 * none at all, `Date.now()`).
 */
@Injectable()
export class DatabaseClock implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DatabaseClock.name);
  private sample: { dbMs: number; monoMs: number; rttMs: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private link: SqlLink | undefined;

  constructor(
    private readonly db: DatabaseService,
    private readonly topology: DatabaseTopology,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.db.isMysql) return;
    await this.sync().catch((error: unknown) => this.logger.warn(`no clock sample yet: ${String(error)}`));
    this.timer = setInterval(() => {
      this.sync().catch((error: unknown) => this.logger.debug(`clock sample failed: ${String(error)}`));
    }, SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.link?.drop();
  }

  /** The database's current time, epoch ms (an estimate within RTT/2 of the primary's `NOW(3)`). */
  now(): number {
    if (!this.sample) return Date.now();
    return Math.round(this.sample.dbMs + (performance.now() - this.sample.monoMs));
  }

  /**
   * Takes one sample from the primary. A slow round trip (over 250 ms: a loaded or failing-over
   * server) replaces an existing estimate only once that estimate is older than a minute. With
   * replicas the sample is taken over a connection of its own to the current primary, not through
   * the write path: a failed sample must not count as a failed write (which makes the node look
   * for another primary).
   * @throws the driver's error when the primary does not answer.
   */
  async sync(): Promise<void> {
    const sent = performance.now();
    const [row] = (await this.query(MYSQL_NOW_SQL)) as { now: number | string }[];
    const received = performance.now();
    const rttMs = received - sent;
    const dbMs = Number(row.now) + rttMs / 2;
    const stale = !this.sample || received - this.sample.monoMs > 60_000;
    if (rttMs <= MAX_TRUSTED_RTT_MS || stale) this.sample = { dbMs, monoMs: received, rttMs };
  }

  private query(sql: string): Promise<unknown[]> {
    if (!this.db.replicated) return this.db.manager.query(sql);
    const primary = this.db.primary;
    if (!this.link || this.link.key !== serverKey(primary)) {
      this.link?.drop();
      const { user, password } = this.topology.primary!;
      this.link = new SqlLink(primary, { user, password });
    }
    return this.link.query<unknown[]>(sql, [], 2_000);
  }
}

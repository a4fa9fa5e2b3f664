import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Mutex } from 'async-mutex';
import { RowDataPacket } from 'mysql2/promise';
import { AppConfigService } from '@app/common';
import type { FailoverRecord } from '@app/contracts';
import {
  Credentials,
  DatabaseTopology,
  PrimaryEndpoint,
  sameServer,
  ServerAddress,
  serverKey,
  SqlLink,
} from '@app/database';
import { gtidContains, parseGtidPosition } from './gtid';
import {
  ReplicationStatus,
  FailoverBlocked,
  FailoverResult,
  FailoverTick,
  PrimaryCheck,
  ReconcileResult,
} from './failover.types';
import { FailoverHistoryStore } from './failover-history.store';
import { fenceServer } from './fence-server';
import {
  byPromotionOrder,
  probeServer,
  receivedPosition,
  relayLogApplied,
  relayLogUsable,
  serverStatus,
  ServerState,
} from './server-probe';

/** Longest wait for the chosen replica to apply its relay log before it is promoted (ms). */
const APPLY_TIMEOUT_MS = 30_000;
/** A status this fresh is served again instead of probing every server (ms). */
const STATUS_CACHE_MS = 500;
/** Named lock that makes promotions and repairs exclusive across leaders (held on every server involved). */
const LOCK_NAME = 'marquee_failover';

/** The epoch in force and its primary, as resolved from the servers' `cluster_meta` rows. */
interface EpochView {
  epoch: number;
  primary: ServerAddress;
}

/**
 * Primary failover for the replicated MySQL/MariaDB topology, driven by the cluster leader:
 *
 * - {@link tick} — the leader's periodic task (e.g. every 500 ms): {@link checkPrimary}, and when
 *   the primary has been unreachable for `DATABASE_FAILOVER_TIMEOUT_MS`, {@link failover}; while it
 *   answers, {@link reconcile}. When the result has `promoted`, tell every node
 *   `{ epoch, primary }` (FailoverCoordinator: an EPOCH message; each node's PrimaryEndpoint.switchTo).
 * - {@link status} — each server's role, lag and GTID positions, the epoch, the history.
 *
 * Every step reads the servers' state first and is safe to repeat, so a leader that dies half-way
 * leaves a state the next leader finishes from; two leaders overlapping for a moment are kept
 * apart by the named lock `marquee_failover`, taken on every server a step touches.
 */
@Injectable()
export class PrimaryFailover implements OnApplicationShutdown {
  private readonly logger = new Logger('PrimaryFailover');
  private readonly exclusive = new Mutex();
  private readonly links: Map<string, SqlLink>;
  private readonly store: FailoverHistoryStore;
  private readonly servers: ServerAddress[];
  private readonly database: string;
  private readonly replication: Credentials;
  private readonly failoverTimeoutMs: number;
  private known: EpochView | undefined;
  private down: { key: string; since: number } | undefined;
  private statusCache?: { at: number; value: Promise<ReplicationStatus> };

  constructor(
    config: AppConfigService,
    topology: DatabaseTopology,
    private readonly endpoint: PrimaryEndpoint,
  ) {
    this.servers = topology.replicated ? topology.servers : [];
    this.database = topology.replicated ? topology.database : '';
    const admin = topology.admin;
    this.replication = topology.replication;
    this.failoverTimeoutMs = config.get('DATABASE_FAILOVER_TIMEOUT_MS');
    this.links = new Map(this.servers.map((server) => [serverKey(server), new SqlLink(server, admin)]));
    this.store = new FailoverHistoryStore(this.database, admin);
  }

  /** True when replicas are configured; otherwise every method is a no-op answer. */
  get enabled(): boolean {
    return this.servers.length > 1;
  }

  /** The leader's periodic task: check, promote when due, else repair. @throws FailoverBlocked. */
  async tick(leaderNodeId?: number): Promise<FailoverTick> {
    const check = await this.checkPrimary();
    if (check.shouldFailover) {
      const promoted = await this.failover({
        reason: `primary ${serverKey(check.primary)} unreachable for ${check.downForMs} ms`,
        leaderNodeId,
      });
      return { check, promoted: promoted.changed ? promoted : undefined };
    }
    if (!check.up) return { check };
    const reconciled = await this.reconcile(leaderNodeId);
    return { check, promoted: reconciled.promoted?.changed ? reconciled.promoted : undefined, reconciled };
  }

  /**
   * Probes every server, resolves the epoch's primary and whether it answers; writes a heartbeat
   * on it (replicas' lag is measured from its copies) and tracks since when it has been down.
   */
  async checkPrimary(): Promise<PrimaryCheck> {
    if (!this.enabled)
      return {
        primary: this.endpoint.primary,
        epoch: 0,
        up: true,
        writable: true,
        downForMs: 0,
        shouldFailover: false,
      };
    // A probe that gets no answer fails only after PROBE_TIMEOUT_MS: the primary has been silent
    // since the probe was sent, so that is when "down" starts.
    const probedAt = Date.now();
    const states = await this.probeAll();
    const view = this.resolve(states);
    const state = states.find((candidate) => sameServer(candidate.server, view.primary));
    const key = serverKey(view.primary);
    const now = Date.now();
    if (state?.up) {
      this.down = undefined;
      if (!state.readOnly && !state.replica) this.store.heartbeat(state.server);
      return {
        primary: view.primary,
        epoch: view.epoch,
        up: true,
        writable: !state.readOnly,
        downForMs: 0,
        shouldFailover: false,
      };
    }
    if (this.down?.key !== key) this.down = { key, since: probedAt };
    const downForMs = now - this.down.since;
    return {
      primary: view.primary,
      epoch: view.epoch,
      up: false,
      writable: false,
      downForMs,
      shouldFailover: downForMs >= this.failoverTimeoutMs,
      error: state?.error,
    };
  }

  /**
   * Promotes the replica with the most advanced GTID position (received, then applied; ties: the
   * lowest server id) when the epoch's primary does not answer: waits until it has applied its
   * relay log, detaches it, makes it a semi-sync primary, repoints the other replicas to it
   * (MASTER_USE_GTID=slave_pos), clears read_only, and bumps the epoch in `cluster_meta` with a
   * `database_failover` row. Finishes a promotion a previous leader left half-done (a replica
   * already detached or writable is preferred). This node's own writes are switched at once; tell
   * the others.
   *
   * Refuses (FailoverBlocked) when a replica does not answer, unless `force`: with semi-sync
   * waiting for one acknowledgement, that replica may be the only server that received a
   * confirmed booking. Returns `changed: false` when the primary answers again, or another leader
   * holds the lock or has already moved the epoch on.
   * @throws FailoverBlocked; a driver error when a server fails mid-way (safe to call again).
   */
  async failover(options: { reason: string; leaderNodeId?: number; force?: boolean }): Promise<FailoverResult> {
    if (!this.enabled) throw new FailoverBlocked('no replicas are configured (DATABASE_REPLICA_URLS)');
    return this.exclusive.runExclusive(async () => {
      const states = await this.probeAll();
      return this.promote(states, this.resolve(states), options, false);
    });
  }

  /**
   * Repairs the topology around an answering primary: makes the epoch's primary writable (a
   * clean restart leaves every server read-only); fences (read_only) and rejoins as a replica any
   * other server that is not replicating from it — an old primary back from a crash rejoins with
   * MASTER_DEMOTE_TO_SLAVE=1 — and repoints replicas following someone else. If a returning
   * primary is behind a replica (it dropped unacknowledged transactions at recovery, which a
   * replica had received), that replica is promoted instead.
   */
  async reconcile(leaderNodeId?: number): Promise<ReconcileResult> {
    if (!this.enabled) return { actions: [] };
    const planned = await this.probeAll();
    if (!this.needsRepair(planned, this.resolve(planned))) return { actions: [] };
    return this.exclusive.runExclusive(async () => {
      const states = await this.probeAll();
      const view = this.resolve(states);
      const primary = states.find((state) => sameServer(state.server, view.primary));
      if (!primary?.up || !this.needsRepair(states, view)) return { actions: [] };
      const ahead = states.find(
        (state) =>
          state.up &&
          state !== primary &&
          !gtidContains(parseGtidPosition(primary.gtidCurrent), receivedPosition(state)),
      );
      if (primary.readOnly && !primary.replica && ahead) {
        const promoted = await this.promote(
          states,
          view,
          {
            reason: `returning primary ${serverKey(primary.server)} is behind ${serverKey(ahead.server)}`,
            leaderNodeId,
          },
          true,
        );
        return { actions: [`promoted ${serverKey(promoted.primary)}`], promoted };
      }
      const up = states.filter((state) => state.up);
      if (!(await this.lockAll(up))) return { actions: [] };
      try {
        return { actions: await this.repair(primary, up) };
      } finally {
        await this.unlockAll(up);
      }
    });
  }

  /** Each server's role, lag and GTID positions, the epoch and the failover history. Cached 500 ms. */
  status(): Promise<ReplicationStatus> {
    if (!this.enabled)
      return Promise.resolve({
        enabled: false,
        epoch: 0,
        primary: null,
        servers: [],
        history: [],
        checkedAt: new Date().toISOString(),
      });
    const cached = this.statusCache;
    if (cached && Date.now() - cached.at < STATUS_CACHE_MS) return cached.value;
    const value = this.loadStatus();
    this.statusCache = { at: Date.now(), value };
    value.catch(() => this.statusCache?.value === value && (this.statusCache = undefined));
    return value;
  }

  onApplicationShutdown(): void {
    for (const link of this.links.values()) link.drop();
    this.store.close();
  }

  private async loadStatus(): Promise<ReplicationStatus> {
    const states = await this.probeAll();
    const view = this.resolve(states);
    const primaryState = states.find((state) => sameServer(state.server, view.primary));
    return {
      enabled: true,
      epoch: view.epoch,
      primary: view.primary,
      servers: states.map((state) => serverStatus(state, view.primary, primaryState)),
      history: await this.historyFrom(states, primaryState),
      checkedAt: new Date().toISOString(),
    };
  }

  private async promote(
    states: ServerState[],
    view: EpochView,
    options: { reason: string; leaderNodeId?: number; force?: boolean },
    primaryMayAnswer: boolean,
  ): Promise<FailoverResult> {
    const startedAt = Date.now();
    const old = states.find((state) => sameServer(state.server, view.primary));
    const unchanged = (reason: string): FailoverResult => ({
      changed: false,
      reason,
      epoch: view.epoch,
      primary: view.primary,
      previous: null,
      durationMs: Date.now() - startedAt,
      repointed: [],
      unreachable: [],
    });
    if (old?.up && !primaryMayAnswer) return unchanged('the primary answers');
    const others = states.filter((state) => state !== old);
    const missing = others.filter((state) => !state.up).map((state) => serverKey(state.server));
    if (missing.length && !options.force) {
      throw new FailoverBlocked(
        `replica ${missing.join(', ')} does not answer; it may hold acknowledged bookings the others lack (force to promote anyway)`,
      );
    }
    const unreachable = states.filter((state) => !state.up).map((state) => serverKey(state.server));
    const candidates = others.filter((state) => state.up);
    if (!candidates.length) throw new FailoverBlocked('no replica answers');
    const involved = old?.up ? [old, ...candidates] : candidates;
    if (!(await this.lockAll(involved))) return unchanged('another failover holds the lock');
    try {
      // Under the lock, look again: another leader may have finished meanwhile.
      const fresh = await Promise.all(involved.map((state) => probeServer(state.link, this.database)));
      const freshView = this.resolve(fresh);
      if (freshView.epoch !== view.epoch)
        return {
          ...unchanged(`the epoch moved on to ${freshView.epoch}`),
          epoch: freshView.epoch,
          primary: freshView.primary,
        };
      const pool = fresh.filter((state) => state.up && !sameServer(state.server, view.primary));
      const best = pool.find((state) => !state.readOnly && !state.replica) ?? [...pool].sort(byPromotionOrder)[0];
      if (!best) throw new FailoverBlocked('no replica answers');
      const fencedOld = fresh.find((state) => sameServer(state.server, view.primary) && state.up);
      if (fencedOld) await fenceServer(fencedOld.link);
      await this.drainRelayLog(best);
      // STOP SLAVE waits for an IO thread stuck on a hung primary (about 2 s each, measured in
      // test/replication/hung-primary): stop every replica's at once. The others are repointed
      // below and fetch again from the new primary, which has received at least what they have.
      await Promise.all(pool.map((state) => state.link.query('STOP SLAVE')));
      await best.link.query('RESET SLAVE ALL');
      await best.link.query('SET GLOBAL rpl_semi_sync_master_enabled = ON');
      const repointed: string[] = [];
      for (const replica of pool.filter((state) => state !== best)) {
        await this.follow(replica, best.server, false);
        repointed.push(serverKey(replica.server));
      }
      await best.link.query('SET GLOBAL read_only = OFF');
      const epoch = view.epoch + 1;
      const [{ gtid }] = await best.link.query<RowDataPacket[]>('SELECT @@global.gtid_current_pos AS gtid');
      const finishedAt = Date.now();
      const details = {
        candidates: pool.map((state) => ({
          server: serverKey(state.server),
          serverId: state.serverId,
          received: state.replica?.received ?? state.gtidCurrent,
          applied: state.gtidCurrent,
        })),
        repointed,
        unreachable,
      };
      await this.store.recordEpoch(best, epoch, {
        previous: view.primary,
        gtid: String(gtid),
        reason: options.reason,
        leaderNodeId: options.leaderNodeId,
        startedAt,
        finishedAt,
        details,
      });
      this.known = { epoch, primary: best.server };
      this.down = undefined;
      this.statusCache = undefined;
      if (this.endpoint.enabled) this.endpoint.switchTo(best.server, epoch, 'told');
      this.logger.warn(
        `promoted ${serverKey(best.server)} to primary at epoch ${epoch} (${options.reason}) in ${finishedAt - startedAt} ms`,
      );
      return {
        changed: true,
        epoch,
        primary: best.server,
        previous: view.primary,
        gtid: String(gtid),
        durationMs: finishedAt - startedAt,
        repointed,
        unreachable,
      };
    } finally {
      await this.unlockAll(involved);
    }
  }

  /**
   * Waits until the replica has applied its relay log, starting its SQL thread if needed. The IO
   * thread is left running (reconnecting to the dead primary does no harm): were both threads
   * stopped, MariaDB would discard the relay log at the next start (see relayLogUsable).
   * @throws FailoverBlocked on timeout or an SQL-thread error.
   */
  private async drainRelayLog(state: ServerState): Promise<void> {
    if (!relayLogUsable(state)) return;
    if (state.replica!.sqlThread !== 'Yes') await state.link.query('START SLAVE SQL_THREAD');
    const deadline = Date.now() + APPLY_TIMEOUT_MS;
    for (;;) {
      const now = await probeServer(state.link, this.database);
      if (now.up && relayLogApplied(now)) return;
      if (now.replica?.sqlThread === 'No' && now.replica.lastError) {
        throw new FailoverBlocked(`${serverKey(state.server)} cannot apply its relay log: ${now.replica.lastError}`);
      }
      if (Date.now() > deadline)
        throw new FailoverBlocked(
          `${serverKey(state.server)} did not apply its relay log within ${APPLY_TIMEOUT_MS} ms`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Makes `state` a read-only replica of `primary` (GTID slave_pos); `demote` for an old primary's own transactions. */
  private async follow(state: ServerState, primary: ServerAddress, demote: boolean): Promise<void> {
    await fenceServer(state.link);
    await state.link.query('STOP SLAVE');
    await state.link.query('SET GLOBAL rpl_semi_sync_master_enabled = OFF');
    await state.link.query(
      `CHANGE MASTER TO MASTER_HOST = ?, MASTER_PORT = ?, MASTER_USER = ?, MASTER_PASSWORD = ?, MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1${demote ? ', MASTER_DEMOTE_TO_SLAVE = 1' : ''}`,
      [primary.host, primary.port, this.replication.user, this.replication.password],
    );
    await state.link.query('START SLAVE');
  }

  /** The repairs {@link reconcile} would make: the primary read-only, or a server not following it. */
  private needsRepair(states: ServerState[], view: EpochView): boolean {
    const primary = states.find((state) => sameServer(state.server, view.primary));
    if (!primary?.up || primary.replica) return false;
    if (primary.readOnly || !primary.semiSync.master) return true;
    return states.some(
      (state) => state.up && state !== primary && (!state.replica || !sameServer(state.replica.master, view.primary)),
    );
  }

  private async repair(primary: ServerState, up: ServerState[]): Promise<string[]> {
    const actions: string[] = [];
    for (const state of up) {
      if (state === primary) continue;
      if (state.replica && sameServer(state.replica.master, primary.server)) continue;
      await this.follow(state, primary.server, !state.replica);
      actions.push(
        `${serverKey(state.server)}: ${state.replica ? 'repointed to' : 'rejoined as a replica of'} ${serverKey(primary.server)}`,
      );
    }
    if (primary.readOnly || !primary.semiSync.master) {
      // Replicas connected with semi-sync on their side acknowledge as soon as this is on.
      await primary.link.query('SET GLOBAL rpl_semi_sync_master_enabled = ON');
      await primary.link.query('SET GLOBAL read_only = OFF');
      actions.push(`${serverKey(primary.server)}: writable semi-sync primary`);
    }
    if (actions.length) this.logger.warn(`reconciled: ${actions.join('; ')}`);
    this.statusCache = undefined;
    return actions;
  }

  private historyFrom(states: ServerState[], primaryState: ServerState | undefined): Promise<FailoverRecord[]> {
    const source = primaryState?.up ? primaryState : states.find((state) => state.up);
    return source ? this.store.history(source) : Promise.resolve([]);
  }

  private probeAll(): Promise<ServerState[]> {
    return Promise.all(this.servers.map((server) => probeServer(this.links.get(serverKey(server))!, this.database)));
  }

  /** The newest epoch any server holds (or this process knows) and its primary; epoch 0: `DATABASE_URL`. */
  private resolve(states: ServerState[]): EpochView {
    let view: EpochView = this.known ?? { epoch: 0, primary: this.servers[0] };
    for (const state of states) {
      const meta = state.meta;
      if (meta?.primary && meta.epoch > view.epoch) {
        const known = this.servers.find((server) => sameServer(server, meta.primary));
        if (known) view = { epoch: meta.epoch, primary: known };
      }
    }
    this.known = view.epoch > 0 ? view : this.known;
    return view;
  }

  /** Takes the failover lock on every server of `states` (server id order); all or none. */
  private async lockAll(states: ServerState[]): Promise<boolean> {
    const ordered = [...states].sort((a, b) => a.serverId - b.serverId);
    const taken: ServerState[] = [];
    for (const state of ordered) {
      const [row] = await state.link
        .query<RowDataPacket[]>('SELECT GET_LOCK(?, 0) AS granted', [LOCK_NAME])
        .catch(() => [undefined]);
      if (Number(row?.granted) !== 1) {
        await this.unlockAll(taken);
        return false;
      }
      taken.push(state);
    }
    return true;
  }

  private async unlockAll(states: ServerState[]): Promise<void> {
    await Promise.all(
      states.map((state) => state.link.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]).catch(() => undefined)),
    );
  }
}

import { ServerAddress } from './database-server';

/**
 * A database server's part in the topology: `primary` (the epoch's primary, answering),
 * `replica` (replicating), `fenced` (read-only, not replicating: e.g. an old primary back from a
 * crash, before it rejoins), `stale-primary` (writable but not the epoch's primary: must not be
 * written to), `down` (does not answer).
 */
export type DatabaseRole = 'primary' | 'replica' | 'fenced' | 'stale-primary' | 'down';

/** One server as GET /api/cluster shows it (`databases[]`). */
export interface DatabaseServerStatus extends ServerAddress {
  serverId: number | null;
  role: DatabaseRole;
  readOnly: boolean | null;
  /**
   * How far behind the primary its data is (ms): from the heartbeat the leader writes on the
   * primary (resolution: the heartbeat period), at least Seconds_Behind_Master; 0 for the primary;
   * null when unknown (down, or no heartbeat yet and not replicating).
   */
  lagMs: number | null;
  secondsBehindMaster: number | null;
  /** Transactions of the primary's binlog not yet applied here (domain 0), when both answer. */
  transactionsBehind: number | null;
  /** @@gtid_current_pos: the last transaction in this server's data, written or replicated. */
  gtid: string | null;
  /** Gtid_IO_Pos: the last transaction received into the relay log (replicas). */
  gtidReceived: string | null;
  /** @@gtid_slave_pos: the last replicated transaction applied. */
  gtidApplied: string | null;
  /** `host:port` of the server it replicates from, if any. */
  replicatingFrom: string | null;
  ioThread: string | null;
  sqlThread: string | null;
  lastError: string | null;
  semiSync: { master: boolean; masterClients: number; replica: boolean } | null;
  /** The `cluster_meta` epoch this server holds (replicated from the primary). */
  epoch: number | null;
  /** Why it does not answer, when down. */
  error?: string;
}

/** One promotion, from `database_failover`. */
export interface FailoverRecord {
  epoch: number;
  previousPrimary: string | null;
  newPrimary: string;
  gtid: string;
  reason: string;
  leaderNodeId: number | null;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  details: unknown;
}

/** The replicated database as the failover sees it. */
export interface ReplicationStatus {
  /** False without replicas (SQLite, or one MySQL server): the rest is empty. */
  enabled: boolean;
  /** The newest epoch any server (or this process) knows. */
  epoch: number;
  /** The primary of that epoch. */
  primary: ServerAddress | null;
  servers: DatabaseServerStatus[];
  /** Newest first, at most 20. */
  history: FailoverRecord[];
  checkedAt: string;
}

/** One look at the primary (PrimaryFailover.checkPrimary). */
export interface PrimaryCheck {
  primary: ServerAddress;
  epoch: number;
  /** It answered. */
  up: boolean;
  /** It answered and is writable. */
  writable: boolean;
  /** How long it has not answered (ms; 0 when up). */
  downForMs: number;
  /** Down for at least DATABASE_FAILOVER_TIMEOUT_MS: time to promote a replica. */
  shouldFailover: boolean;
  error?: string;
}

/** What PrimaryFailover.failover did. */
export interface FailoverResult {
  /** True when a replica was promoted (and the epoch bumped) by this call. */
  changed: boolean;
  /** Why nothing was done, when `changed` is false. */
  reason?: string;
  /** The epoch in force afterwards, and its primary: tell every node (DatabaseService.switchPrimary). */
  epoch: number;
  primary: ServerAddress;
  previous: ServerAddress | null;
  /** The new primary's GTID position when it took over. */
  gtid?: string;
  durationMs: number;
  /** `host:port` of replicas now replicating from the new primary. */
  repointed: string[];
  /** `host:port` of servers that did not answer (the old primary, at least). */
  unreachable: string[];
}

/** What PrimaryFailover.reconcile changed (`host:port: what`), if anything. */
export interface ReconcileResult {
  actions: string[];
  /** A returning primary was behind a replica, so that replica was promoted instead. */
  promoted?: FailoverResult;
}

/** One run of the leader's task (PrimaryFailover.tick). */
export interface FailoverTick {
  check: PrimaryCheck;
  /** Set when this run promoted a replica: broadcast `{ epoch, primary }` to every node. */
  promoted?: FailoverResult;
  reconciled?: ReconcileResult;
}

/** A promotion that must not or cannot go ahead (e.g. a replica that may hold acknowledged bookings is unreachable). */
export class FailoverBlocked extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FailoverBlocked';
  }
}

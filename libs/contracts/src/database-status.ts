// The database part of GET /api/cluster: produced by libs/failover, served by libs/cluster.

/**
 * A database server's part in the topology: `primary` (the epoch's primary, answering),
 * `replica` (replicating), `fenced` (read-only, not replicating: e.g. an old primary back from a
 * crash, before it rejoins), `stale-primary` (writable but not the epoch's primary: must not be
 * written to), `down` (does not answer).
 */
export type DatabaseRole = 'primary' | 'replica' | 'fenced' | 'stale-primary' | 'down';

/** One server as GET /api/cluster shows it (`databases[]`). */
export interface DatabaseServerStatus {
  host: string;
  port: number;
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

/** The database part of `GET /api/cluster`. */
export interface DatabaseStatus {
  /** Bumped by every primary failover (0 before the first, and without replicas). */
  epoch: number;
  /** Each configured server, in the configured order (DATABASE_URL first). */
  databases: DatabaseServerStatus[];
  /** Primary failovers, newest first. */
  failovers: FailoverRecord[];
}

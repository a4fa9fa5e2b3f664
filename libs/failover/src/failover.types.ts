import type { DatabaseServerStatus, FailoverRecord } from '@app/contracts';
import { ServerAddress } from '@app/database';

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
  /** The epoch in force afterwards, and its primary: tell every node (PrimaryEndpoint.switchTo, through an EPOCH message). */
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

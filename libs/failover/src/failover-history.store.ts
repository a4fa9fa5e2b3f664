import { RowDataPacket } from 'mysql2/promise';
import type { FailoverRecord } from '@app/contracts';
import { Credentials, quoteName, ServerAddress, serverKey, SqlLink, writeEpoch, writeHeartbeat } from '@app/database';
import { ServerState } from './server-probe';

/** Ceiling of the epoch write on a new primary (ms): its COMMIT may wait out the semi-sync timeout. */
const EPOCH_WRITE_TIMEOUT_MS = 30_000;
/** Ceiling of one heartbeat write (ms); the next one is skipped while it waits. */
const HEARTBEAT_TIMEOUT_MS = 10_000;
/** History rows the status shows. */
const HISTORY_LIMIT = 20;

/** What a promotion leaves in `database_failover`. */
export interface PromotionRecord {
  previous: ServerAddress;
  gtid: string;
  reason: string;
  leaderNodeId?: number;
  startedAt: number;
  finishedAt: number;
  details: unknown;
}

/**
 * The failover's writes in the app database, over admin links: its own `database_failover`
 * (history), and — through libs/database's statements — `cluster_meta` (the epoch and its
 * primary, the heartbeat). Written on the primary only, so they replicate like any row.
 */
export class FailoverHistoryStore {
  private readonly heartbeatLinks = new Map<string, SqlLink>();
  private heartbeatPending = false;

  constructor(
    private readonly databaseName: string,
    private readonly admin: Credentials,
  ) {}

  /** The app database, quoted. @throws Error for an unusable name. */
  private get database(): string {
    return quoteName(this.databaseName);
  }

  /** Writes `epoch` naming `primary`, and the history row, in one transaction on `primary`. */
  async recordEpoch(primary: ServerState, epoch: number, record: PromotionRecord): Promise<void> {
    const link = primary.link;
    await link.query('START TRANSACTION');
    try {
      await writeEpoch(link, this.databaseName, epoch, primary.server, record.finishedAt, EPOCH_WRITE_TIMEOUT_MS);
      await link.query(
        `INSERT INTO ${this.database}.database_failover
           (epoch, previous_primary, new_primary, gtid, reason, leader_node_id, started_at, finished_at, details)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          epoch,
          serverKey(record.previous),
          serverKey(primary.server),
          record.gtid,
          record.reason.slice(0, 300),
          record.leaderNodeId ?? null,
          record.startedAt,
          record.finishedAt,
          JSON.stringify(record.details),
        ],
        EPOCH_WRITE_TIMEOUT_MS,
      );
      // The COMMIT waits for a semi-sync acknowledgement: up to rpl_semi_sync_master_timeout when
      // no replica can give one yet.
      await link.query('COMMIT', [], EPOCH_WRITE_TIMEOUT_MS);
    } catch (error) {
      await link.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /**
   * Writes the heartbeat replicas' lag is measured by (the primary's clock, epoch ms) on its own
   * link; skipped while the previous one still waits (e.g. for a semi-sync acknowledgement).
   */
  heartbeat(primary: ServerAddress): void {
    if (this.heartbeatPending) return;
    this.heartbeatPending = true;
    writeHeartbeat(this.heartbeatLink(primary), this.databaseName, HEARTBEAT_TIMEOUT_MS)
      .catch(() => undefined)
      .finally(() => (this.heartbeatPending = false));
  }

  /** The newest promotions, read on `source`; empty when it cannot be read. */
  async history(source: ServerState): Promise<FailoverRecord[]> {
    try {
      const rows = await source.link.query<RowDataPacket[]>(
        `SELECT * FROM ${this.database}.database_failover ORDER BY id DESC LIMIT ${HISTORY_LIMIT}`,
      );
      return rows.map((row) => ({
        epoch: Number(row.epoch),
        previousPrimary: row.previous_primary,
        newPrimary: row.new_primary,
        gtid: row.gtid,
        reason: row.reason,
        leaderNodeId: row.leader_node_id === null ? null : Number(row.leader_node_id),
        startedAt: new Date(Number(row.started_at)).toISOString(),
        finishedAt: new Date(Number(row.finished_at)).toISOString(),
        durationMs: Number(row.finished_at) - Number(row.started_at),
        details: parseJson(row.details),
      }));
    } catch {
      return [];
    }
  }

  /** Closes the heartbeat links. */
  close(): void {
    for (const link of this.heartbeatLinks.values()) link.drop();
  }

  private heartbeatLink(server: ServerAddress): SqlLink {
    const key = serverKey(server);
    let link = this.heartbeatLinks.get(key);
    if (!link) {
      link = new SqlLink(server, this.admin);
      this.heartbeatLinks.set(key, link);
    }
    return link;
  }
}

function parseJson(text: unknown): unknown {
  try {
    return JSON.parse(String(text));
  } catch {
    return text;
  }
}

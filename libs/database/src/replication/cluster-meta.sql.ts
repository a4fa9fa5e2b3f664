import { RowDataPacket } from 'mysql2/promise';
import { ServerAddress } from './database-server';
import { SqlLink } from './sql-link';

// Every statement on `cluster_meta` (libs/database owns the table: the epoch this node's writes
// are fenced by, its primary, and the leader's heartbeat), for the write endpoint's discovery, the
// transaction fence, and the failover (libs/failover) that writes it on a new primary.

/** The one row of `cluster_meta` as a server holds it. */
export interface ClusterMetaRow {
  epoch: number;
  /** The epoch's primary; null before the first failover. */
  primary: ServerAddress | null;
  /** The leader's last heartbeat on the primary (its clock, epoch ms), if any. */
  heartbeatAt: number | null;
}

/**
 * The first statement of every write transaction with replicas (DatabaseService.transaction):
 * the server's read_only flag and the epoch it holds.
 */
export const EPOCH_FENCE_SQL =
  'SELECT @@global.read_only AS readOnly, (SELECT epoch FROM cluster_meta WHERE id = 1) AS epoch';

/** A backtick-quoted identifier. @throws Error for names with characters outside [A-Za-z0-9_$]. */
export function quoteName(name: string): string {
  if (!/^[A-Za-z0-9_$]+$/.test(name)) throw new Error(`unsupported database name "${name}"`);
  return `\`${name}\``;
}

/**
 * Reads the `cluster_meta` row of `database` on `link`'s server; null when there is none, or no
 * such database or table yet (before migrations). @throws the driver error otherwise.
 */
export async function readClusterMeta(
  link: SqlLink,
  database: string,
  timeoutMs: number,
): Promise<ClusterMetaRow | null> {
  try {
    const [row] = await link.query<RowDataPacket[]>(
      `SELECT epoch, primary_host AS host, primary_port AS port, heartbeat_at AS heartbeatAt FROM ${quoteName(database)}.cluster_meta WHERE id = 1`,
      [],
      timeoutMs,
    );
    if (!row) return null;
    return {
      epoch: Number(row.epoch),
      primary: row.host ? { host: String(row.host), port: Number(row.port) } : null,
      heartbeatAt: row.heartbeatAt === null || row.heartbeatAt === undefined ? null : Number(row.heartbeatAt),
    };
  } catch (error) {
    if ([1049, 1146].includes((error as { errno?: number }).errno ?? 0)) return null;
    throw error;
  }
}

/**
 * Writes `epoch` naming `primary` (changed at `changedAt`, epoch ms) and a heartbeat, on `link`'s
 * server, inside the caller's transaction.
 */
export async function writeEpoch(
  link: SqlLink,
  database: string,
  epoch: number,
  primary: ServerAddress,
  changedAt: number,
  timeoutMs: number,
): Promise<void> {
  await link.query(
    `INSERT INTO ${quoteName(database)}.cluster_meta (id, epoch, primary_host, primary_port, changed_at, heartbeat_at)
     VALUES (1, ?, ?, ?, ?, ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000))
     ON DUPLICATE KEY UPDATE epoch = VALUES(epoch), primary_host = VALUES(primary_host), primary_port = VALUES(primary_port),
       changed_at = VALUES(changed_at), heartbeat_at = VALUES(heartbeat_at)`,
    [epoch, primary.host, primary.port, changedAt],
    timeoutMs,
  );
}

/** Writes the heartbeat (the server's clock, epoch ms) replicas' lag is measured by. */
export async function writeHeartbeat(link: SqlLink, database: string, timeoutMs: number): Promise<void> {
  await link.query(
    `INSERT INTO ${quoteName(database)}.cluster_meta (id, epoch, heartbeat_at) VALUES (1, 0, ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000))
     ON DUPLICATE KEY UPDATE heartbeat_at = VALUES(heartbeat_at)`,
    [],
    timeoutMs,
  );
}

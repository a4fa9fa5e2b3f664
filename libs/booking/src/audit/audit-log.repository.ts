import { Injectable } from '@nestjs/common';
import type { VectorTimestamp } from '@app/cluster';
import { DatabaseService } from '@app/database';

/** One booking or cancellation as stored: `(lamportTs, nodeId)` is its place in the cluster's write order. */
export interface AuditRow {
  kind: 'booking' | 'cancellation';
  lamportTs: number;
  nodeId: number;
  code: string;
  showId: number;
  seatCount: number;
  at: Date;
  /** Its vector timestamp; null for writes stored before vector clocks. */
  vector: VectorTimestamp | null;
}

/**
 * Bookings and cancellations (both rows of `booking`) as one sequence of events; `where` is a
 * condition on `lamport_ts` and `node_id` (repeated in each part, so the indexes serve it) with
 * its parameters, given once per part.
 */
function eventsWhere(where: string): string {
  const part = (column: (name: string) => string) => where.replace(/\b(lamport_ts|node_id)\b/g, column);
  return `SELECT 'booking' AS kind, lamport_ts, node_id, code, show_id, seat_count, created_at AS at, vector_clock AS vector
     FROM booking
    WHERE ${part((name) => name)}
   UNION ALL
   SELECT 'cancellation' AS kind, cancel_lamport_ts AS lamport_ts, cancel_node_id AS node_id, code, show_id, seat_count,
          cancelled_at AS at, cancel_vector_clock AS vector
     FROM booking
    WHERE cancel_lamport_ts IS NOT NULL AND ${part((name) => `cancel_${name}`)}`;
}

/**
 * Reads the cluster's writes (bookings and cancellations, both in the `booking` table) as one
 * sequence of events ordered by (Lamport timestamp, node id), a page at a time after a cursor.
 */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Up to `limit` events after `(afterTs, afterNode)` in (lamport_ts, node_id) order; optionally of one show. */
  async page(afterTs: number, afterNode: number, limit: number, showId?: number): Promise<AuditRow[]> {
    const show = showId === undefined ? '' : ' AND show_id = ?';
    const showParam = showId === undefined ? [] : [showId];
    const after = [afterTs, afterTs, afterNode, ...showParam];
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      `SELECT * FROM (${eventsWhere(`(lamport_ts > ? OR (lamport_ts = ? AND node_id > ?))${show}`)}) events
        ORDER BY lamport_ts, node_id
        LIMIT ?`,
      [...after, ...after, limit],
    );
    return rows.map(toRow);
  }

  /** The event stamped `(lamportTs, nodeId)` (the pair is unique: a node ticks its clock for every write), or undefined. */
  async find(lamportTs: number, nodeId: number): Promise<AuditRow | undefined> {
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      `SELECT * FROM (${eventsWhere('lamport_ts = ? AND node_id = ?')}) events LIMIT 1`,
      [lamportTs, nodeId, lamportTs, nodeId],
    );
    return rows.length ? toRow(rows[0]) : undefined;
  }
}

function toRow(row: Record<string, unknown>): AuditRow {
  return {
    kind: row.kind === 'cancellation' ? 'cancellation' : 'booking',
    lamportTs: Number(row.lamport_ts),
    nodeId: Number(row.node_id),
    code: String(row.code),
    showId: Number(row.show_id),
    seatCount: Number(row.seat_count),
    at: toDate(row.at),
    vector: parseVector(row.vector),
  };
}

/** The stored JSON of a vector timestamp, or null (absent or unreadable). */
function parseVector(value: unknown): VectorTimestamp | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = JSON.parse(value) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as VectorTimestamp) : null;
  } catch {
    return null;
  }
}

/** MySQL hands back a Date; SQLite the UTC text TypeORM stored (`YYYY-MM-DD HH:MM:SS.SSS`). */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

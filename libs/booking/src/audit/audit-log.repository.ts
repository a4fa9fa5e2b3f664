import { Injectable } from '@nestjs/common';
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
    const rows: Record<string, unknown>[] = await this.db.manager.query(
      `SELECT kind, lamport_ts, node_id, code, show_id, seat_count, at FROM (
         SELECT 'booking' AS kind, lamport_ts, node_id, code, show_id, seat_count, created_at AS at
           FROM booking
          WHERE (lamport_ts > ? OR (lamport_ts = ? AND node_id > ?))${show}
         UNION ALL
         SELECT 'cancellation' AS kind, cancel_lamport_ts AS lamport_ts, cancel_node_id AS node_id, code, show_id, seat_count, cancelled_at AS at
           FROM booking
          WHERE cancel_lamport_ts IS NOT NULL
            AND (cancel_lamport_ts > ? OR (cancel_lamport_ts = ? AND cancel_node_id > ?))${show}
       ) events
       ORDER BY lamport_ts, node_id
       LIMIT ?`,
      [afterTs, afterTs, afterNode, ...showParam, afterTs, afterTs, afterNode, ...showParam, limit],
    );
    return rows.map((row) => ({
      kind: row.kind === 'cancellation' ? 'cancellation' : 'booking',
      lamportTs: Number(row.lamport_ts),
      nodeId: Number(row.node_id),
      code: String(row.code),
      showId: Number(row.show_id),
      seatCount: Number(row.seat_count),
      at: toDate(row.at),
    }));
  }
}

/** MySQL hands back a Date; SQLite the UTC text TypeORM stored (`YYYY-MM-DD HH:MM:SS.SSS`). */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

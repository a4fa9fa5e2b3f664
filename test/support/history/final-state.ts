import { RowDataPacket } from 'mysql2/promise';
import { Instance, MariadbCluster } from '../mariadb-cluster';
import { FinalState, ServerDigest, StoredBooking, StoredShowSeat } from './checker';

/**
 * Reads what {@link checkHistory} needs from a MariaDB test cluster: the bookings and show_seat rows
 * of `showIds` on `primary`, and a digest (GTID position; CRC32 sums of booking and show_seat rows)
 * of the primary and of each of `replicas`. Call it once the faults healed and the replicas caught up.
 */
export async function readFinalState(
  cluster: MariadbCluster,
  database: string,
  showIds: number[],
  primary: Instance,
  replicas: Instance[],
): Promise<FinalState> {
  const shows = showIds.length ? showIds.map(Number).join(',') : 'NULL';
  const bookingRows = await cluster.sql<RowDataPacket[]>(
    primary,
    `SELECT b.code, b.show_id AS showId, b.state, b.idempotency_key AS idempotencyKey, b.hold_id AS holdId,
            h.expires_at AS holdExpiresAtMs, ROUND(UNIX_TIMESTAMP(b.created_at) * 1000) AS createdAtMs,
            GROUP_CONCAT(bs.seat_id ORDER BY bs.seat_id) AS seatIds
       FROM ${database}.booking b
       JOIN ${database}.booking_seat bs ON bs.booking_id = b.id
       LEFT JOIN ${database}.hold h ON h.id = b.hold_id
      WHERE b.show_id IN (${shows})
      GROUP BY b.id`,
  );
  const bookings: StoredBooking[] = bookingRows.map((row) => ({
    code: String(row.code),
    showId: Number(row.showId),
    state: row.state,
    idempotencyKey: row.idempotencyKey ?? null,
    holdId: row.holdId ?? null,
    holdExpiresAtMs: row.holdExpiresAtMs == null ? null : Number(row.holdExpiresAtMs),
    createdAtMs: Number(row.createdAtMs),
    seatIds: String(row.seatIds).split(',').map(Number),
  }));
  const seatRows = await cluster.sql<RowDataPacket[]>(
    primary,
    `SELECT ss.show_id AS showId, ss.seat_id AS seatId, ss.state, b.code AS bookingCode
       FROM ${database}.show_seat ss LEFT JOIN ${database}.booking b ON b.id = ss.booking_id
      WHERE ss.show_id IN (${shows})`,
  );
  const showSeats: StoredShowSeat[] = seatRows.map((row) => ({
    showId: Number(row.showId),
    seatId: Number(row.seatId),
    state: row.state,
    bookingCode: row.bookingCode ?? null,
  }));
  const digest = async (instance: Instance): Promise<ServerDigest> => {
    const [row] = await cluster.sql<RowDataPacket[]>(
      instance,
      `SELECT @@global.gtid_current_pos AS gtid, CONCAT(
         (SELECT COUNT(*) FROM ${database}.booking), '/',
         (SELECT COALESCE(SUM(CRC32(CONCAT_WS(',', id, code, state, show_id))), 0) FROM ${database}.booking), '/',
         (SELECT COALESCE(SUM(CRC32(CONCAT_WS(',', id, state, COALESCE(booking_id, 0), COALESCE(hold_id, '')))), 0)
            FROM ${database}.show_seat)) AS rows_digest`,
    );
    return { name: `instance ${instance}`, gtid: String(row.gtid), rows: String(row.rows_digest) };
  };
  return {
    bookings,
    showSeats,
    primary: await digest(primary),
    replicas: await Promise.all(replicas.map(digest)),
  };
}

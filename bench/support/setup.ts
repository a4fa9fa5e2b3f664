import { randomBytes } from 'node:crypto';
import { createConnection, Connection, RowDataPacket } from 'mysql2/promise';
import { HOST } from './processes';
import type { SeatView } from '@app/catalog';

/** Where MariaDB listens (root, empty password), and the benchmarks' own database. */
export const DB = {
  host: HOST,
  port: Number(process.env.BENCH_DB_PORT ?? 3306),
  user: 'root',
  password: '',
  database: process.env.BENCH_DB_NAME ?? 'marquee_bench',
};
/**
 * The API's DATABASE_URL. The scheme picks TypeORM's dialect: `mariadb` (default here: the server
 * is MariaDB, and the project's tests and cluster script use it) or `mysql` (BENCH_DB_SCHEME=mysql).
 */
export const DATABASE_URL = `${process.env.BENCH_DB_SCHEME ?? 'mariadb'}://${DB.user}@${DB.host}:${DB.port}/${DB.database}`;

/** The environment every benchmark gives the API node (see docs/benchmarks.md). */
export function apiEnv(adminToken: string): Record<string, string> {
  return {
    DATABASE_URL,
    SEED_ON_EMPTY: 'false',
    // The config schema caps RATE_LIMIT_PER_MINUTE at 1,000,000 (100,000,000 stops boot);
    // 1,000,000 a minute is far above anything the benchmarks send.
    RATE_LIMIT_PER_MINUTE: process.env.BENCH_RATE_LIMIT ?? '1000000',
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
    // Nothing is imported during a benchmark; should anything try, it stays on this machine.
    TMDB_BASE_URL: 'http://127.0.0.1:9',
  };
}

export const newAdminToken = () => `bench-${randomBytes(12).toString('hex')}`;

/** Drops and creates the benchmark database (the API node migrates it when it starts). */
export async function recreateDatabase(): Promise<void> {
  if (!/^[A-Za-z0-9_]+$/.test(DB.database)) throw new Error(`bad database name ${DB.database}`);
  const connection = await createConnection({ host: DB.host, port: DB.port, user: DB.user, password: DB.password });
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${DB.database}\``);
    await connection.query(`CREATE DATABASE \`${DB.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
}

/**
 * A connection to the benchmark database with the server's default isolation (REPEATABLE READ),
 * which is what DatabaseService.transaction uses since it stopped sending SET TRANSACTION.
 */
export async function connect(): Promise<Connection> {
  return createConnection({ ...DB, supportBigNumbers: true, bigNumberStrings: true, timezone: 'Z' });
}

/** A seat as the seat map shows it. */
export type MapSeat = SeatView & { priceCents: number; state: string };

/** Shows on one screen (so they share seat ids) and that screen's seats in layout order. */
export interface BenchShows {
  showIds: number[];
  seats: MapSeat[];
  /** Seats by row index, in seat-number order. */
  rows: MapSeat[][];
}

/** `rows` rows of `perRow` standard seats. */
export const gridLayout = (rows: number, perRow: number) => Array.from({ length: rows }, () => 's'.repeat(perRow));

async function call<T>(api: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** GET the seat map of `showId`. */
export async function seatMap(
  api: string,
  showId: number,
): Promise<{ bytes: Buffer; etag: string | null; seats: MapSeat[] }> {
  const response = await fetch(`${api}/api/shows/${showId}/seats`);
  if (!response.ok)
    throw new Error(`GET seat map of show ${showId} answered ${response.status}: ${await response.text()}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return {
    bytes,
    etag: response.headers.get('etag'),
    seats: (JSON.parse(bytes.toString()) as { seats: MapSeat[] }).seats,
  };
}

/**
 * Creates a theater, a screen with `layout` and `count` shows of one movie on it, starting
 * tomorrow 08:00 UTC, 2.5 h apart, through the admin HTTP API; the movie is inserted with SQL because
 * the API has no endpoint for it (movies come from the TMDB import). Checks each show's seat map.
 */
export async function createShows(api: string, token: string, layout: string[], count: number): Promise<BenchShows> {
  const connection = await connect();
  let movieId: number;
  try {
    const tag = randomBytes(4).toString('hex');
    const [result] = await connection.query(
      'INSERT INTO movie (tmdb_id, title, original_title, genres, runtime_min) VALUES (?, ?, ?, ?, ?)',
      [Math.floor(Math.random() * 1e9), `Bench film ${tag}`, `Bench film ${tag}`, JSON.stringify(['Drama']), 100],
    );
    movieId = (result as { insertId: number }).insertId;
  } finally {
    await connection.end();
  }
  const tag = randomBytes(4).toString('hex');
  const theater = await call<{ id: number }>(api, token, 'POST', '/api/admin/theaters', {
    name: `Bench theater ${tag}`,
    city: 'Benchville',
  });
  const screen = await call<{ id: number; seatCount: number }>(api, token, 'POST', '/api/admin/screens', {
    theaterId: theater.id,
    name: 'Screen 1',
    layout,
  });
  const tomorrow = new Date();
  tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
  tomorrow.setUTCHours(8, 0, 0, 0);
  const showIds: number[] = [];
  for (let i = 0; i < count; i++) {
    const startsAt = new Date(tomorrow.getTime() + i * 150 * 60_000).toISOString();
    const show = await call<{ id: number }>(api, token, 'POST', '/api/admin/shows', {
      movieId,
      screenId: screen.id,
      startsAt,
      priceCents: 1000,
    });
    showIds.push(show.id);
  }
  const expected = layout.join('').replace(/_/g, '').length;
  let seats: MapSeat[] = [];
  for (const showId of showIds) {
    const map = await seatMap(api, showId);
    if (map.seats.length !== expected || map.seats.some((seat) => seat.state !== 'available')) {
      throw new Error(`show ${showId}: expected ${expected} available seats, the seat map has ${map.seats.length}`);
    }
    seats = map.seats;
  }
  const rows: MapSeat[][] = [];
  for (const seat of seats) (rows[seat.rowIndex] ??= []).push(seat);
  for (const row of rows) row.sort((a, b) => a.number - b.number);
  return { showIds, seats, rows };
}

/** The oversell check of one show, straight from the database. */
export interface OversellCheck {
  bookings: number;
  seatsBooked: number;
  bookingSeatRows: number;
  seatsInTwoBookings: number;
  mismatchedRows: number;
  pass: boolean;
}

/**
 * Seats booked == 2 × confirmed bookings, no seat in two bookings, every booking_seat row matches
 * a show_seat row booked by that booking, and (when given) the client's 201 count equals the
 * bookings in the database.
 */
export async function oversellCheck(
  showId: number,
  seatsPerBooking: number,
  clientSuccesses?: number,
): Promise<OversellCheck> {
  const connection = await connect();
  try {
    const one = async (sql: string) => {
      const [rows] = await connection.query<RowDataPacket[]>(sql, [showId]);
      return Number(rows[0]?.n ?? 0);
    };
    const bookings = await one(`SELECT COUNT(*) AS n FROM booking WHERE show_id = ? AND state = 'confirmed'`);
    const seatsBooked = await one(`SELECT COUNT(*) AS n FROM show_seat WHERE show_id = ? AND state = 'booked'`);
    const bookingSeatRows = await one(
      `SELECT COUNT(*) AS n FROM booking_seat bs JOIN booking b ON b.id = bs.booking_id WHERE b.show_id = ?`,
    );
    const seatsInTwoBookings = await one(
      `SELECT COUNT(*) AS n FROM (SELECT bs.seat_id FROM booking_seat bs JOIN booking b ON b.id = bs.booking_id
        WHERE b.show_id = ? AND b.state = 'confirmed' GROUP BY bs.seat_id HAVING COUNT(*) > 1) t`,
    );
    const mismatchedRows = await one(
      `SELECT COUNT(*) AS n FROM booking_seat bs JOIN booking b ON b.id = bs.booking_id
        LEFT JOIN show_seat ss ON ss.show_id = b.show_id AND ss.seat_id = bs.seat_id
        WHERE b.show_id = ? AND (ss.id IS NULL OR ss.state <> 'booked' OR ss.booking_id <> b.id)`,
    );
    const pass =
      seatsBooked === seatsPerBooking * bookings &&
      bookingSeatRows === seatsPerBooking * bookings &&
      seatsInTwoBookings === 0 &&
      mismatchedRows === 0 &&
      (clientSuccesses === undefined || clientSuccesses === bookings);
    return { bookings, seatsBooked, bookingSeatRows, seatsInTwoBookings, mismatchedRows, pass };
  } finally {
    await connection.end();
  }
}

export function describeCheck(check: OversellCheck, seatsPerBooking: number, clientSuccesses?: number): string {
  return (
    `${check.pass ? 'PASS' : 'FAIL'}: ${check.seatsBooked} seats booked = ${seatsPerBooking} × ${check.bookings} bookings ` +
    `(${check.seatsBooked === seatsPerBooking * check.bookings ? 'yes' : 'NO'}); seats in two bookings: ${check.seatsInTwoBookings}; ` +
    `booking_seat rows not matching show_seat: ${check.mismatchedRows}` +
    (clientSuccesses === undefined ? '' : `; client saw ${clientSuccesses} × 201`)
  );
}

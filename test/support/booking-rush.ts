import { RowDataPacket } from 'mysql2/promise';
import { ClusterRunner } from '../../scripts/cluster/cluster-runner';
import { startTestCluster } from './cluster';
import { HistoryRecorder, outcomeOfStatus } from './history/history';
import { MariadbCluster } from './mariadb-cluster';

// The booking rush of the fault tests (test/replication): shows written straight into a MariaDB
// test cluster, clients that book through random nodes and retry like the CLI, every request
// recorded in a history (test/support/history).

/** How big a rush is: attempts, clients at once, and after how many finished attempts the fault comes. */
export interface RushSize {
  attempts: number;
  concurrency: number;
  faultAfter: number;
}
export const CHAOS_RUSH: RushSize = { attempts: 3_000, concurrency: 24, faultAfter: 1_000 };
const SHOWS = 6;
const ROWS = 30;

/** A POST /api/bookings body. */
export interface BookingBody {
  showId: number;
  seatIds?: number[];
  count?: number;
  customer: { name: string; email: string };
}

/** One logical booking attempt (one Idempotency-Key) and its final answer. */
export interface Attempt {
  key: string;
  body: BookingBody;
  status: number | 'gave-up';
  code?: string;
  seats?: number[];
  showId: number;
  /** When the final answer came, and when the request that got it was sent (epoch ms). */
  at: number;
  sentAt: number;
  /** The answer replays an earlier success (same Idempotency-Key). */
  replayed: boolean;
  tries: number;
}

/**
 * Three API processes on `cluster` with leader-driven failover tuned for fault tests (failure
 * timeout 1.5 s, epoch poll 1 s), no nginx; `env` adds or overrides variables.
 */
export function startRushNodes(cluster: MariadbCluster, env: Record<string, string> = {}): Promise<ClusterRunner> {
  return startTestCluster({
    nodes: 3,
    proxy: false,
    env: cluster.appEnv({
      DATABASE_FAILOVER: 'auto',
      DATABASE_FAILOVER_TIMEOUT_MS: '1500',
      DATABASE_EPOCH_POLL_MS: '1000',
      LOG_LEVEL: 'warn',
      ...env,
    }),
  });
}

/** Shows with ROWS rows of 10 seats each, written straight into the database; returns their ids and seat ids. */
export async function makeShows(cluster: MariadbCluster, database: string): Promise<{ id: number; seats: number[] }[]> {
  const tag = Date.now();
  await cluster.sql(1, `INSERT INTO ${database}.theater (name, city) VALUES (?, 'Chaos')`, [`Chaos ${tag}`]);
  const theaterId = Number(await cluster.value(1, 'SELECT LAST_INSERT_ID()'));
  const layout = JSON.stringify(Array.from({ length: ROWS }, () => 'ssssssssss'));
  await cluster.sql(
    1,
    `INSERT INTO ${database}.movie (tmdb_id, title, original_title, genres) VALUES (?, 'Chaos', 'Chaos', '["Drama"]')`,
    [1_900_000_000 + (tag % 100_000_000)],
  );
  const movieId = Number(await cluster.value(1, 'SELECT LAST_INSERT_ID()'));
  const shows: { id: number; seats: number[] }[] = [];
  for (let index = 0; index < SHOWS; index++) {
    await cluster.sql(1, `INSERT INTO ${database}.screen (theater_id, name, layout, seat_count) VALUES (?, ?, ?, ?)`, [
      theaterId,
      `Screen ${index}`,
      layout,
      ROWS * 10,
    ]);
    const screenId = Number(await cluster.value(1, 'SELECT LAST_INSERT_ID()'));
    const seatRows = Array.from({ length: ROWS * 10 }, (_, seat) => {
      const row = Math.floor(seat / 10);
      return `(${screenId}, '${rowLabel(row)}', ${row}, ${(seat % 10) + 1}, ${seat % 10}, 'standard')`;
    });
    await cluster.sql(
      1,
      `INSERT INTO ${database}.seat (screen_id, row_label, row_index, number, col, kind) VALUES ${seatRows.join(',')}`,
    );
    const startsAt = new Date(Date.now() + 86_400_000 * (index + 1)).toISOString().slice(0, 19).replace('T', ' ');
    const endsAt = new Date(Date.now() + 86_400_000 * (index + 1) + 7_200_000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ');
    await cluster.sql(
      1,
      `INSERT INTO ${database}.\`show\` (movie_id, screen_id, starts_at, ends_at, price_cents, premium_price_cents) VALUES (?, ?, ?, ?, 1000, 1500)`,
      [movieId, screenId, startsAt, endsAt],
    );
    const showId = Number(await cluster.value(1, 'SELECT LAST_INSERT_ID()'));
    await cluster.sql(
      1,
      `INSERT INTO ${database}.show_seat (show_id, seat_id) SELECT ?, id FROM ${database}.seat WHERE screen_id = ?`,
      [showId, screenId],
    );
    const seats = await cluster.sql<RowDataPacket[]>(
      1,
      `SELECT id FROM ${database}.seat WHERE screen_id = ? ORDER BY id`,
      [screenId],
    );
    shows.push({ id: showId, seats: seats.map((row) => Number(row.id)) });
  }
  return shows;
}

function rowLabel(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `A${String.fromCharCode(65 + index - 26)}`;
}

/**
 * The rush: `size.attempts` booking requests, `size.concurrency` at a time, each to a random node, half by
 * seat ids (overlapping on purpose), half by count. A 503 or a dead node is retried on another
 * node with the same Idempotency-Key (every 100 ms, up to 30 s); 201 and 409 are final.
 * `onMidway` runs once `size.faultAfter` attempts have finished.
 */
export async function rush(
  nodes: ClusterRunner,
  recorder: HistoryRecorder,
  shows: { id: number; seats: number[] }[],
  onMidway: () => Promise<void>,
  size: RushSize = CHAOS_RUSH,
): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  let next = 0;
  let midway: Promise<void> | undefined;
  const worker = async () => {
    while (next < size.attempts) {
      const index = next++;
      const show = shows[index % shows.length];
      const byCount = index % 2 === 0;
      const start = Math.floor(Math.random() * (show.seats.length - 1));
      const body: BookingBody = {
        showId: show.id,
        ...(byCount
          ? { count: 1 + (index % 3 === 0 ? 1 : 0) }
          : { seatIds: [show.seats[start], show.seats[start + 1]] }),
        customer: { name: `Rusher ${index}`, email: `rusher${index}@example.com` },
      };
      attempts.push(await attempt(nodes, recorder, `chaos-${process.pid}-${index}`, show.id, body));
      if (attempts.length === size.faultAfter && !midway) midway = onMidway();
    }
  };
  await Promise.all(Array.from({ length: size.concurrency }, worker));
  await midway;
  return attempts;
}

export async function attempt(
  nodes: ClusterRunner,
  recorder: HistoryRecorder,
  key: string,
  showId: number,
  body: BookingBody,
): Promise<Attempt> {
  const deadline = Date.now() + 30_000;
  for (let tries = 1; ; tries++) {
    const node = 1 + Math.floor(Math.random() * 3);
    const sentAt = Date.now();
    const operation = recorder.invoke('book', { showId, seatIds: body.seatIds, count: body.count }, key);
    try {
      const response = await fetch(`${nodes.nodeUrl(node)}/api/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
      const answer = (await response.json()) as { code?: string; seats?: { id: number }[]; atCommit?: boolean };
      recorder.complete(operation, outcomeOfStatus(response.status, answer), {
        status: response.status,
        answer: { code: answer.code, seatIds: answer.seats?.map((seat) => seat.id) },
      });
      if (response.status !== 503) {
        return {
          key,
          body,
          showId,
          status: response.status,
          code: answer.code,
          seats: answer.seats?.map((seat) => seat.id),
          at: Date.now(),
          sentAt,
          replayed: response.headers.get('idempotent-replayed') === 'true',
          tries,
        };
      }
    } catch {
      // A dead node or a timeout: try another node with the same key.
      if (!operation.outcome) recorder.complete(operation, 'unknown');
    }
    if (Date.now() > deadline)
      return { key, body, showId, status: 'gave-up', at: Date.now(), sentAt: Date.now(), replayed: false, tries };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Retries, with its key, every attempt whose last request ended unknown or with a 503 (gave up
 * during the fault), once the cluster has healed: its outcome must become definite.
 */
export async function resolveUnknowns(
  nodes: ClusterRunner,
  recorder: HistoryRecorder,
  attempts: Attempt[],
): Promise<void> {
  for (const given of attempts.filter((a) => a.status === 'gave-up'))
    Object.assign(given, await attempt(nodes, recorder, given.key, given.showId, given.body));
}

/**
 * bench:booking — a ticket rush on one 400-seat show: 2,000 customers each book 2 adjacent seats
 * picked at random (seeded), 64 at a time, through the HTTP API (a real API process on MariaDB),
 * then the same 2,000 booking transactions sent straight to MariaDB with mysql2 at the same
 * concurrency on a fresh copy of the show (the ceiling). Prints throughput, latency, the ratio
 * and an oversell check read back from the database. Bounded: it stops by itself.
 *
 *   npm run bench:booking
 *   env: BENCH_SEED (default 20240601), BENCH_CUSTOMERS (2000), BENCH_CONCURRENCY (64),
 *        BENCH_REPEAT (3 rounds), BENCH_API / BENCH_API_NODE_ARGS / BENCH_API_PROFILE (how the API
 *        process runs, see support/processes.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Connection, ResultSetHeader } from 'mysql2/promise';
import { cannon } from './support/load';
import {
  ApiNode,
  codeLine,
  cpuMeter,
  databasePid,
  machineLine,
  noiseLine,
  profileApi,
  startApi,
  watchdog,
} from './support/processes';
import {
  apiEnv,
  BenchShows,
  connect,
  createShows,
  DATABASE_URL,
  DB,
  describeCheck,
  gridLayout,
  MapSeat,
  newAdminToken,
  oversellCheck,
  OversellCheck,
  recreateDatabase,
} from './support/setup';
import { fmt, median, msSince, mulberry32, percentile, table } from './support/stats';

const SEED = Number(process.env.BENCH_SEED ?? 20240601);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const WARMUP = 2000;
/** Rounds of (API, ceiling, diagnostics at concurrency 1), each on fresh shows; the summary uses medians. */
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const LAYOUT = gridLayout(20, 20);
const SEATS_PER_BOOKING = 2;

/** One customer's request: two adjacent seats of one row. */
interface Attempt {
  seats: [MapSeat, MapSeat];
  name: string;
  email: string;
}

/** What one run measured. */
interface RunResult {
  label: string;
  attempts: number;
  wallMs: number;
  byStatus: Map<number, number>;
  latencies: number[];
  successLatencies: number[];
  /** ms from the start to the last 201. */
  lastSuccessMs: number;
  errors: number;
  cpu: Record<string, number | undefined>;
}

/** `count` attempts from `seed`: a random row, a random first seat, and the seat after it. */
function makeAttempts(shows: BenchShows, seed: number, count: number, prefix: string): Attempt[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const row = shows.rows[Math.floor(random() * shows.rows.length)];
    const first = Math.floor(random() * (row.length - 1));
    return {
      seats: [row[first], row[first + 1]],
      name: `Customer ${prefix}${i}`,
      email: `customer.${prefix}${i}@bench.example.com`,
    };
  });
}

function emptyResult(label: string, attempts: number): RunResult {
  return {
    label,
    attempts,
    wallMs: 0,
    byStatus: new Map(),
    latencies: [],
    successLatencies: [],
    lastSuccessMs: 0,
    errors: 0,
    cpu: {},
  };
}

function record(result: RunResult, status: number, latencyMs: number, atMs: number): void {
  result.byStatus.set(status, (result.byStatus.get(status) ?? 0) + 1);
  result.latencies.push(latencyMs);
  if (status === 201) {
    result.successLatencies.push(latencyMs);
    result.lastSuccessMs = Math.max(result.lastSuccessMs, atMs);
  }
}

/**
 * Sends `attempts` as `POST /api/bookings` through autocannon: `concurrency` keep-alive
 * connections, one request in flight on each, each request's body taken in order from the list
 * (autocannon builds a connection's next request when the previous answer arrives).
 */
async function runApi(
  api: ApiNode,
  showId: number,
  attempts: Attempt[],
  concurrency: number,
  label: string,
  meterPids: Record<string, number | undefined>,
): Promise<RunResult> {
  const bodies = attempts.map((attempt) =>
    JSON.stringify({
      showId,
      seatIds: attempt.seats.map((seat) => seat.id),
      customer: { name: attempt.name, email: attempt.email },
    }),
  );
  // Each customer comes from an address of its own, as in a real rush: the app trusts X-Forwarded-For
  // from loopback (configure-app.ts), and the rate limiter counts per address. (From one address,
  // @nestjs/throttler's in-memory storage costs O(hits in the last minute) per request: see
  // docs/benchmarks.md.) 2001:db8::/32 is the documentation prefix; nothing is sent there. One /48
  // per customer, since the limiter counts an IPv6 client by its /56.
  const addresses = attempts.map((_, i) => `2001:db8:${(i + 1).toString(16)}::1`);
  const result = emptyResult(label, attempts.length);
  let next = 0;
  let lastAnswerMs = 0;
  const meter = cpuMeter(meterPids);
  const start = process.hrtime.bigint();
  await cannon(
    {
      url: api.url,
      connections: Math.min(concurrency, attempts.length),
      pipelining: 1,
      amount: attempts.length,
      timeout: 120,
      requests: [
        {
          method: 'POST',
          path: '/api/bookings',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => {
            const i = next++;
            return {
              ...request,
              headers: { 'content-type': 'application/json', 'x-forwarded-for': addresses[i] ?? '2001:db8:ffff::1' },
              body: bodies[i],
            };
          },
        },
      ],
    },
    (instance) => {
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        lastAnswerMs = msSince(start);
        record(result, statusCode, responseTime, lastAnswerMs);
      });
      instance.on('reqError', () => (result.errors += 1));
    },
  );
  // autocannon reports the end on its 1 s sampling tick, so the wall time is the last answer's.
  result.wallMs = lastAnswerMs;
  result.cpu = meter();
  if (next !== attempts.length) {
    console.warn(
      `  warning: autocannon built ${next} requests for ${attempts.length} attempts (a reconnect or timeout re-sent some)`,
    );
  }
  return result;
}

const FREE = `(state = 'available' OR (state = 'held' AND held_until < ?))`;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lamport = 0;

function bookingCode(): string {
  let code = '';
  for (const byte of randomBytes(8)) code += ALPHABET[byte & 31];
  return code;
}

/**
 * One booking as libs/booking does it (BookingService.bookOnce), sent straight to MariaDB:
 * BEGIN; INSERT booking; conditional UPDATE of the seats; when fewer than 2 rows changed, the
 * locking SELECT that names the taken seats for the 409 body, then ROLLBACK; else INSERT the
 * booking_seat rows and COMMIT — the statements the API sends with the mariadb dialect (traced
 * at the mysql2 level at commit 4098ece), in the server's default isolation like
 * DatabaseService.transaction. Deadlocks and lock-wait timeouts
 * are retried up to 3 times, as DatabaseService.transaction does. Returns the HTTP status the API
 * would answer.
 */
async function bookRaw(connection: Connection, showId: number, attempt: Attempt): Promise<number> {
  for (let round = 1; ; round++) {
    await connection.query('START TRANSACTION');
    try {
      const total = attempt.seats.reduce((sum, seat) => sum + seat.priceCents, 0);
      const [inserted] = await connection.query<ResultSetHeader>(
        `INSERT INTO booking (code, show_id, customer_name, customer_email, seat_count, total_cents, state, lamport_ts, node_id)
         VALUES (?, ?, ?, ?, ?, ?, 'confirmed', ?, 1)`,
        [bookingCode(), showId, attempt.name, attempt.email, attempt.seats.length, total, ++lamport],
      );
      const bookingId = inserted.insertId;
      const ids = attempt.seats.map((seat) => seat.id);
      const [claimed] = await connection.query<ResultSetHeader>(
        `UPDATE show_seat SET state = 'booked', booking_id = ?, hold_id = NULL, held_until = NULL, version = version + 1
         WHERE show_id = ? AND seat_id IN (?, ?) AND ${FREE}`,
        [bookingId, showId, ...ids, Date.now()],
      );
      if (claimed.affectedRows !== ids.length) {
        await connection.query(
          'SELECT seat_id, state, held_until, hold_id, booking_id FROM show_seat WHERE show_id = ? AND seat_id IN (?, ?) LOCK IN SHARE MODE',
          [showId, ...ids],
        );
        await connection.query('ROLLBACK');
        return 409;
      }
      await connection.query(
        'INSERT INTO booking_seat (booking_id, seat_id, label, kind, price_cents) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?) RETURNING id',
        attempt.seats.flatMap((seat) => [bookingId, seat.id, seat.label, seat.kind, seat.priceCents]),
      );
      await connection.query('COMMIT');
      return 201;
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      const errno = (error as { errno?: number }).errno;
      if (round >= 3 || (errno !== 1213 && errno !== 1205)) throw error;
    }
  }
}

/** The ceiling: `attempts` as raw transactions from `concurrency` connections, each taking the next attempt. */
async function runRaw(
  showId: number,
  attempts: Attempt[],
  concurrency: number,
  label: string,
  meterPids: Record<string, number | undefined>,
): Promise<RunResult> {
  const connections = await Promise.all(
    Array.from({ length: Math.min(concurrency, attempts.length) }, () => connect()),
  );
  const result = emptyResult(label, attempts.length);
  let next = 0;
  try {
    const meter = cpuMeter(meterPids);
    const start = process.hrtime.bigint();
    await Promise.all(
      connections.map(async (connection) => {
        for (let i = next++; i < attempts.length; i = next++) {
          const sent = process.hrtime.bigint();
          let status: number;
          try {
            status = await bookRaw(connection, showId, attempts[i]);
          } catch (error) {
            result.errors += 1;
            status = 500;
            if (result.errors <= 3) console.warn(`  raw booking failed: ${(error as Error).message}`);
          }
          record(result, status, msSince(sent), msSince(start));
        }
      }),
    );
    result.wallMs = msSince(start);
    result.cpu = meter();
  } finally {
    await Promise.all(connections.map((connection) => connection.end().catch(() => undefined)));
  }
  return result;
}

function summaryRow(result: RunResult): string[] {
  const ok = result.byStatus.get(201) ?? 0;
  const conflicts = result.byStatus.get(409) ?? 0;
  const other = [...result.byStatus.entries()].filter(([status]) => status !== 201 && status !== 409);
  const seconds = result.wallMs / 1000;
  const cpu = (name: string) => fmt(result.cpu[name], 1);
  return [
    result.label,
    String(result.attempts),
    String(ok),
    String(conflicts),
    other.length || result.errors
      ? `${other.map(([s, n]) => `${s}×${n}`).join(' ')}${result.errors ? ` err×${result.errors}` : ''}`
      : '0',
    fmt(seconds, 2),
    fmt(result.attempts / seconds, 0),
    fmt(ok / seconds, 1),
    fmt(result.lastSuccessMs ? ok / (result.lastSuccessMs / 1000) : NaN, 1),
    fmt(percentile(result.latencies, 50), 1),
    fmt(percentile(result.latencies, 99), 1),
    fmt(percentile(result.successLatencies, 50), 1),
    fmt(percentile(result.successLatencies, 99), 1),
    `${cpu('api')}/${cpu('mariadb')}/${cpu('bench')}/${cpu('other')}`,
  ];
}

/**
 * Every attempt answered 201 or 409, no transport error, and some seats were sold (for the floor
 * diagnostic: every attempt answered 400).
 */
function problems(result: RunResult, floor = false): string[] {
  const found: string[] = [];
  const answered = [...result.byStatus.values()].reduce((sum, n) => sum + n, 0);
  if (result.errors) found.push(`${result.errors} request errors`);
  if (answered !== result.attempts) found.push(`${answered} answers for ${result.attempts} attempts`);
  const expected = floor ? [400] : [201, 409];
  for (const [status, n] of result.byStatus) if (!expected.includes(status)) found.push(`${n} × ${status}`);
  if (!floor && !result.byStatus.get(201)) found.push('no booking succeeded');
  return found;
}

const rate = (r: RunResult) => r.attempts / (r.wallMs / 1000);
const okRate = (r: RunResult) => (r.byStatus.get(201) ?? 0) / (r.wallMs / 1000);

async function main(): Promise<void> {
  watchdog(15 * 60_000);
  console.log('bench:booking — ticket rush on one show');
  console.log(`machine: ${machineLine()}`);
  console.log(`code: ${codeLine()}`);
  console.log(
    'note: the load generator (this process: autocannon for HTTP, mysql2 for the ceiling), the API process and MariaDB ' +
      'all share these cores; the numbers include that contention on both sides.',
  );
  console.log(`database: ${DATABASE_URL} (dropped and created fresh)`);
  await recreateDatabase();
  const token = newAdminToken();
  const api = await startApi(apiEnv(token));
  try {
    console.log(`API (${api.mode}): ${api.command} on ${api.url}, pid ${api.process.pid}`);
    const shows = await createShows(api.url, token, LAYOUT, 2 + 4 * REPEAT);
    const [warmApiShow, warmRawShow, ...fresh] = shows.showIds;
    console.log(
      `${shows.showIds.length} shows on one screen (same seat ids): ${LAYOUT.length} rows × ${LAYOUT[0].length} = ${shows.seats.length} seats each`,
    );
    const attempts = makeAttempts(shows, SEED, CUSTOMERS, '');
    console.log(
      `${CUSTOMERS} customers × ${SEATS_PER_BOOKING} adjacent seats (same seeded list, seed ${SEED}, for every run), concurrency ${CONCURRENCY}; ` +
        `${REPEAT} rounds of API, ceiling, then diagnostics (raw and API at concurrency 1, API floor), each on a fresh show; warm-up ${WARMUP} attempts per side first`,
    );
    const pids = { api: api.process.pid, mariadb: databasePid(DB.port) };
    console.log(`before: ${noiseLine([api.process.pid ?? 0, pids.mariadb ?? 0])}`);
    await runApi(api, warmApiShow, makeAttempts(shows, SEED + 1, WARMUP, 'warm-api-'), CONCURRENCY, 'warm-up', pids);
    await runRaw(warmRawShow, makeAttempts(shows, SEED + 1, WARMUP, 'warm-raw-'), CONCURRENCY, 'warm-up', pids);

    const runs: { api: RunResult; raw: RunResult; serial: RunResult; apiSerial: RunResult; floor: RunResult }[] = [];
    // The floor diagnostic: the same requests with two seat ids that are no seats of the show, which
    // pass validation and are refused (400) by BookingService before the mutex and the transaction.
    const notSeats = attempts.map((attempt) => ({
      ...attempt,
      seats: attempt.seats.map((seat, i) => ({ ...seat, id: 2_147_483_646 + i })) as [MapSeat, MapSeat],
    }));
    const checks: [string, number, OversellCheck][] = [];
    const check = async (result: RunResult, showId: number) => {
      const successes = result.byStatus.get(201) ?? 0;
      checks.push([result.label, successes, await oversellCheck(showId, SEATS_PER_BOOKING, successes)]);
    };
    for (let round = 1; round <= REPEAT; round++) {
      const [apiShow, rawShow, serialShow, apiSerialShow] = fresh.splice(0, 4);
      if (round === 1) await profileApi(api, 'start');
      const viaApi = await runApi(api, apiShow, attempts, CONCURRENCY, `${round}: API (HTTP), show ${apiShow}`, pids);
      if (round === 1) {
        const profile = await profileApi(api, 'stop');
        if (profile) console.log(`API CPU profile of round 1: ${profile}`);
      }
      await check(viaApi, apiShow);
      const raw = await runRaw(
        rawShow,
        attempts,
        CONCURRENCY,
        `${round}: ceiling (mysql2 ×${CONCURRENCY}), show ${rawShow}`,
        pids,
      );
      await check(raw, rawShow);
      const serial = await runRaw(serialShow, attempts, 1, `${round}: diagnostic mysql2 ×1, show ${serialShow}`, pids);
      await check(serial, serialShow);
      const apiSerial = await runApi(
        api,
        apiSerialShow,
        attempts,
        1,
        `${round}: diagnostic API ×1, show ${apiSerialShow}`,
        pids,
      );
      await check(apiSerial, apiSerialShow);
      const floor = await runApi(
        api,
        apiShow,
        notSeats,
        CONCURRENCY,
        `${round}: diagnostic API floor (400 before the transaction)`,
        pids,
      );
      runs.push({ api: viaApi, raw, serial, apiSerial, floor });
    }

    console.log('');
    console.log(
      table(
        [
          'run',
          'attempts',
          '201',
          '409',
          'other',
          'wall s',
          'attempts/s',
          'bookings/s',
          'bookings/s to last 201',
          'p50 ms',
          'p99 ms',
          'p50 201',
          'p99 201',
          'CPU s api/db/bench/other',
        ],
        runs.flatMap((run) => [run.api, run.raw, run.serial, run.apiSerial, run.floor]).map(summaryRow),
      ),
    );
    console.log(`after: ${noiseLine([api.process.pid ?? 0, pids.mariadb ?? 0])}`);
    console.log(
      'CPU s = CPU seconds used during the run by the API process, MariaDB, this process (load generator / raw client) and ' +
        'everything else on the machine (other: noise from other work).',
    );
    console.log('');
    for (const [i, run] of runs.entries()) {
      console.log(
        `round ${i + 1}: ratio API/ceiling attempts/s ${fmt(rate(run.api) / rate(run.raw), 3)}, bookings/s ${fmt(okRate(run.api) / okRate(run.raw), 3)}`,
      );
    }
    const apiRate = median(runs.map((run) => rate(run.api)));
    const rawRate = median(runs.map((run) => rate(run.raw)));
    const serialRate = median(runs.map((run) => rate(run.serial)));
    const apiSerialRate = median(runs.map((run) => rate(run.apiSerial)));
    const floorRate = median(runs.map((run) => rate(run.floor)));
    const ratio = apiRate / rawRate;
    const p = (side: 'api' | 'raw', q: number) => fmt(median(runs.map((run) => percentile(run[side].latencies, q))), 1);
    console.log(
      `median of ${REPEAT}: API ${fmt(apiRate, 0)} attempts/s, ${fmt(median(runs.map((run) => okRate(run.api))), 1)} bookings/s, p50 ${p('api', 50)} ms, p99 ${p('api', 99)} ms; ` +
        `ceiling ${fmt(rawRate, 0)} attempts/s, ${fmt(median(runs.map((run) => okRate(run.raw))), 1)} bookings/s, p50 ${p('raw', 50)} ms, p99 ${p('raw', 99)} ms; ` +
        `diagnostics at concurrency 1: raw ${fmt(serialRate, 0)} attempts/s (${fmt(1000 / serialRate, 2)} ms each), ` +
        `API ${fmt(apiSerialRate, 0)} attempts/s (${fmt(1000 / apiSerialRate, 2)} ms each); ` +
        `API floor (HTTP + Nest + validation + 400, no transaction) ${fmt(floorRate, 0)} requests/s at concurrency ${CONCURRENCY}`,
    );
    console.log(
      `ratio API/ceiling (medians, attempts/s): ${fmt(ratio, 3)} — target ≥ 0.8: ${ratio >= 0.8 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `ratio API/serial raw transactions (diagnostic: what one show's mutex would allow with free HTTP/Nest/TypeORM): ${fmt(apiRate / serialRate, 3)}`,
    );
    console.log('');
    console.log('oversell check (from the database):');
    for (const [label, successes, result] of checks)
      console.log(`  ${label}: ${describeCheck(result, SEATS_PER_BOOKING, successes)}`);
    const allPass = checks.every(([, , result]) => result.pass && result.bookings > 0);
    const invalid = runs.flatMap((run) => [
      ...[run.api, run.raw, run.serial, run.apiSerial].flatMap((r) => problems(r).map((p) => `${r.label}: ${p}`)),
      ...problems(run.floor, true).map((p) => `${run.floor.label}: ${p}`),
    ]);
    if (invalid.length) {
      console.log('');
      console.log(`INVALID: ${invalid.join('; ')}`);
      process.exitCode = 1;
    }
    console.log('');
    console.log(
      `RESULT booking: api ${fmt(apiRate, 0)} attempts/s, ceiling ${fmt(rawRate, 0)} attempts/s, ratio ${fmt(ratio, 3)} ` +
        `(target 0.8 ${ratio >= 0.8 ? 'met' : 'not met'}), oversell ${allPass ? 'PASS' : 'FAIL'}${invalid.length ? ', INVALID RUN' : ''}`,
    );
    if (!allPass) process.exitCode = 1;
  } catch (error) {
    console.error(`bench:booking failed: ${(error as Error).stack ?? error}`);
    const tail = api.output().slice(-4000);
    if (tail) console.error(`--- API output (tail) ---\n${tail}`);
    process.exitCode = 1;
  } finally {
    await api.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});

/**
 * bench:waiting-room — a hot on-sale through the waiting room on the local cluster: 2 API nodes
 * behind nginx on MariaDB and Redis (the cluster runner of `npm run cluster`), one 400-seat show
 * with mode `always`. 5,000 simulated customers arrive within 10 s (uniformly, from 2 s before
 * the on-sale moment), each joining the queue through nginx; admitted customers (found by polling
 * their own place) book one seat with their token. Scripts try to book without a token all along.
 * Prints the admission rate against the setting, booking latency, the status counts (5xx, bookings
 * without a token from the database), and the order of admissions against arrivals (Spearman ρ for
 * those who came after the on-sale moment) — and, as the ceiling beside it, the same 5,000 joins
 * sent straight to Redis through the store's Lua script.
 *
 *   npm run bench:waiting-room
 *   env: BENCH_CUSTOMERS (5000), BENCH_ARRIVAL_S (10), BENCH_RATE_PER_MIN (1200),
 *        BENCH_ADMIT_S (45: how long admissions are measured), BENCH_REDIS_URL (redis://127.0.0.1:6379/14)
 */
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { RedisQueueStore } from '@app/waiting-room';
import { ClusterRunner } from '../scripts/cluster/cluster-runner';
import { codeLine, freePort, machineLine, noiseLine, startApi, watchdog } from './support/processes';
import {
  apiEnv,
  connect,
  createShows,
  DATABASE_URL,
  gridLayout,
  newAdminToken,
  recreateDatabase,
} from './support/setup';
import { fmt, msSince, percentile, sleep } from './support/stats';

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 5000);
const ARRIVAL_S = Number(process.env.BENCH_ARRIVAL_S ?? 10);
const RATE = Number(process.env.BENCH_RATE_PER_MIN ?? 1200);
const ADMIT_S = Number(process.env.BENCH_ADMIT_S ?? 45);
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/14';
const PRE_OPEN_S = 2;
const IN_FLIGHT = 64;

const agent = new Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

interface Answer {
  status: number;
  body: Record<string, unknown>;
  cookies: string[];
  ms: number;
}

/** One HTTP request with a JSON body and answer, on the keep-alive agent. */
function call(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = httpRequest(
      url,
      { method, agent, headers: { ...(data ? { 'content-type': 'application/json' } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          let parsed: Record<string, unknown> = {};
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          } catch {
            // not JSON
          }
          const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
          resolve({ status: res.statusCode ?? 0, body: parsed, cookies, ms: msSince(started) });
        });
      },
    );
    req.on('error', () => resolve({ status: 0, body: {}, cookies: [], ms: msSince(started) }));
    if (data) req.write(data);
    req.end();
  });
}

/** Spearman's ρ of two equally long lists of ranks. */
function spearman(a: number[], b: number[]): number {
  const rank = (values: number[]) => {
    const order = values.map((value, index) => ({ value, index })).sort((x, y) => x.value - y.value);
    const ranks = new Array<number>(values.length);
    order.forEach((entry, r) => (ranks[entry.index] = r));
    return ranks;
  };
  const [ra, rb] = [rank(a), rank(b)];
  const n = a.length;
  const d2 = ra.reduce((sum, value, i) => sum + (value - rb[i]) ** 2, 0);
  return 1 - (6 * d2) / (n * (n * n - 1));
}

interface Customer {
  index: number;
  email: string;
  /** ms from the bench start when the join was sent. */
  sentAt: number;
  cookie?: string;
  visitor?: string;
  booked?: boolean;
}

async function main(): Promise<void> {
  watchdog(15 * 60_000);
  console.log('bench:waiting-room — a hot on-sale through the waiting room on the local cluster');
  console.log(`machine: ${machineLine()}`);
  console.log(`code: ${codeLine()}`);
  console.log('note: the load generator (this process), two API nodes, nginx, MariaDB and Redis share these cores.');
  console.log(`database: ${DATABASE_URL} (dropped and created fresh); Redis: ${REDIS_URL} (flushed)`);
  await recreateDatabase();
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  const token = newAdminToken();
  // One node migrates the fresh database and makes the show; then the cluster starts on it.
  const first = await startApi(apiEnv(token));
  const shows = await createShows(first.url, token, gridLayout(20, 20), 2);
  await first.stop();
  const [showId, ceilingShow] = shows.showIds;
  const basePort = await freePort();
  const runner = await ClusterRunner.start({
    nodes: 2,
    basePort,
    proxyPort: basePort + 2,
    runDir: mkdtempSync(join(tmpdir(), 'marquee-bench-wr-')),
    entry: 'ts',
    readyTimeoutMs: 180_000,
    env: { NODE_ENV: 'production', ...apiEnv(token), REDIS_URL, WAITING_ROOM_TICK_MS: '100', LOG_LEVEL: 'warn' },
  });
  const statuses = new Map<number, number>();
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  try {
    console.log(`cluster: 2 nodes + nginx at ${runner.url}; show ${showId}: ${shows.seats.length} seats`);
    const start = process.hrtime.bigint();
    const onSaleMs = (PRE_OPEN_S + 3) * 1_000; // bench clock: arrivals start 3 s in
    const onSaleAt = Date.now() + onSaleMs;
    const put = await call(
      `${runner.url}/api/admin/shows/${showId}/queue`,
      'PUT',
      {
        mode: 'always',
        onSaleAt: new Date(onSaleAt).toISOString(),
        admissionRatePerMin: RATE,
        pickWindowSeconds: 600,
      },
      { authorization: `Bearer ${token}` },
    );
    if (put.status !== 200) throw new Error(`queue settings: ${put.status} ${JSON.stringify(put.body)}`);
    console.log(
      `queue: mode always, ${RATE} admissions/min, on sale ${PRE_OPEN_S} s after the first arrival; ` +
        `${CUSTOMERS} customers arrive uniformly within ${ARRIVAL_S} s, at most ${IN_FLIGHT} requests in flight`,
    );
    console.log(`before: ${noiseLine([])}`);

    // Arrivals: customer i is due at 3 s + i × ARRIVAL_S / CUSTOMERS.
    const customers: Customer[] = Array.from({ length: CUSTOMERS }, (_, index) => ({
      index,
      email: `fan${index}@bench.example.com`,
      sentAt: 0,
    }));
    const joinLatencies: number[] = [];
    let inFlight = 0;
    const arrivals = (async () => {
      for (const customer of customers) {
        const due = 3_000 + (customer.index * ARRIVAL_S * 1_000) / CUSTOMERS;
        const wait = due - msSince(start);
        if (wait > 0) await sleep(wait);
        while (inFlight >= IN_FLIGHT) await sleep(1);
        inFlight += 1;
        customer.sentAt = msSince(start);
        void call(`${runner.url}/api/shows/${showId}/queue`, 'POST', { email: customer.email }).then((answer) => {
          inFlight -= 1;
          count(answer.status);
          joinLatencies.push(answer.ms);
          customer.cookie = answer.cookies.find((c) => c.startsWith('marquee_visitor='));
          customer.visitor = customer.cookie?.split('=')[1];
        });
      }
      while (inFlight > 0) await sleep(5);
    })();

    // Scripts that skip the queue: a booking without a token every 50 ms through the whole run.
    let scripted = 0;
    let scriptedRefused = 0;
    let stop = false;
    const scripts = (async () => {
      while (!stop) {
        const answer = await call(`${runner.url}/api/bookings`, 'POST', {
          showId,
          count: 1,
          customer: { name: 'Script', email: `script${scripted}@bench.example.com` },
        });
        scripted += 1;
        count(answer.status);
        if (answer.status === 403) scriptedRefused += 1;
        await sleep(50);
      }
    })();

    // Admitted customers: the bench polls, every 250 ms, the places of the customers next in line
    // (what their waiting pages would learn over SSE) and books one seat as soon as one is admitted.
    const bookingLatencies: number[] = [];
    /** Latencies of the bookings sent after the last arrival (the rush of joins over). */
    const calmLatencies: number[] = [];
    let arrivalsDone = false;
    void arrivals.then(() => (arrivalsDone = true));
    const bookingStatuses = new Map<number, number>();
    let polls = 0;
    const lineKey = `marquee:wr:{${showId}}:q`;
    const admittedKey = `marquee:wr:{${showId}}:adm`;
    const byVisitor = new Map<string, Customer>();
    const book = async (customer: Customer, tokenValue: string) => {
      customer.booked = true;
      const calm = arrivalsDone;
      const answer = await call(
        `${runner.url}/api/bookings`,
        'POST',
        { showId, count: 1, customer: { name: `Fan ${customer.index}`, email: customer.email } },
        { cookie: customer.cookie!, 'queue-token': tokenValue },
      );
      count(answer.status);
      bookingStatuses.set(answer.status, (bookingStatuses.get(answer.status) ?? 0) + 1);
      bookingLatencies.push(answer.ms);
      if (calm) calmLatencies.push(answer.ms);
    };
    const admitEnd = onSaleMs + ADMIT_S * 1_000;
    while (msSince(start) < admitEnd) {
      for (const customer of customers) if (customer.visitor) byVisitor.set(customer.visitor, customer);
      const admitted = await redis.zrange(admittedKey, 0, -1);
      const due = admitted.map((v) => byVisitor.get(v)).filter((c): c is Customer => !!c && !c.booked);
      await Promise.all(
        due.map(async (customer) => {
          polls += 1;
          const place = await call(`${runner.url}/api/shows/${showId}/queue`, 'GET', undefined, {
            cookie: customer.cookie!,
          });
          count(place.status);
          if (place.body.state === 'admitted' && typeof place.body.token === 'string')
            await book(customer, place.body.token);
        }),
      );
      // The next few in line poll too (they would see their place move), without booking.
      const next = await redis.zrange(lineKey, 0, 9);
      await Promise.all(
        next.map(async (visitor) => {
          const customer = byVisitor.get(visitor);
          if (!customer?.cookie) return;
          polls += 1;
          count(
            (await call(`${runner.url}/api/shows/${showId}/queue`, 'GET', undefined, { cookie: customer.cookie }))
              .status,
          );
        }),
      );
      await sleep(250);
    }
    stop = true;
    await Promise.all([arrivals, scripts]);

    // What the queue did, read from Redis: admission times, arrival times, the line.
    const admittedWithTimes = await redis.zrange(admittedKey, 0, -1, 'WITHSCORES');
    const admissions: { visitor: string; at: number }[] = [];
    for (let i = 0; i < admittedWithTimes.length; i += 2)
      admissions.push({ visitor: admittedWithTimes[i], at: Number(admittedWithTimes[i + 1]) });
    const firstAdmission = admissions[0]?.at ?? 0;
    const lastAdmission = admissions[admissions.length - 1]?.at ?? 0;
    const spanS = (lastAdmission - firstAdmission) / 1_000;
    const measuredRate = spanS > 0 ? ((admissions.length - 1) / spanS) * 60 : NaN;
    const within = Math.abs(measuredRate - RATE) / RATE <= 0.1;
    // Per 10 s window after the first admission.
    const windows: number[] = [];
    for (const { at } of admissions) {
      const w = Math.floor((at - firstAdmission) / 10_000);
      windows[w] = (windows[w] ?? 0) + 1;
    }

    // Order: customers who arrived after the on-sale moment, admission order (then line order) against arrival order.
    const line = await redis.zrange(lineKey, 0, -1);
    const served = [...admissions.map((a) => a.visitor), ...line];
    const servedRank = new Map(served.map((visitor, rank) => [visitor, rank]));
    const after = customers.filter((c) => c.visitor && c.sentAt >= onSaleMs + 50 && servedRank.has(c.visitor));
    const rho = spearman(
      after.map((c) => c.sentAt),
      after.map((c) => servedRank.get(c.visitor!)!),
    );
    const before = customers.filter((c) => c.visitor && c.sentAt < onSaleMs - 50 && servedRank.has(c.visitor));
    const rhoBefore = spearman(
      before.map((c) => c.sentAt),
      before.map((c) => servedRank.get(c.visitor!)!),
    );

    // Bookings in the database, and whether any was made by someone never admitted.
    const admittedEmails = new Set(
      admissions.map((a) => byVisitor.get(a.visitor)?.email).filter((e): e is string => !!e),
    );
    const connection = await connect();
    let booked: string[] = [];
    try {
      const [rows] = await connection.query('SELECT customer_email AS email FROM booking WHERE show_id = ?', [showId]);
      booked = (rows as { email: string }[]).map((row) => row.email);
    } finally {
      await connection.end();
    }
    const withoutToken = booked.filter((email) => !admittedEmails.has(email)).length;

    // Ceiling: the same joins straight into Redis (the store's Lua script), 64 in flight.
    const store = new RedisQueueStore(REDIS_URL);
    const settings = {
      showId: ceilingShow,
      mode: 'always' as const,
      onSaleAt: null,
      admissionRatePerMin: RATE,
      pickWindowMs: 600_000,
    };
    const ceilingStart = process.hrtime.bigint();
    const ceilingLatencies: number[] = [];
    for (let i = 0; i < CUSTOMERS; i += IN_FLIGHT) {
      await Promise.all(
        Array.from({ length: Math.min(IN_FLIGHT, CUSTOMERS - i) }, async (_, k) => {
          const t = process.hrtime.bigint();
          await store.join(settings, `bench-visitor-${String(i + k).padStart(10, '0')}`, `c${i + k}@bench.example.com`);
          ceilingLatencies.push(msSince(t));
        }),
      );
    }
    const ceilingS = msSince(ceilingStart) / 1_000;
    await store.close();

    const joinSpan =
      (Math.max(...customers.map((c) => c.sentAt)) - Math.min(...customers.map((c) => c.sentAt))) / 1_000;
    const fiveXX = [...statuses].filter(([status]) => status >= 500 || status === 0).reduce((s, [, n]) => s + n, 0);
    console.log('');
    console.log(
      `arrivals: ${CUSTOMERS} joins sent over ${fmt(joinSpan, 2)} s (${fmt(CUSTOMERS / joinSpan, 0)}/s), ` +
        `join latency p50 ${fmt(percentile(joinLatencies, 50), 1)} ms, p99 ${fmt(percentile(joinLatencies, 99), 1)} ms; ` +
        `${before.length} before the on-sale moment, ${after.length} after`,
    );
    console.log(
      `ceiling: the same ${CUSTOMERS} joins straight into Redis (Lua, ${IN_FLIGHT} in flight): ${fmt(CUSTOMERS / ceilingS, 0)}/s, ` +
        `p50 ${fmt(percentile(ceilingLatencies, 50), 2)} ms, p99 ${fmt(percentile(ceilingLatencies, 99), 2)} ms`,
    );
    console.log(
      `admission: ${admissions.length} admitted in ${fmt(spanS, 1)} s = ${fmt(measuredRate, 1)}/min against ${RATE}/min ` +
        `(${fmt(((measuredRate - RATE) / RATE) * 100, 2)} %; ±10 % ${within ? 'met' : 'NOT met'}); per 10 s window: ${windows.join(', ')}`,
    );
    console.log(
      `bookings of admitted customers: ${bookingLatencies.length} (${[...bookingStatuses].map(([s, n]) => `${n} × ${s}`).join(', ')}), ` +
        `p50 ${fmt(percentile(bookingLatencies, 50), 1)} ms, p99 ${fmt(percentile(bookingLatencies, 99), 1)} ms ` +
        `(target ≤ 50 ms: ${percentile(bookingLatencies, 99) <= 50 ? 'met' : 'NOT met'}); ` +
        `of them ${calmLatencies.length} sent after the last arrival: p50 ${fmt(percentile(calmLatencies, 50), 1)} ms, ` +
        `p99 ${fmt(percentile(calmLatencies, 99), 1)} ms; ${polls} place polls`,
    );
    console.log(
      `without a token: ${scripted} scripted booking attempts, ${scriptedRefused} refused 403; ` +
        `bookings in the database by customers never admitted: ${withoutToken} (of ${booked.length})`,
    );
    console.log(
      `order: Spearman ρ(arrival, admission) after the on-sale moment ${fmt(rho, 4)} (target ≥ 0.99: ${rho >= 0.99 ? 'met' : 'NOT met'}); ` +
        `before it (the random draw) ${fmt(rhoBefore, 4)} (≈ 0 expected)`,
    );
    console.log(
      `statuses: ${[...statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${n} × ${s}`)
        .join(', ')}; 5xx or no answer: ${fiveXX}`,
    );
    console.log(`after: ${noiseLine([])}`);
    const pass = within && fiveXX === 0 && withoutToken === 0 && scriptedRefused === scripted && rho >= 0.99;
    console.log('');
    console.log(
      `RESULT waiting-room: rate ${fmt(measuredRate, 1)}/min of ${RATE} (${within ? 'met' : 'not met'}), booking p99 ${fmt(percentile(bookingLatencies, 99), 1)} ms, ` +
        `without token ${withoutToken}, 5xx ${fiveXX}, ρ after on-sale ${fmt(rho, 4)}: ${pass ? 'PASS' : 'FAIL'}`,
    );
    if (!pass) process.exitCode = 1;
  } finally {
    await runner.stop();
    await redis.flushdb().catch(() => undefined);
    redis.disconnect();
    agent.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});

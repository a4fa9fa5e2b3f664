/**
 * bench:seatmap — `GET /api/shows/:id/seats` of a 400-seat show at concurrency 64 for a fixed
 * time (warm-up, then a measured window) with autocannon, through the API process; then a bare
 * Node `http` server in its own process serving the very same bytes (the read ceiling); then the
 * API again while bookings trickle in (each booking invalidates the show's cached seat map).
 * Bounded in time; cleans up its processes.
 *
 *   npm run bench:seatmap
 *   env: BENCH_DURATION (10 s), BENCH_WARMUP (2 s), BENCH_CONCURRENCY (64), BENCH_REPEAT (2),
 *        BENCH_TRICKLE_PER_SECOND (20), BENCH_API and BENCH_API_PROFILE (see support/processes.ts).
 */
import { writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cannon } from './support/load';
import {
  Child,
  codeLine,
  cpuMeter,
  databasePid,
  freePort,
  HOST,
  machineLine,
  noiseLine,
  profileApi,
  startApi,
  startNode,
  tsNodeArgs,
  watchdog,
} from './support/processes';
import {
  apiEnv,
  createShows,
  DATABASE_URL,
  DB,
  gridLayout,
  MapSeat,
  newAdminToken,
  recreateDatabase,
  seatMap,
} from './support/setup';
import { fmt, median, msSince, percentile, sleep, table } from './support/stats';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 2);
const TRICKLE_PER_SECOND = Number(process.env.BENCH_TRICKLE_PER_SECOND ?? 20);
const LAYOUT = gridLayout(20, 20);

interface ReadResult {
  label: string;
  requests: number;
  seconds: number;
  non2xx: number;
  errors: number;
  bytesPerResponse: number;
  latencies: number[];
  cpu: Record<string, number | undefined>;
  note?: string;
}

/** Warm-up, then the measured window of GETs to `url` with `CONCURRENCY` keep-alive connections. */
async function readLoad(label: string, url: string, pids: Record<string, number | undefined>): Promise<ReadResult> {
  await cannon({ url, connections: CONCURRENCY, pipelining: 1, duration: WARMUP_S });
  const latencies: number[] = [];
  let bytes = 0;
  let lastMs = 0;
  const windowMs = DURATION_S * 1000;
  const meter = cpuMeter(pids);
  let cpu: Record<string, number | undefined> | undefined;
  const start = process.hrtime.bigint();
  // Counts the answers that arrive within the window (autocannon notices its end on a 1 s tick).
  const result = await cannon(
    { url, connections: CONCURRENCY, pipelining: 1, duration: DURATION_S + 1 },
    (instance) => {
      instance.on('response', (_client, _status, responseBytes, responseTime) => {
        const at = msSince(start);
        if (at > windowMs) {
          cpu ??= meter();
          return;
        }
        lastMs = at;
        latencies.push(responseTime);
        bytes += responseBytes;
      });
    },
  );
  cpu ??= meter();
  const seconds = Math.min(windowMs, lastMs) / 1000;
  return {
    label,
    requests: latencies.length,
    seconds,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytesPerResponse: latencies.length ? bytes / latencies.length : 0,
    latencies,
    cpu,
  };
}

/** Books single seats of `showId` in order, `perSecond` a second, until `stop()`; at most `seats.length`. */
function trickle(apiUrl: string, showId: number, seats: MapSeat[], perSecond: number) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let sent = 0;
  let inFlight = 0;
  const began = process.hrtime.bigint();
  const timer = setInterval(() => {
    if (sent >= seats.length || inFlight >= 20) return;
    const seat = seats[sent++];
    inFlight += 1;
    const start = process.hrtime.bigint();
    fetch(`${apiUrl}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        showId,
        seatIds: [seat.id],
        customer: { name: `Trickle ${sent}`, email: `trickle.${sent}@bench.example.com` },
      }),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      })
      .catch(() => statuses.set(0, (statuses.get(0) ?? 0) + 1))
      .finally(() => {
        inFlight -= 1;
        latencies.push(msSince(start));
      });
  }, 1000 / perSecond);
  return {
    /** Stops sending and waits for answers in flight; returns what happened. */
    async stop() {
      clearInterval(timer);
      while (inFlight > 0) await sleep(20);
      return { sent, statuses, latencies, seconds: msSince(began) / 1000 };
    },
  };
}

async function startStatic(bodyFile: string, etag: string): Promise<Child & { url: string }> {
  const port = await freePort();
  const child = startNode(tsNodeArgs('bench/support/static-server.ts'), {
    TS_NODE_TRANSPILE_ONLY: '1',
    BODY_FILE: bodyFile,
    ETAG: etag,
    HOST,
    PORT: String(port),
  });
  const deadline = Date.now() + 60_000;
  while (!child.output().includes('static server listening')) {
    if (child.process.exitCode !== null || Date.now() > deadline) {
      await child.stop();
      throw new Error(`the static server did not start:\n${child.output()}`);
    }
    await sleep(100);
  }
  return { ...child, url: `http://${HOST}:${port}` };
}

function row(result: ReadResult, ceiling?: ReadResult): string[] {
  const cpu = (name: string) => fmt(result.cpu[name], 1);
  const rps = result.requests / result.seconds;
  return [
    result.label,
    String(result.requests),
    fmt(result.seconds, 2),
    fmt(rps, 0),
    fmt(percentile(result.latencies, 50), 2),
    fmt(percentile(result.latencies, 99), 2),
    fmt(result.bytesPerResponse, 0),
    `${result.non2xx}/${result.errors}`,
    ceiling ? fmt(rps / (ceiling.requests / ceiling.seconds), 3) : '',
    `${cpu('server')}/${cpu('mariadb')}/${cpu('bench')}/${cpu('other')}`,
  ];
}

async function main(): Promise<void> {
  watchdog(10 * 60_000);
  console.log('bench:seatmap — GET /api/shows/:id/seats of a 400-seat show');
  console.log(`machine: ${machineLine()}`);
  console.log(`code: ${codeLine()}`);
  console.log(
    'note: autocannon (this process), the server under test and MariaDB share these cores; the bare server runs in its own ' +
      'process like the API, so both sides have the same layout of processes.',
  );
  console.log(`database: ${DATABASE_URL} (dropped and created fresh)`);
  await recreateDatabase();
  const token = newAdminToken();
  const api = await startApi(apiEnv(token));
  const bodyFile = join(tmpdir(), `marquee-seatmap-${process.pid}.json`);
  const results: ReadResult[][] = [];
  let failed = false;
  try {
    console.log(`API (${api.mode}): ${api.command} on ${api.url}, pid ${api.process.pid}`);
    const shows = await createShows(api.url, token, LAYOUT, REPEAT);
    console.log(
      `${REPEAT} shows of ${shows.seats.length} seats (${LAYOUT.length} × ${LAYOUT[0].length}), one per round; concurrency ${CONCURRENCY}, ` +
        `${WARMUP_S} s warm-up + ${DURATION_S} s measured per target; trickle: ${TRICKLE_PER_SECOND} single-seat bookings/s during warm-up and window`,
    );
    const mariadb = databasePid(DB.port);
    console.log(`before: ${noiseLine([api.process.pid ?? 0, mariadb ?? 0])}`);
    for (let round = 1; round <= REPEAT; round++) {
      const showId = shows.showIds[round - 1];
      const path = `/api/shows/${showId}/seats`;
      const map = await seatMap(api.url, showId);
      writeFileSync(bodyFile, map.bytes);
      const bare = await startStatic(bodyFile, map.etag ?? '');
      try {
        const check = await fetch(`${bare.url}${path}`).then(async (response) =>
          Buffer.from(await response.arrayBuffer()),
        );
        if (!check.equals(map.bytes)) throw new Error('the bare server does not serve the same bytes as the API');
        if (round === 1) await profileApi(api, 'start');
        const viaApi = await readLoad(`${round}: API, show ${showId}`, `${api.url}${path}`, {
          server: api.process.pid,
          mariadb,
        });
        if (round === 1) {
          const profile = await profileApi(api, 'stop');
          if (profile) console.log(`API CPU profile of round 1 (warm-up + window): ${profile}`);
        }
        const again = await seatMap(api.url, showId);
        if (!again.bytes.equals(map.bytes)) viaApi.note = 'seat map bytes changed during the run';
        const ceiling = await readLoad(
          `${round}: bare node http (same ${map.bytes.length} bytes)`,
          `${bare.url}${path}`,
          { server: bare.process.pid, mariadb },
        );
        const free = map.seats.filter((seat) => seat.state === 'available');
        const bookings = trickle(api.url, showId, free, TRICKLE_PER_SECOND);
        const trickled = await readLoad(`${round}: API + bookings trickling`, `${api.url}${path}`, {
          server: api.process.pid,
          mariadb,
        });
        const done = await bookings.stop();
        const booked = done.statuses.get(201) ?? 0;
        const after = await seatMap(api.url, showId);
        const bookedOnMap = after.seats.filter((seat) => seat.state === 'booked').length;
        trickled.note =
          `${done.sent} bookings sent (${[...done.statuses.entries()].map(([s, n]) => `${s}×${n}`).join(' ')}) over ${fmt(done.seconds, 1)} s (warm-up + window), ` +
          `booking latency p50 ${fmt(percentile(done.latencies, 50), 1)} ms p99 ${fmt(percentile(done.latencies, 99), 1)} ms; ` +
          `seat map afterwards shows ${bookedOnMap} booked (${bookedOnMap === booked ? 'matches' : 'DOES NOT match'} the 201s)`;
        if (bookedOnMap !== booked || done.statuses.size !== 1) failed = true;
        results.push([viaApi, ceiling, trickled]);
      } finally {
        await bare.stop();
      }
    }
    console.log(`after: ${noiseLine([api.process.pid ?? 0, mariadb ?? 0])}`);
    console.log('');
    console.log(
      table(
        [
          'run',
          'requests',
          'window s',
          'req/s',
          'p50 ms',
          'p99 ms',
          'bytes/resp',
          'non2xx/err',
          'ratio to bare',
          'CPU s server/db/bench/other',
        ],
        results.flatMap(([viaApi, ceiling, trickled]) => [row(viaApi, ceiling), row(ceiling), row(trickled, ceiling)]),
      ),
    );
    for (const round of results)
      for (const result of round) if (result.note) console.log(`${result.label}: ${result.note}`);
    console.log(
      'CPU s = CPU seconds used in the measured window by the server under test (API or bare), MariaDB, this process ' +
        '(autocannon) and everything else on the machine (other: noise from other work).',
    );
    const rps = (r: ReadResult) => r.requests / r.seconds;
    const apiRps = median(results.map(([a]) => rps(a)));
    const bareRps = median(results.map(([, b]) => rps(b)));
    const trickleRps = median(results.map(([, , t]) => rps(t)));
    const ratios = results.map(([a, b]) => rps(a) / rps(b));
    const trickleRatios = results.map(([, b, t]) => rps(t) / rps(b));
    const ratio = median(ratios);
    const invalid = results.flat().filter((r) => r.non2xx || r.errors || !r.requests);
    console.log('');
    console.log(
      `ratio API/bare per round: ${ratios.map((r) => fmt(r, 3)).join(', ')}; with bookings trickling: ${trickleRatios.map((r) => fmt(r, 3)).join(', ')}`,
    );
    console.log(
      `median of ${REPEAT}: API ${fmt(apiRps, 0)} req/s, bare ${fmt(bareRps, 0)} req/s, API + trickle ${fmt(trickleRps, 0)} req/s; ` +
        `ratio API/bare ${fmt(ratio, 3)} — target ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}; with trickle ${fmt(median(trickleRatios), 3)}`,
    );
    if (invalid.length)
      console.log(`INVALID: ${invalid.map((r) => `${r.label}: ${r.non2xx} non-2xx, ${r.errors} errors`).join('; ')}`);
    console.log(
      `RESULT seatmap: api ${fmt(apiRps, 0)} req/s, bare ${fmt(bareRps, 0)} req/s, ratio ${fmt(ratio, 3)} (target 0.5 ${ratio >= 0.5 ? 'met' : 'not met'}), ` +
        `with trickle ${fmt(trickleRps, 0)} req/s, ratio ${fmt(median(trickleRatios), 3)}${invalid.length || failed ? ', INVALID RUN' : ''}`,
    );
    if (invalid.length || failed) process.exitCode = 1;
  } catch (error) {
    console.error(`bench:seatmap failed: ${(error as Error).stack ?? error}`);
    const tail = api.output().slice(-4000);
    if (tail) console.error(`--- API output (tail) ---\n${tail}`);
    process.exitCode = 1;
  } finally {
    await api.stop();
    try {
      unlinkSync(bodyFile);
    } catch {
      // never written
    }
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});

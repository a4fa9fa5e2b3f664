import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import {
  ADMIN_TOKEN,
  api,
  cluster,
  ClusterView,
  compose,
  containerOf,
  containerState,
  docker,
  logsOf,
  DOCKER_DIR,
  processesMentioning,
  report,
  runLogged,
  until,
} from './support/compose';

/**
 * The compose deployment for real (README "Containers"): a private dockerd
 * (scripts/docker-engine.sh), the stand-in base images when the engine lacks them, every image
 * built from the project's Dockerfiles, `docker-compose up`, then checks from the host through
 * http://127.0.0.1:8080 only: first-run data, a booking rush, kill -9 of an API node and of the
 * primary database, down/up, down -v, and nothing left behind.
 */

const SERVICES = ['mariadb', 'mariadb-2', 'mariadb-3', 'redis', 'api-1', 'api-2', 'api-3', 'worker', 'nginx'];
const MB = 1024 * 1024;

interface Booked {
  code: string;
  email: string;
  seats: number[];
  showId: number;
}

/** Every booking answered 2xx in this test; all must still exist at the end. */
const booked: Booked[] = [];
let engineStarted = false;

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    report(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** Up and agreed: every container healthy, a leader, three nodes up, a primary and two replicas. */
async function waitForStack(timeoutMs: number): Promise<ClusterView> {
  await until(
    'every container healthy',
    timeoutMs,
    async () => {
      for (const service of SERVICES) {
        const state = await containerState(await containerOf(service));
        if (state.health !== 'healthy') return false;
      }
      return true;
    },
    2_000,
  );
  return until('a leader, three nodes up, a primary and two replicas', 120_000, async () => {
    const view = await cluster();
    if (!view || view.leader === null || view.nodes.filter((node) => node.up).length !== 3) return false;
    const roles = view.databases.map((server) => server.role).sort();
    return roles.join(',') === 'primary,replica,replica' ? view : false;
  });
}

async function book(showId: number, seatIds: number[], email: string, key = randomUUID()) {
  const response = await api('/api/bookings', {
    method: 'POST',
    body: { showId, seatIds, customer: { name: 'Container Test', email } },
    headers: { 'Idempotency-Key': key },
    timeoutMs: 30_000,
  });
  if (response.status >= 200 && response.status < 300) {
    booked.push({ code: response.body.code, email, seats: seatIds, showId });
  }
  return response;
}

/** Shows with the seats still available, from the catalogue (through nginx). */
async function showsWithSeats(count: number): Promise<{ showId: number; seatIds: number[] }[]> {
  const movies = (await api('/api/movies')).body as { id: number }[];
  const shows: { showId: number; seatIds: number[] }[] = [];
  for (const movie of movies) {
    const detail = (await api(`/api/movies/${movie.id}`)).body as { shows: { id: number; available: number }[] };
    for (const show of detail.shows.filter((candidate) => candidate.available >= 60)) {
      const seats = (await api(`/api/shows/${show.id}/seats`)).body as { seats: { id: number; state: string }[] };
      shows.push({
        showId: show.id,
        seatIds: seats.seats.filter((seat) => seat.state === 'available').map((seat) => seat.id),
      });
      if (shows.length === count) return shows;
    }
  }
  throw new Error(`only ${shows.length} shows with 60 free seats`);
}

/** Every booking answered 2xx is there, with its seats (read through nginx, from the primary). */
async function expectEveryBookingPresent(): Promise<void> {
  for (let i = 0; i < booked.length; i += 20) {
    await Promise.all(
      booked.slice(i, i + 20).map(async (booking) => {
        const response = await api(`/api/bookings/${booking.code}?email=${encodeURIComponent(booking.email)}`);
        expect({ code: booking.code, status: response.status }).toEqual({ code: booking.code, status: 200 });
        expect((response.body.seats as { id: number }[]).map((seat) => seat.id).sort()).toEqual(
          [...booking.seats].sort(),
        );
      }),
    );
  }
}

function expectNoSeatSoldTwice(): void {
  const owners = new Map<string, string>();
  for (const booking of booked) {
    for (const seat of booking.seats) {
      const key = `${booking.showId}/${seat}`;
      expect({ seat: key, first: owners.get(key) ?? booking.code }).toEqual({ seat: key, first: booking.code });
      owners.set(key, booking.code);
    }
  }
}

describe('docker compose: the deployment in containers', () => {
  beforeAll(async () => {
    await timed('engine start (stand-in bases if missing)', () =>
      runLogged('engine', 'bash', ['scripts/docker-engine.sh', 'start']),
    );
    engineStarted = true;
    // A run killed mid-way may have left the project's containers and volumes in the engine.
    await compose('down', '-v', '--remove-orphans');
    await timed('image builds', () => runLogged('build', 'docker-compose', ['-p', 'marquee-test', 'build']));
    for (const image of [
      'marquee-app',
      'marquee-mariadb',
      'marquee-redis',
      'marquee-nginx',
      'node:20-bookworm-slim',
      'debian:bookworm-slim',
    ]) {
      const size = Number(await docker('image', 'inspect', '-f', '{{.Size}}', image));
      report(`image ${image}: ${(size / MB).toFixed(0)} MB`);
    }
    await timed('up until healthy with a leader', async () => {
      await runLogged('up', 'docker-compose', ['-p', 'marquee-test', 'up', '-d']);
      await waitForStack(10 * 60_000);
    });
  }, 50 * 60_000);

  afterAll(async () => {
    if (!engineStarted) return;
    try {
      await compose('down', '-v', '--remove-orphans');
    } finally {
      await runLogged('engine', 'bash', ['scripts/docker-engine.sh', 'stop']);
    }
  }, 5 * 60_000);

  it('the API image stays under 400 MB', async () => {
    expect(Number(await docker('image', 'inspect', '-f', '{{.Size}}', 'marquee-app'))).toBeLessThan(400 * MB);
  }, 30_000);

  it('has loaded the first-run data once and shows three nodes and three database servers', async () => {
    const movies = await api('/api/movies');
    expect(movies.status).toBe(200);
    // The first run's programme: the showtimes snapshot's films (10), in its three cinemas.
    expect(movies.body.length).toBeGreaterThanOrEqual(3);
    const view = (await cluster())!;
    expect(view.nodes.map((node) => node.id).sort()).toEqual([1, 2, 3]);
    expect(view.databases.map((server) => server.host).sort()).toEqual(['mariadb', 'mariadb-2', 'mariadb-3']);
    // First-run data once: the three nodes started together, yet there is one set of theaters.
    const theaters = await api('/api/admin/theaters', { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(theaters.status).toBe(200);
    const names = (theaters.body as { name: string }[]).map((theater) => theater.name);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(new Set(names).size).toBe(names.length);
  }, 30_000);

  it('keeps /metrics and node-to-node messages off the public port; each node serves /metrics inside', async () => {
    expect((await api('/metrics')).status).toBe(404);
    expect((await api('/api/cluster/messages', { method: 'POST', body: {} })).status).toBe(403);
    const metrics = await docker(
      'exec',
      await containerOf('api-1'),
      'node',
      '-e',
      "fetch('http://127.0.0.1:3000/metrics').then((r) => r.text()).then((t) => process.stdout.write(t))",
    );
    expect(metrics).toMatch(/^marquee_database_replica_lag_seconds\{server="mariadb-2:3306"\} [\d.e-]+$/m);
    expect(metrics).toMatch(/^marquee_database_server_up\{server="mariadb:3306",role="primary"\} 1$/m);
    expect(metrics).toMatch(/^marquee_cluster_node_up\{node="3"\} 1$/m);
    expect(metrics).toMatch(/^marquee_queue_jobs\{queue="holds",state="waiting"\} \d+$/m);
    // The logs are JSON lines.
    const { stdout } = await logsOf('api-1');
    const lines = stdout.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
  }, 60_000);

  it(
    'a booking rush of 1,200 attempts over overlapping seats sells no seat twice',
    async () => {
      const shows = await showsWithSeats(3);
      const attempts = shows.flatMap(({ showId, seatIds }) =>
        Array.from({ length: 400 }, (_, i) => {
          const first = (i * 7) % 57;
          const count = 1 + (i % 3);
          return { showId, seatIds: seatIds.slice(first, first + count), email: `rush-${i % 25}@example.test` };
        }),
      );
      const statuses = new Map<number, number>();
      let next = 0;
      await timed(`booking rush (${attempts.length} attempts, 48 at a time)`, () =>
        Promise.all(
          Array.from({ length: 48 }, async () => {
            while (next < attempts.length) {
              const attempt = attempts[next++];
              const response = await book(attempt.showId, attempt.seatIds, attempt.email);
              statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            }
          }),
        ),
      );
      report(`rush outcomes by status: ${JSON.stringify(Object.fromEntries(statuses))}`);
      expect([...statuses.keys()].filter((status) => status !== 201 && status !== 409)).toEqual([]);
      expect(booked.length).toBeGreaterThan(20);
      expectNoSeatSoldTwice();
      await expectEveryBookingPresent();
      // And the seat maps agree: every booked seat of the rush shows as booked.
      for (const { showId } of shows) {
        const seats = (await api(`/api/shows/${showId}/seats`)).body.seats as { id: number; state: string }[];
        const bookedHere = new Set(booked.filter((b) => b.showId === showId).flatMap((b) => b.seats));
        expect(
          seats
            .filter((seat) => seat.state === 'booked')
            .map((seat) => seat.id)
            .sort(),
        ).toEqual([...bookedHere].sort());
      }
    },
    10 * 60_000,
  );

  it(
    'kill -9 of the leader node: nginx routes around it, a new leader is elected, the restart policy brings it back, it rejoins',
    async () => {
      const before = (await cluster())!;
      const victim = before.leader!;
      const id = await containerOf(`api-${victim}`);
      const state = await containerState(id);
      process.kill(state.pid, 'SIGKILL');
      const killedAt = Date.now();
      report(`killed api-${victim} (the leader, term ${before.term}): host pid ${state.pid}`);
      // A node restarted by the policy can be back before the others' failure timeout (adaptive,
      // up to FAILURE_TIMEOUT_MAX_MS after a loaded rush) and take its leadership back unnoticed.
      // So it is kept down as a crash loop would: each process the restart policy starts is
      // killed again (from the host) until a survivor reports another leader; meanwhile reads
      // through nginx must keep working.
      let failed = 0;
      let reads = 0;
      let crashes = 1;
      let maxTimeoutMs = 0;
      let lastPid = state.pid;
      const successor = await until(
        `a new leader while api-${victim} is down`,
        120_000,
        async () => {
          const now = await containerState(id);
          if (now.running && now.pid > 0 && now.pid !== lastPid) {
            lastPid = now.pid;
            crashes++;
            try {
              process.kill(now.pid, 'SIGKILL');
            } catch {
              // It exited on its own meanwhile.
            }
          }
          reads++;
          const response = await api('/api/cluster', { timeoutMs: 10_000 }).catch(() => undefined);
          if (!response || response.status !== 200) {
            failed++;
            return false;
          }
          const view = response.body as ClusterView;
          if (view.nodeId === victim) return false;
          for (const node of view.nodes) maxTimeoutMs = Math.max(maxTimeoutMs, node.failureTimeoutMs ?? 0);
          return view.leader !== null && view.leader !== victim && view.term > before.term ? view : false;
        },
        200,
      );
      report(
        `new leader ${successor.leader} in term ${successor.term} after ${((Date.now() - killedAt) / 1000).toFixed(1)} s ` +
          `(api-${victim} killed ${crashes} time(s); failure timeout up to ${maxTimeoutMs} ms); ` +
          `${failed} of ${reads} reads through nginx failed`,
      );
      expect(failed).toBe(0);
      const back = await until(`api-${victim} restarted and healthy`, 180_000, async () => {
        const now = await containerState(id);
        return now.restarts > state.restarts && now.health === 'healthy' ? now : false;
      });
      const after = await until('the three nodes up and agreed on a leader', 120_000, async () => {
        const view = await cluster();
        return view && view.leader !== null && view.term >= successor.term && view.nodes.every((node) => node.up)
          ? view
          : false;
      });
      report(
        `api-${victim} back after ${((Date.now() - killedAt) / 1000).toFixed(1)} s (restarts ${back.restarts}); ` +
          `leader ${after.leader} in term ${after.term}`,
      );
    },
    10 * 60_000,
  );

  it(
    'kill -9 of the primary MariaDB: a replica is promoted, bookings resume, the old primary rejoins as a replica',
    async () => {
      const before = (await cluster())!;
      const primary = before.databases.find((server) => server.role === 'primary')!;
      const primaryService = primary.host;
      const id = await containerOf(primaryService);
      // Kept down until the test brings it back (the restart policy would restart it at once).
      await docker('update', '--restart=no', id);
      const [{ showId, seatIds }] = await showsWithSeats(1);
      let nextSeat = 0;
      const email = 'failover@example.test';
      const state = await containerState(id);
      process.kill(state.pid, 'SIGKILL');
      const killedAt = Date.now();
      report(`killed ${primaryService} (the primary, epoch ${before.epoch}): host pid ${state.pid}`);
      // One seat at a time; a refused attempt is retried with the same key, so one whose outcome
      // was unknown (503 at commit) returns its booking rather than making another.
      let firstAfter: number | undefined;
      let refused = 0;
      const key = randomUUID();
      while (firstAfter === undefined && Date.now() - killedAt < 120_000) {
        const response = await book(showId, [seatIds[nextSeat]], email, key).catch(() => ({ status: 0 }));
        if (response.status === 201) {
          firstAfter = Date.now();
          nextSeat++;
        } else {
          refused++;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
      expect(firstAfter).toBeDefined();
      report(
        `writes unavailable for ${((firstAfter! - killedAt) / 1000).toFixed(1)} s after the kill (${refused} attempts refused meanwhile)`,
      );
      const promoted = await until('a replica promoted in a new epoch', 60_000, async () => {
        const view = await cluster();
        const next = view?.databases.find((server) => server.role === 'primary');
        return view && view.epoch > before.epoch && next && next.host !== primaryService ? { view, next } : false;
      });
      report(`promoted ${promoted.next.host} in epoch ${promoted.view.epoch}`);
      for (let i = 0; i < 10; i++) expect((await book(showId, [seatIds[nextSeat++]], email)).status).toBe(201);
      await expectEveryBookingPresent();
      // On the new primary itself: every code answered 2xx is in its booking table.
      const codes = await docker(
        'exec',
        await containerOf(promoted.next.host),
        'mariadb',
        '-N',
        '-B',
        'marquee',
        '-e',
        'SELECT code FROM booking',
      );
      const onPrimary = new Set(codes.split('\n'));
      expect(booked.filter((booking) => !onPrimary.has(booking.code)).map((booking) => booking.code)).toEqual([]);
      // The old primary comes back: read-only, and the leader makes it a replica of the new one.
      await docker('start', id);
      await docker('update', '--restart=unless-stopped', id);
      const rejoined = await until(
        `${primaryService} rejoined as a replica of ${promoted.next.host}`,
        180_000,
        async () => {
          const view = await cluster();
          const old = view?.databases.find((server) => server.host === primaryService);
          return old?.role === 'replica' && old.replicatingFrom?.startsWith(promoted.next.host) ? old : false;
        },
      );
      report(`${primaryService} is a replica of ${rejoined.replicatingFrom} again`);
    },
    10 * 60_000,
  );

  it(
    'down then up keeps every booking (volumes)',
    async () => {
      await timed('down and up again', async () => {
        await runLogged('down', 'docker-compose', ['-p', 'marquee-test', 'down']);
        await runLogged('up', 'docker-compose', ['-p', 'marquee-test', 'up', '-d']);
        await waitForStack(10 * 60_000);
      });
      await expectEveryBookingPresent();
      expectNoSeatSoldTwice();
    },
    15 * 60_000,
  );

  it(
    'down -v leaves no container, network or volume; stopping the engine leaves no process or mount',
    async () => {
      await runLogged('down', 'docker-compose', ['-p', 'marquee-test', 'down', '-v', '--remove-orphans']);
      expect(await docker('ps', '-aq')).toBe('');
      expect(await docker('volume', 'ls', '-q')).toBe('');
      expect((await docker('network', 'ls', '--format', '{{.Name}}')).split('\n').sort()).toEqual([
        'bridge',
        'host',
        'none',
      ]);
      await runLogged('engine', 'bash', ['scripts/docker-engine.sh', 'stop']);
      engineStarted = false;
      expect(processesMentioning(DOCKER_DIR)).toEqual([]);
      // Nor a mount (dockerd's network namespace) that would keep the checkout from being deleted.
      const mounts = readFileSync('/proc/self/mounts', 'utf8')
        .split('\n')
        .filter((line) => line.split(' ')[1]?.startsWith(`${DOCKER_DIR}/`));
      expect(mounts).toEqual([]);
    },
    5 * 60_000,
  );
});

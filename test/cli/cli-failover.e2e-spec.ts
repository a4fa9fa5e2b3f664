import { DatabaseService } from '@app/database';
import { Booking } from '@app/booking';
import { reservationEmailLike } from '../support/booking-fixtures';
import { serverOrder } from '../../apps/cli/src/server-order';
import { makeShow } from '../support/factories';
import { eventually } from '../support/processes';
import { startApi, ListeningApp } from './support/api-server';
import { runCli, writeServersFile } from './support/run-cli';
import { failingServer, proxyTo, refusedPort, silentServer, StubServer } from './support/stub-servers';

// Each step runs the CLI as a process (~1 s through ts-node), some after a deliberate timeout.
jest.setTimeout(60_000);

/** A `--seed` under which the CLI tries the server with id `firstId` first (serverOrder is the CLI's own). */
function seedTryingFirst(firstId: number, ids: number[]): number {
  for (let seed = 0; seed < 10_000; seed++) {
    if (serverOrder(ids, seed)[0] === firstId) return seed;
  }
  throw new Error(`no seed puts ${firstId} first`);
}

/**
 * Failover of `marquee` over a servers file (DESIGN.md: pick a server at random, after 5 s
 * without an answer try another, a retry reuses the Idempotency-Key): two API nodes on one
 * MariaDB database, and dead, silent, failing and answer-losing servers in front of them.
 */
describe('marquee failover between servers', () => {
  let nodes: ListeningApp[];
  const stubs: StubServer[] = [];

  beforeAll(async () => {
    nodes = [await startApi('mysql', { NODE_ID: '1' }), await startApi('mysql', { NODE_ID: '2' })];
  });
  afterEach(async () => {
    await Promise.all(stubs.splice(0).map((stub) => stub.close()));
  });
  afterAll(() => Promise.all(nodes.map((node) => node.close())));

  async function bookingsOf(showId: number, name: string): Promise<Booking[]> {
    return nodes[0]
      .get(DatabaseService)
      .manager.find(Booking, { where: { showId, customerEmail: reservationEmailLike(name), state: 'confirmed' } });
  }

  it('picks the first server at random: without --seed, runs spread over the servers', () => {
    const firsts = new Set(Array.from({ length: 200 }, () => serverOrder([1, 2, 3])[0]));
    expect(firsts).toEqual(new Set([1, 2, 3]));
    expect(serverOrder([1, 2, 3], 7)).toEqual(serverOrder([1, 2, 3], 7));
  });

  it('moves on at once from a server that refuses the connection', async () => {
    const { show } = await makeShow(nodes[0], { seats: 12 });
    const dead = await refusedPort();
    const servers = writeServersFile([
      { id: 1, port: dead },
      { id: 2, port: nodes[1].port },
    ]);
    const seed = String(seedTryingFirst(1, [1, 2]));

    const run = await runCli(['--servers', servers, '--show', String(show.id), '--seed', seed, 'reserve', 'Ada', '2']);

    expect(run).toMatchObject({ code: 0, stdout: 'The seats have been reserved for Ada: A5,A6.\n' });
    expect(run.stderr).toBe(
      `marquee: server 1 (127.0.0.1:${dead}) refused the connection; trying server 2 (127.0.0.1:${nodes[1].port})\n`,
    );
    expect(run.elapsedMs).toBeLessThan(5_000);
    const [booking] = await bookingsOf(show.id, 'Ada');
    expect(booking.nodeId).toBe(2);
  });

  it('moves on after the timeout from a server that accepts but never answers', async () => {
    const { show } = await makeShow(nodes[0], { seats: 12 });
    const silent = await silentServer();
    stubs.push(silent);
    const servers = writeServersFile([
      { id: 1, port: silent.port },
      { id: 2, port: nodes[1].port },
    ]);
    const seed = String(seedTryingFirst(1, [1, 2]));
    const marquee = (...args: string[]) =>
      runCli(['--servers', servers, '--show', String(show.id), '--seed', seed, '--timeout-ms', '1000', ...args]);

    const reserve = await marquee('reserve', 'Bob', '1');
    expect(reserve).toMatchObject({ code: 0, stdout: 'The seats have been reserved for Bob: A5.\n' });
    expect(reserve.stderr).toBe(
      `marquee: server 1 (127.0.0.1:${silent.port}) did not answer within 1000 ms; trying server 2 (127.0.0.1:${nodes[1].port})\n`,
    );
    expect(reserve.elapsedMs).toBeGreaterThanOrEqual(1_000);

    const search = await marquee('search', 'Bob');
    expect(search).toMatchObject({
      code: 0,
      stdout: 'A5\n',
      stderr: expect.stringContaining('did not answer within 1000 ms'),
    });
  });

  it('books once when a server booked but its answer was lost: the retry elsewhere replays it', async () => {
    const { show } = await makeShow(nodes[0], { seats: 12 });
    const lossy = await proxyTo(nodes[0].port, { withhold: true });
    const relay = await proxyTo(nodes[1].port);
    stubs.push(lossy, relay);
    const servers = writeServersFile([
      { id: 1, port: lossy.port },
      { id: 2, port: relay.port },
    ]);
    const seed = String(seedTryingFirst(1, [1, 2]));

    const run = await runCli([
      '--servers',
      servers,
      '--show',
      String(show.id),
      '--seed',
      seed,
      '--timeout-ms',
      '1500',
      'reserve',
      'Cy',
      '3',
    ]);

    // Node 1 booked (its answer reached the proxy, not the CLI) ...
    await eventually(async () => lossy.log.answers.length === 1, 10_000, 'node 1 answering the proxy');
    const first = JSON.parse(lossy.log.answers[0].body);
    expect(lossy.log.answers[0].status).toBe(201);
    // ... the CLI retried on node 2 with the same Idempotency-Key and got that booking back.
    const key = lossy.log.requests[0].headers['idempotency-key'];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(relay.log.requests.map((request) => request.headers['idempotency-key'])).toEqual([key]);
    expect(relay.log.answers[0].headers['idempotent-replayed']).toBe('true');
    expect(run).toMatchObject({ code: 0, stdout: `The seats have been reserved for Cy: ${first.seats.join(',')}.\n` });
    expect(run.stderr).toContain('did not answer within 1500 ms; trying server 2');
    const bookings = await bookingsOf(show.id, 'Cy');
    expect(bookings).toHaveLength(1);
    expect(bookings[0]).toMatchObject({ code: first.bookingCode, nodeId: 1, idempotencyKey: key });
  });

  it('moves on from a server that answers 5xx, and exits 3 when no server answers', async () => {
    const { show } = await makeShow(nodes[0], { seats: 12 });
    const busy = await failingServer(503);
    stubs.push(busy);
    const dead = await refusedPort();
    const withLive = writeServersFile([
      { id: 1, port: busy.port },
      { id: 2, port: nodes[0].port },
    ]);
    const first = await runCli([
      '--servers',
      withLive,
      '--show',
      String(show.id),
      '--seed',
      String(seedTryingFirst(1, [1, 2])),
      'reserve',
      'Di',
      '1',
    ]);
    expect(first).toMatchObject({ code: 0, stdout: 'The seats have been reserved for Di: A5.\n' });
    expect(first.stderr).toContain(`server 1 (127.0.0.1:${busy.port}) answered 503 (BUSY); trying server 2`);

    const allDown = writeServersFile([
      { id: 1, port: busy.port },
      { id: 2, port: dead },
    ]);
    const none = await runCli([
      '--servers',
      allDown,
      '--show',
      String(show.id),
      '--seed',
      String(seedTryingFirst(1, [1, 2])),
      'search',
      'Di',
    ]);
    expect(none.code).toBe(3);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe(
      `marquee: server 1 (127.0.0.1:${busy.port}) answered 503 (BUSY); trying server 2 (127.0.0.1:${dead})\n` +
        `marquee: no server answered (server 1 (127.0.0.1:${busy.port}) answered 503 (BUSY); server 2 (127.0.0.1:${dead}) refused the connection)\n`,
    );
  });
});

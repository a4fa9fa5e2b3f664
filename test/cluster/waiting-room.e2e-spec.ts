import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterRunner } from '../../scripts/cluster/cluster-runner';
import { Child, eventually, redisReachable, spawnProcess } from '../../scripts/support/processes';
import { seatedShow, SeatedShow } from '../support/booking-fixtures';
import { ADMIN, freePortRange, startTestCluster } from '../support/cluster';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(240_000);

interface Status {
  state: string;
  position: number | null;
  token: string | null;
  opened: boolean;
}

/** A Redis of this test's own (AOF, fsync every write), so restarting it touches nobody else. */
async function startRedis(port: number, dir: string): Promise<Child> {
  const redis = spawnProcess(
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--save',
      '',
    ],
    {},
    'redis-server',
  );
  await eventually(() => redisReachable(`redis://127.0.0.1:${port}`), 10_000, 'redis-server answering');
  return redis;
}

async function joinQueue(url: string, showId: number, email: string): Promise<string> {
  const response = await fetch(`${url}/api/shows/${showId}/queue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .find((cookie) => cookie.startsWith('marquee_visitor='))!
    .split(';')[0];
}

async function status(url: string, showId: number, cookie: string): Promise<Status> {
  const response = await fetch(`${url}/api/shows/${showId}/queue`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return (await response.json()) as Status;
}

describe('waiting room across a cluster (2 nodes, nginx, own Redis)', () => {
  let runner: ClusterRunner;
  let fixtures: TestApp;
  let redis: Child;
  let redisPort: number;
  let redisDir: string;
  let seated: SeatedShow;
  const customers: { email: string; cookie: string }[] = [];

  beforeAll(async () => {
    redisPort = await freePortRange(0);
    redisDir = mkdtempSync(join(tmpdir(), 'marquee-wr-redis-'));
    redis = await startRedis(redisPort, redisDir);
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    runner = await startTestCluster({ nodes: 2, env: { REDIS_URL: redisUrl, WAITING_ROOM_TICK_MS: '100' } });
    fixtures = await createTestApp('mysql');
    seated = await seatedShow(fixtures);
  });
  afterAll(async () => {
    await runner?.stop();
    await fixtures?.close();
    await redis?.stop();
    if (redisDir) rmSync(redisDir, { recursive: true, force: true });
  });

  it('keeps every place when a node is killed mid-queue and when Redis restarts; tokens of the dead node still admit', async () => {
    const showId = seated.show.id;
    const onSaleAt = Date.now() + 4_000;
    const put = await fetch(`${runner.nodeUrl(1)}/api/admin/shows/${showId}/queue`, {
      method: 'PUT',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({
        mode: 'always',
        onSaleAt: new Date(onSaleAt).toISOString(),
        admissionRatePerMin: 30,
        pickWindowSeconds: 120,
      }),
    });
    expect(put.status).toBe(200);
    // 12 customers before the on-sale moment, half on each node; 4 more after it, through nginx.
    for (let index = 0; index < 12; index++) {
      const email = `wr${index}@example.com`;
      customers.push({ email, cookie: await joinQueue(runner.nodeUrl(1 + (index % 2)), showId, email) });
    }
    await eventually(async () => (await status(runner.url, showId, customers[0].cookie)).opened, 15_000, 'opening');
    for (let index = 12; index < 16; index++) {
      const email = `wr${index}@example.com`;
      customers.push({ email, cookie: await joinQueue(runner.url, showId, email) });
    }
    /** Each customer's place: admitted customers first (by admission), then the line. */
    const places = async (url: string) =>
      Promise.all(customers.map(async (customer) => status(url, showId, customer.cookie)));
    const before = await places(runner.nodeUrl(2));
    expect(before.every((place) => place.state !== 'early')).toBe(true);
    // After the draw: the four late arrivals are the last four, in arrival order.
    const waitingBefore = before.filter((place) => place.state === 'waiting').map((place) => place.position!);
    expect(waitingBefore.length).toBeGreaterThanOrEqual(12);
    const late = before.slice(12).map((place) => place.position!);
    expect(late).toEqual([...late].sort((a, b) => a - b));
    expect(Math.max(...late)).toBe(Math.max(...waitingBefore));

    // The first admitted customer, with a token node 2 signed.
    const first = await eventually(
      async () => {
        for (const [index, customer] of customers.entries()) {
          const place = await status(runner.nodeUrl(2), showId, customer.cookie);
          if (place.state === 'admitted') return { index, token: place.token! };
        }
        return undefined;
      },
      15_000,
      'a first admission',
    );

    await runner.kill(2);
    const afterKill = await places(runner.nodeUrl(1));
    for (const [index, place] of afterKill.entries()) {
      expect(['waiting', 'admitted']).toContain(place.state);
      // Nobody lost their place: a customer waiting before is waiting or admitted now, never further back.
      if (before[index].state === 'waiting' && place.state === 'waiting')
        expect(place.position!).toBeLessThanOrEqual(before[index].position!);
    }
    const order = (list: Status[]) =>
      list
        .map((place, index) => ({ index, position: place.position }))
        .filter((entry) => entry.position !== null)
        .sort((a, b) => a.position! - b.position!)
        .map((entry) => entry.index);
    const orderAfterKill = order(afterKill);
    expect(order(before).filter((index) => orderAfterKill.includes(index))).toEqual(orderAfterKill);

    // The token node 2 issued admits on node 1 (signed, not stored).
    const customer = customers[first.index];
    const hold = await fetch(`${runner.nodeUrl(1)}/api/shows/${showId}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: customer.cookie, 'queue-token': first.token },
      body: JSON.stringify({ seatIds: [seated.byLabel('A1').id], customer: { name: 'First', email: customer.email } }),
    });
    expect(hold.status).toBe(201);
    const refused = await fetch(`${runner.nodeUrl(1)}/api/shows/${showId}/holds`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        seatIds: [seated.byLabel('A2').id],
        customer: { name: 'Script', email: 's@example.com' },
      }),
    });
    expect(refused.status).toBe(403);

    // Redis crashes (SIGKILL) and comes back from its append-only file: the line is the same.
    const beforeRestart = await places(runner.nodeUrl(1));
    process.kill(redis.process.pid!, 'SIGKILL');
    await new Promise((resolve) => redis.process.once('exit', resolve));
    redis = await startRedis(redisPort, redisDir);
    const afterRestart = await eventually(
      async () => {
        try {
          return await places(runner.nodeUrl(1));
        } catch {
          return undefined;
        }
      },
      20_000,
      'the queue answering again',
    );
    const orderAfterRestart = order(afterRestart);
    expect(orderAfterRestart.length).toBeGreaterThan(0);
    expect(order(beforeRestart).filter((index) => orderAfterRestart.includes(index))).toEqual(orderAfterRestart);
    for (const [index, place] of afterRestart.entries()) {
      if (beforeRestart[index].state === 'admitted') expect(['admitted', 'expired']).toContain(place.state);
      else expect(['waiting', 'admitted']).toContain(place.state);
    }
  });
});

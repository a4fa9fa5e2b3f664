import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { VectorClock } from '@app/cluster';
import { JobName, QueueName } from '@app/jobs';
import { ClusterRunner } from '../../scripts/cluster/cluster-runner';
import { seatedShow } from '../support/booking-fixtures';
import { ADMIN, agreement, startTestCluster, TEST_TIMINGS } from '../support/cluster';
import { TEST_REDIS_URL } from '../support/env';
import { eventually } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

// Generous: three ts-node API processes on a loaded two-core box, and two kill -9 recoveries.
jest.setTimeout(240_000);

interface LogEntry {
  event: 'enter' | 'exit';
  resource: string;
  node: number;
  requestTs: number;
  lamport: number;
  vector: Record<string, number>;
}

interface MutexStatus {
  nodeId: number;
  resources: { resource: string; head: number | null; heldHere: boolean; queue: { ts: number; node: number }[] }[];
  log: LogEntry[];
}

/** A critical section: one node's enter and exit of one request. */
interface Section {
  node: number;
  requestTs: number;
  enter: LogEntry;
  exit: LogEntry;
}

/** Detection of a crashed node (the adapted timeout at its maximum, plus a heartbeat check) and slack for a loaded box. */
const DETECTION_MS = TEST_TIMINGS.FAILURE_TIMEOUT_MAX_MS + TEST_TIMINGS.HEARTBEAT_INTERVAL_MS + 4_000;

/**
 * Never two holders: every pair of critical sections is ordered by happened-before (one left
 * before the other entered, and the other knew it: a causal chain through RELEASE), and in
 * Lamport time the sections are disjoint.
 */
function expectOneHolderAtATime(all: Section[]): void {
  for (const section of all) expect(section.exit.lamport).toBeGreaterThan(section.enter.lamport);
  for (const a of all) {
    for (const b of all) {
      if (a === b) continue;
      const aFirst = VectorClock.compare(a.exit.vector, b.enter.vector) === 'before';
      const bFirst = VectorClock.compare(b.exit.vector, a.enter.vector) === 'before';
      if (aFirst === bFirst) throw new Error(`overlapping sections: ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
      if (aFirst) expect(a.exit.lamport).toBeLessThan(b.enter.lamport);
    }
  }
  const byEntry = [...all].sort((a, b) => a.enter.lamport - b.enter.lamport);
  for (let index = 1; index < byEntry.length; index++)
    expect(byEntry[index].enter.lamport).toBeGreaterThan(byEntry[index - 1].exit.lamport);
}

describe('Lamport mutual exclusion across three real processes', () => {
  let runner: ClusterRunner;
  let fixtures: TestApp;

  beforeAll(async () => {
    [runner, fixtures] = await Promise.all([
      startTestCluster({ nodes: 3, proxy: false, restartDelayMs: 4_000 }),
      createTestApp('mysql'),
    ]);
    await eventually(() => agreement(runner, [1, 2, 3]), 30_000, 'agreement on a leader');
  });
  afterAll(async () => {
    await Promise.all([runner?.stop(), fixtures?.close()]);
  });

  /** Asks `node` to hold `resource` for `holdMs` once granted (answered at once, 202): its request's timestamp. */
  const hold = async (node: number, resource: string, holdMs: number): Promise<number> => {
    const answer = await fetch(`${runner.nodeUrl(node)}/api/cluster/mutex`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ADMIN },
      body: JSON.stringify({ resource, holdMs }),
    });
    expect(answer.status).toBe(202);
    const body = (await answer.json()) as { nodeId: number; requestTs: number };
    expect(body.nodeId).toBe(node);
    return body.requestTs;
  };
  const status = async (node: number, resource?: string): Promise<MutexStatus> => {
    const query = resource ? `?resource=${encodeURIComponent(resource)}` : '';
    const response = await fetch(`${runner.nodeUrl(node)}/api/cluster/mutex${query}`);
    expect(response.status).toBe(200);
    return (await response.json()) as MutexStatus;
  };
  /** Every node's critical sections of `resource`, from their enter/exit logs. */
  const sections = async (resource: string, nodes = runner.nodeIds()): Promise<Section[]> => {
    const found: Section[] = [];
    for (const id of nodes) {
      const log = (await status(id, resource)).log;
      for (const enter of log.filter((entry) => entry.event === 'enter')) {
        const exit = log.find(
          (entry) => entry.event === 'exit' && entry.node === enter.node && entry.requestTs === enter.requestTs,
        );
        if (!exit) throw new Error(`node ${id}: no exit for ${JSON.stringify(enter)}`);
        found.push({ node: enter.node, requestTs: enter.requestTs, enter, exit });
      }
    }
    return found;
  };
  /** Waits until `node` logged the `event` of its request `requestTs` for `resource`. */
  const logged = (node: number, resource: string, requestTs: number, event: 'enter' | 'exit', timeoutMs: number) =>
    eventually(
      async () =>
        (await status(node, resource)).log.find(
          (entry) => entry.event === event && entry.node === node && entry.requestTs === requestTs,
        ),
      timeoutMs,
      `node ${node}'s ${event} of ${resource}`,
      20,
    );
  const queueAt = async (node: number, resource: string) =>
    (await status(node)).resources.find((entry) => entry.resource === resource)?.queue ?? [];

  it('never two holders: every pair of critical sections is ordered by happened-before, under concurrent requests from all nodes', async () => {
    const resource = `safety-${randomUUID()}`;
    const nodes = runner.nodeIds().flatMap((node) => [node, node, node, node]);
    const requests = await Promise.all(nodes.map((node) => hold(node, resource, 30)));
    for (const [index, node] of nodes.entries()) await logged(node, resource, requests[index], 'exit', 30_000);

    const all = await sections(resource);
    expect(all).toHaveLength(12);
    expect(new Set(all.map((section) => section.node))).toEqual(new Set([1, 2, 3]));
    expectOneHolderAtATime(all);
    for (const id of runner.nodeIds()) expect(await queueAt(id, resource)).toEqual([]);
  });

  it('the name-keyed reservations take the cluster lock: one name reserved from all nodes at once books once', async () => {
    const { show } = await seatedShow(fixtures);
    const reserve = (node: number) =>
      fetch(`${runner.nodeUrl(node)}/api/shows/${show.id}/reservations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Grace Hopper', count: 2 }),
      });
    const answers = await Promise.all([1, 2, 3, 1, 2, 3].map(reserve));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    const resources = new Set<string>();
    for (const id of runner.nodeIds())
      for (const entry of (await status(id)).log)
        if (entry.resource.startsWith(`reservation:${show.id}:`)) resources.add(entry.resource);
    expect(resources.size).toBe(1);
    const [resource] = [...resources];
    const all = await sections(resource);
    expect(all).toHaveLength(6);
  });

  it('a catalogue import asked of every node at once starts one job, each start inside the cluster lock', async () => {
    const start = (node: number) =>
      fetch(`${runner.nodeUrl(node)}/api/admin/catalog/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...ADMIN },
        body: JSON.stringify({ pages: 1 }),
      });
    const answers = await Promise.all([1, 2, 3, 1, 2, 3].map(start));
    const jobIds = await Promise.all(answers.map(async (answer) => ((await answer.json()) as { jobId: string }).jobId));
    // No worker runs here: the waiting job must not be left for another test file's worker.
    const queue = new Queue(QueueName.Catalog, { connection: { url: TEST_REDIS_URL } });
    try {
      expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 202));
      expect(new Set(jobIds).size).toBe(1);
      const all = await sections(`job:${JobName.ImportCatalog}`);
      expect(all).toHaveLength(6);
      expectOneHolderAtATime(all);
    } finally {
      await Promise.all([...new Set(jobIds)].map(async (id) => (await queue.getJob(id.split('.')[1]))?.remove()));
      await queue.close();
    }
  });

  it('a holder killed with kill -9 blocks the others only until it is suspected', async () => {
    await eventually(() => agreement(runner, [1, 2, 3]), 30_000, 'all three nodes up');
    const resource = `holder-${randomUUID()}`;
    await hold(3, resource, 120_000); // dies with its node
    await eventually(
      async () => (await status(3)).resources.find((entry) => entry.resource === resource)?.heldHere,
      10_000,
      'node 3 holding the lock',
    );
    const started = Date.now();
    const waiting = await hold(1, resource, 10);
    await eventually(async () => (await queueAt(1, resource)).length === 2, 10_000, 'node 1 queued behind node 3');
    process.kill(runner.pid(3)!, 'SIGKILL');
    await logged(1, resource, waiting, 'enter', DETECTION_MS + 10_000);
    const waitedMs = Date.now() - started;
    console.log(`lock granted to node 1 ${waitedMs} ms after the holder (node 3) was killed`);
    expect(waitedMs).toBeLessThan(DETECTION_MS);
  });

  it('a waiter killed with kill -9 does not block the one queued behind it', async () => {
    await eventually(() => agreement(runner, [1, 2, 3]), 60_000, 'all three nodes up again');
    const resource = `waiter-${randomUUID()}`;
    const holder = await hold(1, resource, 2_000);
    await eventually(
      async () => (await status(1)).resources.find((entry) => entry.resource === resource)?.heldHere,
      10_000,
      'node 1 holding the lock',
    );
    await hold(2, resource, 10); // dies with its node before its turn
    await eventually(async () => (await queueAt(3, resource)).length === 2, 10_000, 'node 2 queued');
    const started = Date.now();
    const last = await hold(3, resource, 10);
    await eventually(async () => (await queueAt(1, resource)).length === 3, 10_000, 'node 3 queued behind node 2');
    process.kill(runner.pid(2)!, 'SIGKILL');
    await logged(1, resource, holder, 'exit', 10_000);
    await logged(3, resource, last, 'enter', 2_000 + DETECTION_MS + 10_000);
    const waitedMs = Date.now() - started;
    console.log(`lock granted to node 3 ${waitedMs} ms after it asked, the waiter before it (node 2) killed`);
    expect(waitedMs).toBeLessThan(2_000 + DETECTION_MS);
    await logged(3, resource, last, 'exit', 5_000);
    const mine = (await sections(resource, [1, 3])).map((section) => section.node).sort();
    expect(mine).toEqual([1, 3]); // node 2 never entered (its log died with it anyway)
  });
});

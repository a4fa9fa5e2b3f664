import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ClusterRunner } from '../../scripts/cluster/cluster-runner';
import { seatedShow, SeatedShow } from '../support/booking-fixtures';
import { ADMIN, agreement, clusterStatus, startExtraNginx, startTestCluster } from '../support/cluster';
import { openEventStream } from '../support/event-stream';
import { layoutOf } from '../support/factories';
import { eventually } from '../support/processes';
import { createTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

interface BookingBody {
  code: string;
  showId: number;
  seats: { id: number; label: string }[];
  lamportTs: number;
  nodeId: number;
}

interface AuditEventBody {
  id: string;
  vector: Record<string, number> | null;
  type: 'booking' | 'cancellation';
  lamportTs: number;
  nodeId: number;
  code: string;
}

const customer = (index: number) => ({ name: `Customer ${index}`, email: `customer${index}@example.com` });

/** POSTs JSON; returns status, body and headers. */
async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}

/** Every audit event of a show, following the `next` cursor. */
async function auditOf(base: string, showId: number, limit = 1000): Promise<AuditEventBody[]> {
  const events: AuditEventBody[] = [];
  let after: string | null = null;
  do {
    const query = new URLSearchParams({ showId: String(showId), limit: String(limit), ...(after ? { after } : {}) });
    const response = await fetch(`${base}/api/admin/audit?${query}`, { headers: ADMIN });
    expect(response.status).toBe(200);
    const page = (await response.json()) as { events: AuditEventBody[]; next: string | null };
    events.push(...page.events);
    after = page.next;
  } while (after);
  return events;
}

function expectTotalOrder(events: AuditEventBody[]): void {
  for (let index = 1; index < events.length; index++) {
    const [a, b] = [events[index - 1], events[index]];
    if (!(a.lamportTs < b.lamportTs || (a.lamportTs === b.lamportTs && a.nodeId < b.nodeId))) {
      throw new Error(`audit out of order at ${index}: ${JSON.stringify(a)} then ${JSON.stringify(b)}`);
    }
  }
}

describe('cluster of three nodes behind nginx: bookings, live seat maps, failures', () => {
  let runner: ClusterRunner;
  let fixtures: TestApp;

  beforeAll(async () => {
    [runner, fixtures] = await Promise.all([
      startTestCluster({ nodes: 3, failTimeoutSeconds: 60 }),
      createTestApp('mysql'),
    ]);
    await eventually(() => agreement(runner, [1, 2, 3]), 20_000, 'agreement on a leader');
  });
  afterAll(async () => {
    await Promise.all([runner?.stop(), fixtures?.close()]);
  });

  it('sells no seat twice under several hundred concurrent bookings through nginx across all nodes', async () => {
    const { show, seats } = await seatedShow(fixtures, { layout: layoutOf(120) });
    const attempts = Array.from({ length: 400 }, (_, index) => {
      const body =
        index % 4 === 3
          ? { showId: show.id, count: 2, customer: customer(index) }
          : {
              showId: show.id,
              seatIds: [seats[(index * 7) % 120].id, seats[(index * 7 + 1) % 120].id],
              customer: customer(index),
            };
      const headers: Record<string, string> = index % 2 ? { 'Idempotency-Key': `cluster-${show.id}-${index}` } : {};
      return { body, headers };
    });
    const results = await Promise.all(
      attempts.map((attempt) => post(`${runner.url}/api/bookings`, attempt.body, attempt.headers)),
    );

    const statuses = results.reduce<Record<number, number>>(
      (counts, result) => ({ ...counts, [result.status]: (counts[result.status] ?? 0) + 1 }),
      {},
    );
    expect(Object.keys(statuses).map(Number).sort()).toEqual(expect.arrayContaining([201, 409]));
    expect(
      results
        .filter((result) => result.status !== 201 && result.status !== 409)
        .map((result) => [result.status, result.body]),
    ).toEqual([]);
    const booked = results
      .filter((result) => result.status === 201)
      .map((result) => result.body as unknown as BookingBody);
    const seatIds = booked.flatMap((booking) => booking.seats.map((seat) => seat.id));
    expect(new Set(seatIds).size).toBe(seatIds.length);
    expect(new Set(booked.map((booking) => booking.nodeId))).toEqual(new Set([1, 2, 3]));
    expect(new Set(results.map((result) => result.headers.get('x-marquee-node')))).toEqual(new Set(['1', '2', '3']));
    console.log(
      `400 concurrent bookings through nginx: ${JSON.stringify(statuses)}, ${seatIds.length} of 120 seats sold`,
    );

    // The database agrees: every sold seat belongs to exactly one confirmed booking.
    const dataSource = fixtures.get(DataSource);
    const doubles = await dataSource.query(
      `SELECT bs.seat_id, COUNT(*) AS n FROM booking_seat bs JOIN booking b ON b.id = bs.booking_id
        WHERE b.show_id = ? AND b.state = 'confirmed' GROUP BY bs.seat_id HAVING COUNT(*) > 1`,
      [show.id],
    );
    expect(doubles).toEqual([]);
    const [{ n: soldRows }] = await dataSource.query(
      `SELECT COUNT(*) AS n FROM show_seat WHERE show_id = ? AND state = 'booked'`,
      [show.id],
    );
    expect(Number(soldRows)).toBe(seatIds.length);

    // A retried keyed request returns the first booking, whichever node answers.
    const keyed = results.findIndex((result, index) => result.status === 201 && index % 2 === 1);
    const retry = await post(`${runner.url}/api/bookings`, attempts[keyed].body, attempts[keyed].headers);
    expect(retry.status).toBe(201);
    expect(retry.body.code).toBe(results[keyed].body.code);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');

    // The audit lists each booking once, in (lamportTs, nodeId) order, every pair distinct.
    const events = await auditOf(runner.url, show.id, 100);
    expect(events.map((event) => event.code).sort()).toEqual(booked.map((booking) => booking.code).sort());
    expect(events.every((event) => event.type === 'booking')).toBe(true);
    expectTotalOrder(events);
  });

  it('orders causally related writes on different nodes by their Lamport timestamps', async () => {
    const { show, byLabel }: SeatedShow = await seatedShow(fixtures);
    const book = (node: number, label: string) =>
      post(`${runner.nodeUrl(node)}/api/bookings`, {
        showId: show.id,
        seatIds: [byLabel(label).id],
        customer: customer(node),
      });
    /** Waits until node `to` has received a message from `from` stamped above `after`, so its clock is past it. */
    const heard = (to: number, from: number, after: number) =>
      eventually(
        async () =>
          ((await clusterStatus(runner.nodeUrl(to)))?.nodes.find((node) => node.id === from)?.lamport ?? 0) > after,
        10_000,
        `node ${to} hearing from node ${from}`,
      );

    const first = (await book(1, 'A1')).body as unknown as BookingBody;
    await heard(2, 1, first.lamportTs);
    const second = (await book(2, 'A2')).body as unknown as BookingBody;
    await heard(3, 2, second.lamportTs);
    const third = (await book(3, 'A3')).body as unknown as BookingBody;
    expect([first.nodeId, second.nodeId, third.nodeId]).toEqual([1, 2, 3]);
    expect(first.lamportTs).toBeLessThan(second.lamportTs);
    expect(second.lamportTs).toBeLessThan(third.lamportTs);
    await heard(1, 3, third.lamportTs);
    const cancel = await fetch(
      `${runner.nodeUrl(1)}/api/bookings/${second.code}?email=${encodeURIComponent(customer(2).email)}`,
      { method: 'DELETE' },
    );
    expect(cancel.status).toBe(200);

    const events = await auditOf(runner.nodeUrl(2), show.id);
    expect(events.map((event) => [event.type, event.code, event.nodeId])).toEqual([
      ['booking', first.code, 1],
      ['booking', second.code, 2],
      ['booking', third.code, 3],
      ['cancellation', second.code, 1],
    ]);
    expectTotalOrder(events);

    // Vector clocks: each write causally follows the one before it, through the messages heard.
    for (let index = 1; index < events.length; index++) {
      expect(events[index].vector).toEqual(
        expect.objectContaining({ [String(events[index].nodeId)]: expect.any(Number) }),
      );
      const comparison = await compare(events[index - 1].id, events[index].id);
      expect(comparison).toMatchObject({ causal: 'before', totalOrder: 'a-first' });
      expect((await compare(events[index].id, events[index - 1].id)).causal).toBe('after');
    }
  });

  it('tells concurrent writes on two nodes from causally ordered ones (vector clocks), beside the total order', async () => {
    const { show, byLabel }: SeatedShow = await seatedShow(fixtures);
    const book = async (node: number, label: string) =>
      (
        await post(`${runner.nodeUrl(node)}/api/bookings`, {
          showId: show.id,
          seatIds: [byLabel(label).id],
          customer: customer(node),
        })
      ).body as unknown as BookingBody;
    // Pairs booked at the same moment on nodes 1 and 2: unless a message got from one node to the
    // other between the two writes (heartbeats go every 200 ms), neither knew of the other.
    const relations: string[] = [];
    for (const [one, two] of [
      ['B1', 'B2'],
      ['B3', 'B4'],
      ['B5', 'B6'],
      ['B7', 'B8'],
      ['C1', 'C2'],
    ]) {
      const [a, b] = await Promise.all([book(1, one), book(2, two)]);
      const comparison = await compare(`${a.lamportTs}.1`, `${b.lamportTs}.2`);
      // The total order always puts one first, concurrent or not.
      expect(comparison.totalOrder).toBe(a.lamportTs <= b.lamportTs ? 'a-first' : 'b-first'); // a tie: node 1 first
      relations.push(comparison.causal);
    }
    expect(relations).toContain('concurrent');
    expect(relations.every((relation) => ['concurrent', 'before', 'after'].includes(relation))).toBe(true);

    const unknown = await fetch(`${runner.nodeUrl(1)}/api/admin/audit/compare?a=1.1&b=999999999.3`, { headers: ADMIN });
    expect(unknown.status).toBe(404);
    const bad = await fetch(`${runner.nodeUrl(1)}/api/admin/audit/compare?a=x&b=1.1`, { headers: ADMIN });
    expect(bad.status).toBe(400);
  });

  /** `GET /api/admin/audit/compare` for two event ids. */
  async function compare(a: string, b: string): Promise<{ causal: string; totalOrder: string }> {
    const response = await fetch(`${runner.nodeUrl(3)}/api/admin/audit/compare?a=${a}&b=${b}`, { headers: ADMIN });
    expect(response.status).toBe(200);
    return (await response.json()) as { causal: string; totalOrder: string };
  }

  it('a seat map open on node A sees a booking made on node B (Redis pub/sub into Server-Sent Events)', async () => {
    const { show, byLabel } = await seatedShow(fixtures);
    const stream = await openEventStream(`${runner.nodeUrl(1)}/api/shows/${show.id}/events`);
    try {
      await eventually(async () => stream.events.some((event) => event.event === 'ready'), 10_000, 'the ready event');
      const booking = await post(`${runner.nodeUrl(2)}/api/bookings`, {
        showId: show.id,
        seatIds: [byLabel('B4').id],
        customer: customer(7),
      });
      expect(booking.status).toBe(201);
      const seen = await eventually(
        async () => stream.events.find((event) => event.event === 'seats'),
        10_000,
        'a seats event on node 1',
      );
      expect(JSON.parse(seen.data!)).toMatchObject({ showId: show.id });
      // The seat map node 1 serves now shows the seat booked (its cache was dropped on the event).
      const map = (await (await fetch(`${runner.nodeUrl(1)}/api/shows/${show.id}/seats`)).json()) as {
        seats: { label: string; state: string }[];
      };
      expect(map.seats.find((seat) => seat.label === 'B4')?.state).toBe('booked');
    } finally {
      stream.close();
    }
  });

  it('balances by weight or by least connections when configured so', async () => {
    const weighted = await startExtraNginx(runner, 'weighted', [3, 1, 1]);
    const leastConn = await startExtraNginx(runner, 'least_conn');
    try {
      const served: Record<string, number> = {};
      for (let index = 0; index < 50; index++) {
        const response = await fetch(`${weighted.url}/api/health`);
        expect(response.status).toBe(200);
        const node = response.headers.get('x-marquee-node')!;
        served[node] = (served[node] ?? 0) + 1;
      }
      expect(served).toEqual({ '1': 30, '2': 10, '3': 10 });
      const nodes = new Set<string>();
      for (let index = 0; index < 9; index++)
        nodes.add((await fetch(`${leastConn.url}/api/health`)).headers.get('x-marquee-node')!);
      expect(nodes).toEqual(new Set(['1', '2', '3']));
    } finally {
      await Promise.all([weighted.stop(), leastConn.stop()]);
    }
  });

  it('nginx takes a node out after it fails three times, and clients never see it', async () => {
    const logs = join(runner.options.runDir, 'logs');
    const read = (file: string) => readFileSync(join(logs, file), 'utf8').split('\n').filter(Boolean);
    const [accessBefore, errorsBefore] = [read('nginx-access.log').length, read('nginx-error.log').length];
    await runner.kill(2);
    const statuses: number[] = [];
    for (let index = 0; index < 30; index++) statuses.push((await fetch(`${runner.url}/api/health`)).status);
    expect(statuses.every((status) => status === 200)).toBe(true);

    const deadNode = `127.0.0.1:${runner.port(2)}`;
    const lines = read('nginx-access.log').slice(accessBefore);
    expect(lines).toHaveLength(30);
    const attempts = lines
      .map((line, index) => ({ index, tried: line.includes(deadNode) }))
      .filter((line) => line.tried);
    // Three failed attempts (each retried on a live node: the client got 200) take it out
    // (max_fails=3); a keep-alive connection nginx had cached to it may fail once more first.
    expect(attempts.length).toBeGreaterThanOrEqual(3);
    expect(attempts.length).toBeLessThanOrEqual(4);
    expect(attempts[attempts.length - 1].index).toBeLessThan(15);
    const disabled = read('nginx-error.log')
      .slice(errorsBefore)
      .filter((line) => line.includes('upstream server temporarily disabled') && line.includes(`${deadNode}/`));
    expect(disabled).toHaveLength(1);
  });
});

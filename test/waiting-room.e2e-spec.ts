import { AddressInfo } from 'node:net';
import request from 'supertest';
import { eventually } from '../scripts/support/processes';
import { EventStream, openEventStream } from './support/event-stream';
import { RedisQueueStore } from '@app/waiting-room';
import { seatedShow, useSeatedApp } from './support/booking-fixtures';
import { TEST_REDIS_URL } from './support/env';
import { TEST_ADMIN_TOKEN } from './support/test-app';

const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const customer = { name: 'Ada Lovelace', email: 'ada@example.com' };

/** The visitor cookie a response set. */
function cookieOf(response: request.Response, name: string): string | undefined {
  const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  return cookies.map((cookie) => cookie.split(';')[0]).find((pair) => pair.startsWith(`${name}=`));
}

describe('waiting room over HTTP (MariaDB, Redis)', () => {
  const seated = useSeatedApp('mysql', { REDIS_URL: TEST_REDIS_URL, WAITING_ROOM_TICK_MS: '50' });

  afterAll(async () => {
    // The queues of this file's shows (the app's own connection is closed by now).
    const store = new RedisQueueStore(TEST_REDIS_URL);
    for (const showId of shows) await store.clear(showId);
    await store.close();
  });
  const shows: number[] = [];

  async function queuedShow(settings: Record<string, unknown> = {}) {
    const fixture = await seatedShow(seated.app);
    shows.push(fixture.show.id);
    // Show ids start again with every run's fresh database, while a run killed mid-way may have left
    // its queues in the shared Redis: start from an empty queue.
    const store = new RedisQueueStore(TEST_REDIS_URL);
    await store.clear(fixture.show.id);
    await store.close();
    const put = await seated.http
      .put(`/api/admin/shows/${fixture.show.id}/queue`)
      .set(admin)
      .send({ mode: 'always', onSaleAt: null, admissionRatePerMin: 6_000, pickWindowSeconds: 60, ...settings })
      .expect(200);
    expect(put.body).toMatchObject({ showId: fixture.show.id, mode: settings.mode ?? 'always' });
    return fixture;
  }

  /** Joins and waits until admitted; answers the cookies to send. */
  async function admitted(showId: number, email: string): Promise<{ cookie: string; token: string }> {
    const join = await seated.http.post(`/api/shows/${showId}/queue`).send({ email }).expect(200);
    const visitor = cookieOf(join, 'marquee_visitor')!;
    expect(visitor).toBeDefined();
    for (let attempt = 0; attempt < 100; attempt++) {
      const status = await seated.http.get(`/api/shows/${showId}/queue`).set('Cookie', visitor).expect(200);
      if (status.body.state === 'admitted') return { cookie: visitor, token: status.body.token };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('never admitted');
  }

  it('validates the admin settings and answers 404 for an unknown show', async () => {
    const { show } = await seatedShow(seated.app);
    expect((await seated.http.get(`/api/admin/shows/${show.id}/queue`).set(admin).expect(200)).body).toMatchObject({
      mode: 'off',
    });
    await seated.http.get(`/api/admin/shows/${show.id}/queue`).expect(401);
    for (const bad of [
      { mode: 'sometimes', admissionRatePerMin: 10, pickWindowSeconds: 60 },
      { mode: 'always', admissionRatePerMin: 0, pickWindowSeconds: 60 },
      { mode: 'always', admissionRatePerMin: 10, pickWindowSeconds: 5 },
      { mode: 'always', admissionRatePerMin: 10, pickWindowSeconds: 60, onSaleAt: 'tomorrow' },
    ]) {
      const answer = await seated.http.put(`/api/admin/shows/${show.id}/queue`).set(admin).send(bad).expect(400);
      expect(answer.body.error).toBe('VALIDATION_FAILED');
    }
    await seated.http
      .put('/api/admin/shows/2147483000/queue')
      .set(admin)
      .send({ mode: 'always', admissionRatePerMin: 10, pickWindowSeconds: 60 })
      .expect(404);
    // Joining the queue of a show that does not exist, too.
    const joined = await seated.http.post('/api/shows/2147483000/queue').send({ email: 'ada@example.com' }).expect(404);
    expect(joined.body.error).toBe('NOT_FOUND');
  });

  it('refuses holds, bookings and reservations of a queued show without a valid token (403), and takes them with one', async () => {
    const { show, byLabel } = await queuedShow();
    const hold = { seatIds: [byLabel('A1').id], customer };
    const none = await seated.http.post(`/api/shows/${show.id}/holds`).send(hold).expect(403);
    expect(none.body).toMatchObject({ error: 'QUEUE_TOKEN_REQUIRED', showId: show.id });
    expect(none.body.message).toMatch(/waiting room/);
    const booking = { showId: show.id, count: 1, customer };
    expect((await seated.http.post('/api/bookings').send(booking).expect(403)).body.error).toBe('QUEUE_TOKEN_REQUIRED');
    await seated.http.post(`/api/shows/${show.id}/reservations`).send({ name: 'scripted', count: 1 }).expect(403);
    const forged = await seated.http
      .post(`/api/shows/${show.id}/holds`)
      .set('Queue-Token', 'v1.eyJzIjoxfQ.AAAA')
      .send(hold)
      .expect(403);
    expect(forged.body.error).toBe('QUEUE_TOKEN_INVALID');

    const { cookie, token } = await admitted(show.id, customer.email);
    // The token is bound to the customer: another e-mail, or no visitor cookie, is refused.
    const otherEmail = await seated.http
      .post(`/api/shows/${show.id}/holds`)
      .set('Queue-Token', token)
      .set('Cookie', cookie)
      .send({ ...hold, customer: { name: 'Eve', email: 'eve@example.com' } })
      .expect(403);
    expect(otherEmail.body).toMatchObject({ error: 'QUEUE_TOKEN_INVALID', reason: 'customer' });
    await seated.http.post(`/api/shows/${show.id}/holds`).set('Queue-Token', token).send(hold).expect(403);
    // With the cookies the status answer set (visitor + token), as the seat page sends them.
    await seated.http
      .post(`/api/shows/${show.id}/holds`)
      .set('Cookie', `${cookie}; marquee_queue_${show.id}=${token}`)
      .send(hold)
      .expect(201);
    await seated.http.post('/api/bookings').set('Queue-Token', token).set('Cookie', cookie).send(booking).expect(201);

    // Bound to the show: the same token does not open another queued show.
    const other = await queuedShow();
    const wrongShow = await seated.http
      .post(`/api/shows/${other.show.id}/holds`)
      .set('Queue-Token', token)
      .set('Cookie', cookie)
      .send({ seatIds: [other.byLabel('A1').id], customer })
      .expect(403);
    expect(wrongShow.body).toMatchObject({ error: 'QUEUE_TOKEN_INVALID', reason: 'show' });
  });

  it('streams the place over SSE (status events) and caps the open streams per client', async () => {
    const { show } = await queuedShow({ admissionRatePerMin: 1 });
    // Someone ahead, so this customer waits at place 2.
    await seated.http.post(`/api/shows/${show.id}/queue`).send({ email: 'ahead@example.com' }).expect(200);
    const join = await seated.http
      .post(`/api/shows/${show.id}/queue`)
      .send({ email: 'stream@example.com' })
      .expect(200);
    expect(join.body).toMatchObject({ state: 'waiting', position: 2, ahead: 1 });
    await seated.app.app.listen(0, '127.0.0.1');
    const { port } = seated.app.app.getHttpServer().address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/api/shows/${show.id}/queue/events`;
    const streams: EventStream[] = [];
    try {
      const first = await openEventStream(url, { cookie: cookieOf(join, 'marquee_visitor')! });
      streams.push(first);
      expect(first.response.statusCode).toBe(200);
      const event = await first.next((e) => e.event === 'status');
      expect(JSON.parse(event.data!)).toMatchObject({ showId: show.id, state: 'waiting', position: 2, ahead: 1 });
      for (let index = 1; index < 10; index++) streams.push(await openEventStream(url));
      const refused = await openEventStream(url);
      streams.push(refused);
      expect(refused.response.statusCode).toBe(429);
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('auto mode: no token needed while arrivals stay under the rate; engaged once they exceed it', async () => {
    const { show, byLabel } = await queuedShow({ mode: 'auto', admissionRatePerMin: 3 });
    const holdOf = (label: string) => ({ seatIds: [byLabel(label).id], customer });
    const first = await seated.http.get(`/api/shows/${show.id}/queue`).expect(200);
    expect(first.body).toMatchObject({ mode: 'auto', queued: false, state: 'none' });
    await seated.http.post(`/api/shows/${show.id}/holds`).send(holdOf('D3')).expect(201);
    // Four distinct browsers in the last minute: more than 3 a minute engages the queue.
    for (let index = 0; index < 3; index++) await seated.http.get(`/api/shows/${show.id}/queue`).expect(200);
    const engaged = await seated.http.get(`/api/shows/${show.id}/queue`).expect(200);
    expect(engaged.body).toMatchObject({ queued: true, state: 'none' });
    await eventually(
      async () => (await seated.http.post(`/api/shows/${show.id}/holds`).send(holdOf('D4'))).status === 403,
      5_000,
      'the guard seeing the queue engaged',
    );
  });

  it('leaves shows without a queue as they were (no token needed)', async () => {
    const { show, byLabel } = await seatedShow(seated.app);
    await seated.http
      .post(`/api/shows/${show.id}/holds`)
      .send({ seatIds: [byLabel('B1').id], customer })
      .expect(201);
    const status = await seated.http.get(`/api/shows/${show.id}/queue`).expect(200);
    expect(status.body).toMatchObject({ mode: 'off', queued: false, state: 'none' });
  });

  it('answers a place with position, people ahead and an estimated wait; join validates the e-mail', async () => {
    const { show } = await queuedShow({
      admissionRatePerMin: 1,
      onSaleAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await seated.http.post(`/api/shows/${show.id}/queue`).send({ email: 'not-an-email' }).expect(400);
    const early = await seated.http
      .post(`/api/shows/${show.id}/queue`)
      .send({ email: 'early@example.com' })
      .expect(200);
    expect(early.body).toMatchObject({ state: 'early', opened: false, queued: true, position: null });
    expect(early.body.estimatedWaitSeconds).toBeGreaterThan(3_000);
    const again = await seated.http
      .post(`/api/shows/${show.id}/queue`)
      .set('Cookie', cookieOf(early, 'marquee_visitor')!)
      .send({ email: 'early@example.com' })
      .expect(200);
    expect(again.body.waiting).toBe(1);

    // /metrics and the System Monitor's source show the queue.
    const metrics = await seated.http.get('/metrics').expect(200);
    expect(metrics.text).toContain(`marquee_waiting_room_length{show="${show.id}"} 1`);
    expect(metrics.text).toContain(`marquee_waiting_room_arrivals_per_minute{show="${show.id}"} 1`);
    const stats = await seated.http.get('/api/admin/waiting-room').set(admin).expect(200);
    expect(stats.body).toContainEqual(expect.objectContaining({ showId: show.id, waiting: 1, opened: false }));
  });
});

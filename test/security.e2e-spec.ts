import request from 'supertest';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import Redis from 'ioredis';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';
import { seatedShow, SeatedShow, useSeatedApp } from './support/booking-fixtures';
import { TEST_REDIS_URL } from './support/env';
import { EventStream, openEventStream } from './support/event-stream';

const customer = { name: 'Mallory', email: 'mallory@example.com' };

/** Listens on loopback; returns the base URL. */
async function listen(app: TestApp): Promise<string> {
  const server = app.app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('input edges (MariaDB)', () => {
  const seated = useSeatedApp('mysql');

  it('refuses seatIds: null instead of booking the whole show', async () => {
    const answer = await seated.http
      .post('/api/bookings')
      .send({ showId: seated.fixture.show.id, seatIds: null, customer })
      .expect(400);
    expect(answer.body.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'seatIds' })]));
    expect((await seated.http.get(`/api/shows/${seated.fixture.show.id}/seats`).expect(200)).body.available).toBe(29);
  });

  it.each(['+1', '0x10', '1e3', ' 1', '07', '1.0', '-1'])(
    'refuses the path id %j on every kind of route',
    async (id) => {
      const encoded = encodeURIComponent(id);
      for (const answer of [
        await seated.http.get(`/api/shows/${encoded}/seats`),
        await seated.http.delete(`/api/admin/shows/${encoded}`).set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`),
      ]) {
        expect(answer.status).toBe(400);
        expect(answer.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: [{ field: 'id' }] });
      }
    },
  );

  it('refuses non-canonical query integers and out-of-range dates', async () => {
    const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    await seated.http.get('/api/admin/audit?limit=1e2').set(admin).expect(400);
    await seated.http.get('/api/admin/shows?theaterId=0x1').set(admin).expect(400);
    for (const date of ['9999-12-31', '1999-12-31', 'xyz']) {
      const answer = await seated.http.get(`/api/movies?date=${date}`).expect(400);
      expect(answer.body.fields[0].field).toBe('date');
    }
  });

  it('refuses compressed, non-JSON, deep and prototype-keyed bodies', async () => {
    const body = JSON.stringify({ showId: seated.fixture.show.id, count: 1, customer });
    const gzip = await seated.http
      .post('/api/bookings')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send(gzipSync(body));
    expect(gzip.status).toBe(415);
    const mismatched = await seated.http
      .post('/api/bookings')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send(body);
    expect(mismatched.status).toBe(415);
    const text = await seated.http.post('/api/bookings').set('Content-Type', 'text/plain').send(body);
    expect(text.status).toBe(415);
    const deep = await seated.http
      .post('/api/bookings')
      .set('Content-Type', 'application/json')
      .send('['.repeat(20_000) + ']'.repeat(20_000));
    expect(deep.status).toBe(400);
    expect(deep.body.fields[0].problems[0]).toMatch(/deeper than/);
    const proto = await seated.http
      .post('/api/bookings')
      .set('Content-Type', 'application/json')
      .send(
        `{"showId":${seated.fixture.show.id},"count":1,"customer":{"name":"x","email":"x@example.com","__proto__":{"a":1}}}`,
      );
    expect(proto.status).toBe(400);
    expect(proto.body.fields[0].field).toBe('customer.__proto__');
    const large = await seated.http
      .post('/api/bookings')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(70_000) }));
    expect(large.status).toBe(413);
    expect((await seated.http.get(`/api/shows/${seated.fixture.show.id}/seats`).expect(200)).body.available).toBe(29);
  });
});

describe('limits and caps (MariaDB, counters in Redis)', () => {
  let app: TestApp;
  let base: string;
  let fixture: SeatedShow;
  const redis = new Redis(TEST_REDIS_URL);

  beforeAll(async () => {
    await redis.flushdb();
    app = await createTestApp('mysql', {
      REDIS_URL: TEST_REDIS_URL,
      RATE_LIMIT_PER_MINUTE: '6',
      ADMIN_AUTH_FAILURES_PER_MINUTE: '3',
      ADMIN_AUTH_BLOCK_SECONDS: '60',
      TRUSTED_PROXIES: '127.0.0.1',
      MAX_HOLDS_PER_CUSTOMER: '2',
      MAX_HOLDS_PER_CLIENT: '3',
      MAX_EVENT_STREAMS_PER_CLIENT: '2',
    });
    base = await listen(app);
    fixture = await seatedShow(app);
  });
  afterAll(async () => {
    await app.close();
    await redis.quit();
  });

  /** A request as if from `client`, behind the trusted proxy (127.0.0.1) that says so. */
  const from = (client: string) => ({ 'X-Forwarded-For': client });

  it('counts booking-route requests per client across routes, in Redis, by the trusted proxy’s X-Forwarded-For', async () => {
    const http = request(base);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await http.get(`/api/bookings/ABCDEFGH?email=a@example.com`).set(from('203.0.113.7'))).status);
      statuses.push(
        (await http.get(`/api/holds/00000000-0000-4000-8000-000000000000`).set(from('203.0.113.7'))).status,
      );
    }
    expect(statuses.slice(0, 6).every((status) => status === 404)).toBe(true);
    expect(statuses.slice(6)).toEqual([429, 429]);
    // Another client is counted apart; the counter lives in Redis.
    expect((await http.get(`/api/holds/00000000-0000-4000-8000-000000000000`).set(from('203.0.113.8'))).status).toBe(
      404,
    );
    expect((await redis.keys('*marquee:default:203.0.113.7*')).length).toBeGreaterThan(0);
  });

  it('slows down failed admin authentication, right token or not, per client', async () => {
    const http = request(base);
    const client = from('198.51.100.9');
    for (let i = 0; i < 3; i++)
      expect(
        (await http.get('/api/admin/movies').set(client).set('Authorization', 'Bearer wrong-guess-0000000000')).status,
      ).toBe(403);
    const blocked = await http
      .get('/api/admin/movies')
      .set(client)
      .set('Authorization', 'Bearer wrong-guess-0000000000');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(
      (await http.get('/api/admin/movies').set(client).set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)).status,
    ).toBe(429);
    expect(
      (
        await http
          .get('/api/admin/movies')
          .set(from('198.51.100.10'))
          .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
      ).status,
    ).toBe(200);
  });

  it('caps unexpired holds per customer email and per client address', async () => {
    const http = request(base);
    const hold = (seat: number, who: { name: string; email: string }, client: string) =>
      http
        .post(`/api/shows/${fixture.show.id}/holds`)
        .set(from(client))
        .send({ seatIds: [fixture.seats[seat].id], customer: who });
    expect((await hold(0, customer, '192.0.2.1')).status).toBe(201);
    expect((await hold(1, customer, '192.0.2.2')).status).toBe(201);
    const third = await hold(2, customer, '192.0.2.3');
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({ error: 'LIMIT_REACHED', resource: 'hold', per: 'customer', limit: 2 });
    for (let i = 0; i < 3; i++)
      expect((await hold(3 + i, { name: 'C', email: `c${i}@example.com` }, '192.0.2.9')).status).toBe(201);
    const perClient = await hold(8, { name: 'C', email: 'c9@example.com' }, '192.0.2.9');
    expect(perClient.body).toMatchObject({ error: 'LIMIT_REACHED', per: 'client', limit: 3 });
  });

  it('caps open event streams per client address', async () => {
    const streams: EventStream[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const stream = await openEventStream(`${base}/api/shows/${fixture.show.id}/events`);
        streams.push(stream);
        expect(stream.response.statusCode).toBe(200);
      }
      const third = await openEventStream(`${base}/api/shows/${fixture.show.id}/events`);
      streams.push(third);
      expect(third.response.statusCode).toBe(429);
      streams[0].close();
      // The slot comes back once the server saw the close.
      const deadline = Date.now() + 5_000;
      let status = 429;
      while (status === 429 && Date.now() < deadline) {
        const next = await openEventStream(`${base}/api/shows/${fixture.show.id}/events`);
        streams.push(next);
        status = next.response.statusCode ?? 0;
        if (status === 429) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe(200);
    } finally {
      for (const stream of streams) stream.close();
    }
  });
});

import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './support/test-app';
import { seatedShow, useSeatedApp } from './support/booking-fixtures';
import { TEST_MYSQL_URL, withMysqlScheme } from './support/env';

const customer = { name: 'Grace Hopper', email: 'grace@example.com' };

describe('booking over HTTP (MariaDB)', () => {
  const seated = useSeatedApp('mysql');

  const available = async (showId = seated.fixture.show.id) =>
    (await seated.http.get(`/api/shows/${showId}/seats`).expect(200)).body.available;

  it('goes seat map → hold → confirm → my bookings → cancel', async () => {
    const { show, byLabel } = await seatedShow(seated.app);
    const map = await seated.http.get(`/api/shows/${show.id}/seats`).expect(200);
    expect(map.body).toMatchObject({ showId: show.id, available: 29, grid: { rows: 4, columns: 8 } });
    expect(map.body.seats[0]).toMatchObject({
      label: 'A1',
      row: 'A',
      number: 1,
      kind: 'standard',
      state: 'available',
      priceCents: 1000,
    });
    await seated.http.get(`/api/shows/${show.id}/seats`).set('If-None-Match', map.headers.etag).expect(304);

    const hold = await seated.http
      .post(`/api/shows/${show.id}/holds`)
      .send({ seatIds: [byLabel('C3').id, byLabel('C4').id], customer })
      .expect(201);
    expect(hold.body).toMatchObject({
      showId: show.id,
      state: 'active',
      total: 3000,
      seats: [{ label: 'C3' }, { label: 'C4' }],
    });
    expect((await seated.http.get(`/api/holds/${hold.body.holdId}`).expect(200)).body.state).toBe('active');
    expect(await available(show.id)).toBe(27);

    const booking = await seated.http.post(`/api/holds/${hold.body.holdId}/confirm`).expect(201);
    expect(booking.body).toMatchObject({ showId: show.id, total: 3000, state: 'confirmed', nodeId: 1 });
    expect(booking.body.lamportTs).toBeGreaterThan(0);
    const { code } = booking.body;

    const mine = await seated.http.get('/api/bookings').query({ email: 'GRACE@example.com', code }).expect(200);
    expect(mine.body.map((b: { code: string }) => b.code)).toContain(code);
    await seated.http.delete(`/api/bookings/${code}`).query({ email: 'mallory@example.com' }).expect(404);
    const cancelled = await seated.http.delete(`/api/bookings/${code}`).query({ email: customer.email }).expect(200);
    expect(cancelled.body).toEqual({ code, released: 2, available: 29 });
    expect(
      (await seated.http.delete(`/api/bookings/${code}`).query({ email: customer.email }).expect(409)).body.error,
    ).toBe('BOOKING_CANCELLED');
  });

  it('answers a retried Idempotency-Key with the first booking and books once', async () => {
    const { show } = await seatedShow(seated.app);
    const body = { showId: show.id, count: 2, customer };
    const first = await seated.http
      .post('/api/bookings')
      .set('Idempotency-Key', `retry-${show.id}`)
      .send(body)
      .expect(201);
    const retry = await seated.http
      .post('/api/bookings')
      .set('Idempotency-Key', `retry-${show.id}`)
      .send(body)
      .expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await available(show.id)).toBe(27);
    const reused = await seated.http
      .post('/api/bookings')
      .set('Idempotency-Key', `retry-${show.id}`)
      .send({ ...body, count: 3 })
      .expect(409);
    expect(reused.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('answers 409 naming the seats taken, and 410 for a released hold', async () => {
    const { show, byLabel } = await seatedShow(seated.app);
    await seated.http
      .post('/api/bookings')
      .send({ showId: show.id, seatIds: [byLabel('A1').id], customer })
      .expect(201);
    const conflict = await seated.http
      .post('/api/bookings')
      .send({ showId: show.id, seatIds: [byLabel('A1').id, byLabel('A2').id], customer })
      .expect(409);
    expect(conflict.body).toMatchObject({ error: 'SEAT_UNAVAILABLE', seats: [{ label: 'A1' }] });
    const hold = await seated.http
      .post(`/api/shows/${show.id}/holds`)
      .send({ seatIds: [byLabel('B1').id], customer })
      .expect(201);
    expect((await seated.http.delete(`/api/holds/${hold.body.holdId}`).expect(200)).body).toEqual({ released: 1 });
    expect((await seated.http.post(`/api/holds/${hold.body.holdId}/confirm`).expect(410)).body.error).toBe(
      'HOLD_EXPIRED',
    );
    const tooMany = await seated.http.post('/api/bookings').send({ showId: show.id, count: 10, customer });
    expect(tooMany.status).toBe(201);
    const left = await seated.http.post('/api/bookings').send({ showId: show.id, count: 10, customer }).expect(201);
    expect(left.body.seats).toHaveLength(10);
    expect(
      (await seated.http.post('/api/bookings').send({ showId: show.id, count: 9, customer }).expect(409)).body,
    ).toMatchObject({
      error: 'NOT_ENOUGH_SEATS',
      available: 8,
    });
  });

  describe('bad input gets a clear 4xx and changes nothing', () => {
    const seat = () => seated.fixture.byLabel('A1').id;
    let otherSeat = 0;
    beforeAll(async () => {
      otherSeat = (await seatedShow(seated.app)).seats[0].id;
    });
    const cases: [string, () => request.Test, number, string][] = [
      [
        'unknown show',
        () => seated.http.post('/api/bookings').send({ showId: 99_999_999, seatIds: [1], customer }),
        404,
        'NOT_FOUND',
      ],
      ['show id not a number', () => seated.http.get('/api/shows/abc/seats'), 400, 'VALIDATION_FAILED'],
      ['show id zero', () => seated.http.get('/api/shows/0/seats'), 400, 'VALIDATION_FAILED'],
      ['show id too big', () => seated.http.get('/api/shows/99999999999/seats'), 400, 'VALIDATION_FAILED'],
      [
        'empty seat list',
        () => seated.http.post('/api/bookings').send({ showId: seated.fixture.show.id, seatIds: [], customer }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'seat id of the wrong type',
        () => seated.http.post('/api/bookings').send({ showId: seated.fixture.show.id, seatIds: ['1'], customer }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'duplicated seat ids',
        () =>
          seated.http
            .post('/api/bookings')
            .send({ showId: seated.fixture.show.id, seatIds: [seat(), seat()], customer }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'seat of another show',
        () =>
          seated.http.post('/api/bookings').send({ showId: seated.fixture.show.id, seatIds: [otherSeat], customer }),
        400,
        'SEATS_NOT_IN_SHOW',
      ],
      [
        'count zero',
        () => seated.http.post('/api/bookings').send({ showId: seated.fixture.show.id, count: 0, customer }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'count negative',
        () => seated.http.post('/api/bookings').send({ showId: seated.fixture.show.id, count: -2, customer }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'count huge',
        () => seated.http.post('/api/bookings').send({ showId: seated.fixture.show.id, count: 1e12, customer }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'count over the per-booking limit',
        () => seated.http.post('/api/bookings').send({ showId: seated.fixture.show.id, count: 11, customer }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'count as a string',
        () => seated.http.post('/api/bookings').send({ showId: seated.fixture.show.id, count: '2', customer }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'both seat ids and count',
        () =>
          seated.http
            .post('/api/bookings')
            .send({ showId: seated.fixture.show.id, count: 1, seatIds: [seat()], customer }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'neither seat ids nor count',
        () => seated.http.post('/api/bookings').send({ showId: seated.fixture.show.id, customer }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'unknown field',
        () => seated.http.post('/api/bookings').send({ showId: seated.fixture.show.id, count: 1, customer, vip: true }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'unknown nested field',
        () =>
          seated.http
            .post('/api/bookings')
            .send({ showId: seated.fixture.show.id, count: 1, customer: { ...customer, admin: 1 } }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'missing customer',
        () => seated.http.post('/api/bookings').send({ showId: seated.fixture.show.id, count: 1 }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'bad email',
        () =>
          seated.http
            .post('/api/bookings')
            .send({ showId: seated.fixture.show.id, count: 1, customer: { name: 'x', email: 'nope' } }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'blank name',
        () =>
          seated.http
            .post('/api/bookings')
            .send({ showId: seated.fixture.show.id, count: 1, customer: { name: '   ', email: 'a@b.co' } }),
        400,
        'VALIDATION_FAILED',
      ],
      ['body is an array', () => seated.http.post('/api/bookings').send([1, 2]), 400, 'VALIDATION_FAILED'],
      [
        'malformed JSON',
        () => seated.http.post('/api/bookings').set('Content-Type', 'application/json').send('{"showId": 1,'),
        400,
        'MALFORMED_JSON',
      ],
      [
        'body over the size limit',
        () =>
          seated.http
            .post('/api/bookings')
            .send({ showId: 1, count: 1, customer: { name: 'x'.repeat(70_000), email: 'a@b.co' } }),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [
        'bad Idempotency-Key',
        () =>
          seated.http
            .post('/api/bookings')
            .set('Idempotency-Key', 'a b')
            .send({ showId: seated.fixture.show.id, count: 1, customer }),
        400,
        'VALIDATION_FAILED',
      ],
      ['hold id not a UUID', () => seated.http.post('/api/holds/42/confirm'), 400, 'VALIDATION_FAILED'],
      [
        'unknown hold',
        () => seated.http.post('/api/holds/4b6f2a4e-1c1d-4c55-9d2f-0a0b0c0d0e0f/confirm'),
        404,
        'NOT_FOUND',
      ],
      [
        'booking code malformed',
        () => seated.http.delete('/api/bookings/xyz').query({ email: customer.email }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'booking code unknown',
        () => seated.http.delete('/api/bookings/ABCDEFGH').query({ email: customer.email }),
        404,
        'NOT_FOUND',
      ],
      ['cancel without email', () => seated.http.delete('/api/bookings/ABCDEFGH'), 400, 'VALIDATION_FAILED'],
      [
        'my bookings without code',
        () => seated.http.get('/api/bookings').query({ email: customer.email }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        'hold with no seats',
        () => seated.http.post(`/api/shows/${seated.fixture.show.id}/holds`).send({ seatIds: [], customer }),
        400,
        'VALIDATION_FAILED',
      ],
      ['unknown route', () => seated.http.get('/api/nothing-here'), 404, 'NOT_FOUND'],
    ];

    it.each(cases)('%s', async (_, send, status, error) => {
      const before = await available();
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.body).toMatchObject({ error, message: expect.any(String) });
      expect(await available()).toBe(before);
    });
  });

  it('sets security headers and serves OpenAPI at /api/docs', async () => {
    const response = await seated.http.get('/api/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', nodeId: 1 });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
    await seated.http.get('/api/docs').expect(200).expect('Content-Type', /html/);
    const spec = await seated.http.get('/api/docs-json').expect(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/api/bookings', '/api/shows/{id}/seats', '/api/holds/{holdId}/confirm']),
    );
  });

  it('sells no seat twice under 400 simultaneous HTTP requests for overlapping seats', async () => {
    const { show, seats } = await seatedShow(seated.app, { layout: Array.from({ length: 6 }, () => 'ssssssssss') });
    const server = seated.app.app.getHttpServer();
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${server.address().port}/api/bookings`;
    const responses = await Promise.all(
      Array.from({ length: 400 }, (_, i) => {
        const start = (i * 13) % (seats.length - 1);
        const body = {
          showId: show.id,
          seatIds: [seats[start].id, seats[start + 1].id],
          customer: { name: `Fan ${i}`, email: `fan${i}@example.com` },
        };
        return fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      }),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const won = statuses.filter((status) => status === 201).length;
    const [{ booked }] = await seated.app
      .get(DataSource)
      .query("SELECT COUNT(*) AS booked FROM show_seat WHERE show_id = ? AND state = 'booked'", [show.id]);
    expect(Number(booked)).toBe(2 * won);
    expect(won).toBeGreaterThan(10);
  });
});

describe('rate limiting', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp('sqlite', { RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => app.close());

  it('answers 429 with a JSON error past the per-client limit', async () => {
    const http = request(app.app.getHttpServer());
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await http.post('/api/bookings').send({ showId: 1, count: 1, customer })).status);
    expect(statuses.slice(0, 3)).not.toContain(429);
    const limited = await http.post('/api/bookings').send({ showId: 1, count: 1, customer }).expect(429);
    expect(limited.body.error).toBe('RATE_LIMITED');
  });
});

/**
 * Two nodes (separate Nest apps, connection pools, mutexes and semaphores) on one MariaDB
 * database: their node-local guards do not see each other, so only the database's conditional
 * UPDATEs stand between them and a double sale.
 */
describe('two nodes on one database', () => {
  let nodes: TestApp[];
  beforeAll(async () => {
    nodes = await Promise.all(
      [1, 2].map((id) => createTestApp('mysql', { NODE_ID: String(id), BOOKING_CONCURRENCY: '64' })),
    );
  });
  afterAll(() => Promise.all(nodes.map((node) => node.close())));

  it('sells no seat twice when both take overlapping seat-id and by-count requests', async () => {
    const { show, seats } = await seatedShow(nodes[0], { layout: Array.from({ length: 5 }, () => 'ssssssssss') });
    const http = nodes.map((node) => request(node.app.getHttpServer()));
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) => {
        const customer = { name: `Fan ${i}`, email: `fan${i}@example.com` };
        const start = (i * 11) % (seats.length - 1);
        const body =
          i % 3 === 0
            ? { showId: show.id, count: 2, customer }
            : { showId: show.id, seatIds: [seats[start].id, seats[start + 1].id], customer };
        return http[i % 2].post('/api/bookings').send(body);
      }),
    );
    expect(responses.every((response) => response.status === 201 || response.status === 409)).toBe(true);
    const won = responses.filter((response) => response.status === 201);
    expect(new Set(won.map((response) => response.body.nodeId))).toEqual(new Set([1, 2]));
    const sold = won.flatMap((response) => response.body.seats.map((seat: { id: number }) => seat.id));
    expect(new Set(sold).size).toBe(sold.length);
    const [{ booked }] = await nodes[1]
      .get(DataSource)
      .query("SELECT COUNT(*) AS booked FROM show_seat WHERE show_id = ? AND state = 'booked'", [show.id]);
    expect(Number(booked)).toBe(sold.length);
  });
});

/** Operators write `mysql://` URLs for MariaDB too: the MySQL dialect's SQL must work on MariaDB. */
describe('a mysql:// URL against MariaDB', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp('mysql', { DATABASE_URL: withMysqlScheme(TEST_MYSQL_URL) });
  });
  afterAll(() => app.close());

  it('books, refuses a taken seat with 409 and books by count', async () => {
    const { show, byLabel } = await seatedShow(app);
    const http = request(app.app.getHttpServer());
    await http
      .post('/api/bookings')
      .send({ showId: show.id, seatIds: [byLabel('A1').id], customer })
      .expect(201);
    const conflict = await http
      .post('/api/bookings')
      .send({ showId: show.id, seatIds: [byLabel('A1').id, byLabel('A2').id], customer })
      .expect(409);
    expect(conflict.body.seats).toEqual([{ id: byLabel('A1').id, label: 'A1' }]);
    await http.post('/api/bookings').send({ showId: show.id, count: 3, customer }).expect(201);
  });
});

import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { makeShow } from './support/factories';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

/** The reservation API of the command-line client: `/api/shows/:id/reservations`. */
describe('reservations by name over HTTP', () => {
  let app: TestApp;
  const http = () => request(app.app.getHttpServer());

  beforeAll(async () => {
    app = await createTestApp('mysql');
  });
  afterAll(() => app.close());

  it('reserves, replays a retry with the same Idempotency-Key, finds and releases by name with the secret', async () => {
    const { show } = await makeShow(app, { seats: 12 });
    const path = `/api/shows/${show.id}/reservations`;
    const key = randomUUID();

    const created = await http().post(path).set('Idempotency-Key', key).send({ name: ' Ada ', count: 2 }).expect(201);
    expect(created.body).toEqual({
      name: 'Ada',
      showId: show.id,
      seats: ['A5', 'A6'],
      bookingCode: expect.stringMatching(/^[0-9A-Z]{8}$/),
      secret: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(created.headers['idempotent-replayed']).toBeUndefined();
    const { secret, ...view } = created.body as { secret: string };
    const holder = { 'Reservation-Secret': secret };

    const retry = await http().post(path).set('Idempotency-Key', key).send({ name: 'Ada', count: 2 }).expect(201);
    expect(retry.body).toEqual(created.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');

    const again = await http()
      .post(path)
      .set('Idempotency-Key', randomUUID())
      .set(holder)
      .send({ name: 'Ada', count: 1 })
      .expect(409);
    expect(again.body).toEqual({
      error: 'ALREADY_BOOKED',
      message: 'Ada has booked the following seats: A5,A6',
      showId: show.id,
      name: 'Ada',
      seats: ['A5', 'A6'],
    });

    // Without the secret: the name is taken, but neither its seats nor the booking are told.
    const stranger = await http().post(path).send({ name: 'Ada', count: 1 }).expect(409);
    expect(stranger.body).toEqual({
      error: 'ALREADY_BOOKED',
      message: 'Ada already has a reservation for this show',
      showId: show.id,
      name: 'Ada',
    });
    expect((await http().get(path).query({ name: 'Ada' }).expect(401)).body.error).toBe('UNAUTHORIZED');
    await http().delete(path).query({ name: 'Ada' }).expect(401);
    await http().get(path).query({ name: 'Ada' }).set('Reservation-Secret', 'f'.repeat(32)).expect(404);
    await http().get(path).query({ name: 'Ada' }).set('Reservation-Secret', 'not-hex').expect(400);
    expect(
      (await http().get(path).query({ name: 'Ada' }).set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).expect(200))
        .body,
    ).toEqual(view);

    expect((await http().get(path).query({ name: 'Ada' }).set(holder).expect(200)).body).toEqual(view);
    expect((await http().delete(path).query({ name: 'Ada' }).set(holder).expect(200)).body).toEqual({
      name: 'Ada',
      showId: show.id,
      released: 2,
      available: 12,
    });
    const gone = await http().get(path).query({ name: 'Ada' }).set(holder).expect(404);
    expect(gone.body).toEqual({
      error: 'NOT_FOUND',
      message: 'no reservation is made by Ada',
      resource: 'reservation',
      showId: show.id,
      name: 'Ada',
    });
    await http().delete(path).query({ name: 'Ada' }).set(holder).expect(404);
  });

  it('lets anyone act by name when RESERVATION_NAME_ACCESS=open', async () => {
    const open = await createTestApp('mysql', { RESERVATION_NAME_ACCESS: 'open' });
    try {
      const { show } = await makeShow(open, { seats: 4 });
      const path = `/api/shows/${show.id}/reservations`;
      await request(open.app.getHttpServer()).post(path).send({ name: 'Zed', count: 1 }).expect(201);
      expect(
        (await request(open.app.getHttpServer()).get(path).query({ name: 'Zed' }).expect(200)).body.seats,
      ).toHaveLength(1);
      await request(open.app.getHttpServer()).delete(path).query({ name: 'Zed' }).expect(200);
    } finally {
      await open.close();
    }
  });

  it('answers NOT_ENOUGH_SEATS with the numbers', async () => {
    const { show } = await makeShow(app, { seats: 3 });
    const answer = await http().post(`/api/shows/${show.id}/reservations`).send({ name: 'Bob', count: 4 }).expect(409);
    expect(answer.body).toEqual({
      error: 'NOT_ENOUGH_SEATS',
      message: 'only 3 seats left but 4 seats are requested',
      requested: 4,
      available: 3,
    });
  });

  it.each([
    [{ name: 'Bob', count: 1, email: 'bob@example.com' }, 'email', 'property email should not exist'],
    [{ name: 'Bob' }, 'count', 'count must be an integer number'],
    [{ name: 'Bob', count: 0 }, 'count', 'count must not be less than 1'],
    [{ name: 'Bob', count: '2' }, 'count', 'count must be an integer number'],
    [{ count: 1 }, 'name', 'name must be a string'],
    [{ name: 42, count: 1 }, 'name', 'name must be a string'],
    [{ name: '  ', count: 1 }, 'name', 'name must not be empty'],
    [{ name: 'x'.repeat(101), count: 1 }, 'name', 'name must be at most 100 characters'],
    [{ name: 'line\nbreak', count: 1 }, 'name', 'name must contain printable characters only'],
  ])('refuses the body %j: 400 naming %s', async (body, field, problem) => {
    const { show } = await makeShow(app, { seats: 3 });
    const answer = await http().post(`/api/shows/${show.id}/reservations`).send(body).expect(400);
    expect(answer.body).toMatchObject({
      error: 'VALIDATION_FAILED',
      fields: expect.arrayContaining([{ field, problems: expect.arrayContaining([problem]) }]),
    });
    expect((await http().get(`/api/shows/${show.id}/seats`).expect(200)).body.available).toBe(3);
  });

  it('refuses a bad or missing name in the query, a bad show id, and answers 404 for an unknown show', async () => {
    const { show } = await makeShow(app, { seats: 3 });
    await http().get(`/api/shows/${show.id}/reservations`).expect(400);
    await http().delete(`/api/shows/${show.id}/reservations`).query({ name: 'a\u0007' }).expect(400);
    await http().get(`/api/shows/${show.id}/reservations`).query({ name: 'Ada', extra: 1 }).expect(400);
    await http().get('/api/shows/abc/reservations').query({ name: 'Ada' }).expect(400);
    const unknown = await http().post('/api/shows/2000000000/reservations').send({ name: 'Ada', count: 1 }).expect(404);
    expect(unknown.body).toMatchObject({ error: 'NOT_FOUND', resource: 'show' });
    await http()
      .post(`/api/shows/${show.id}/reservations`)
      .set('Idempotency-Key', 'bad key')
      .send({ name: 'Ada', count: 1 })
      .expect(400);
  });
});

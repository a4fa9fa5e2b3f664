import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@app/common';
import { DatabaseService } from '@app/database';
import { createTestApp, TestApp } from '../../../../test/support/test-app';
import { DRIVERS } from '../../../../test/support/env';
import { reservationEmailLike, seatedShow } from '../../../../test/support/booking-fixtures';
import { Booking } from '../entities/booking.entity';
import { ReservationService } from './reservation.service';
import { RESERVATION_EMAIL_DOMAIN, reservationEmailPrefix } from '@app/contracts';

/** The show's confirmed bookings made for `name`. */
async function bookingsOf(app: TestApp, showId: number, name: string): Promise<Booking[]> {
  return app.get(DatabaseService).manager.find(Booking, {
    where: {
      showId,
      customerEmail: reservationEmailLike(name),
      state: 'confirmed',
    },
  });
}

/** What the admin token (or RESERVATION_NAME_ACCESS=open) may do: act by name. */
const BY_NAME = { byName: true };

describe.each(DRIVERS)('reservations by name on %s', (driver) => {
  let app: TestApp;
  let reservations: ReservationService;

  beforeAll(async () => {
    app = await createTestApp(driver);
    reservations = app.get(ReservationService);
  });
  afterAll(() => app.close());

  it('reserves the best seats for a name, finds them by name and releases them', async () => {
    const { show } = await seatedShow(app, { layout: ['ssss', 'ssss'] });
    const { reservation, replayed } = await reservations.reserve(show.id, '  Ada Lovelace ', 2);
    expect(replayed).toBe(false);
    expect(reservation).toEqual({
      name: 'Ada Lovelace',
      showId: show.id,
      seats: [expect.any(String), expect.any(String)],
      bookingCode: expect.stringMatching(/^[0-9A-Z]{8}$/),
      secret: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const { secret, ...view } = reservation;
    const own = { secret, byName: false };
    const [booking] = await bookingsOf(app, show.id, 'Ada Lovelace');
    // The address holds the secret: it cannot be derived from the name.
    expect(booking).toMatchObject({
      customerName: 'Ada Lovelace',
      customerEmail: `${reservationEmailPrefix('Ada Lovelace')}${secret}@${RESERVATION_EMAIL_DOMAIN}`,
      seatCount: 2,
    });

    expect(await reservations.find(show.id, 'Ada Lovelace', own)).toEqual(view);
    expect(await reservations.find(show.id, 'Ada Lovelace', BY_NAME)).toEqual(view);
    await expect(reservations.find(show.id, 'Ada Lovelace', { byName: false })).rejects.toMatchObject({
      code: ErrorCode.Unauthorized,
    });
    await expect(
      reservations.find(show.id, 'Ada Lovelace', { secret: 'f'.repeat(32), byName: false }),
    ).rejects.toMatchObject({ code: ErrorCode.NotFound, details: { resource: 'reservation' } });
    await expect(reservations.release(show.id, 'Ada Lovelace', { byName: false })).rejects.toMatchObject({
      code: ErrorCode.Unauthorized,
    });
    await expect(reservations.find(show.id, 'ada lovelace', BY_NAME)).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      details: { resource: 'reservation' },
    });

    expect(await reservations.release(show.id, 'Ada Lovelace', own)).toEqual({
      name: 'Ada Lovelace',
      showId: show.id,
      released: 2,
      available: 8,
    });
    await expect(reservations.find(show.id, 'Ada Lovelace', own)).rejects.toMatchObject({
      message: 'no reservation is made by Ada Lovelace',
    });
    await expect(reservations.release(show.id, 'Ada Lovelace', BY_NAME)).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      details: { resource: 'reservation' },
    });
    // Released, the name may reserve again.
    expect((await reservations.reserve(show.id, 'Ada Lovelace', 1)).reservation.seats).toHaveLength(1);
  });

  it('refuses a second reservation for the name, listing its seats to its holder, and too many seats with the numbers', async () => {
    const { show } = await seatedShow(app, { layout: ['sss'] });
    const { reservation } = await reservations.reserve(show.id, 'Bob', 2);
    const refused = {
      code: ErrorCode.AlreadyBooked,
      message: `Bob has booked the following seats: ${reservation.seats.join(',')}`,
    };
    await expect(
      reservations.reserve(show.id, 'Bob', 1, undefined, { secret: reservation.secret, byName: false }),
    ).rejects.toMatchObject({ ...refused, details: { name: 'Bob', seats: reservation.seats } });
    await expect(reservations.reserve(show.id, 'Bob', 1, undefined, BY_NAME)).rejects.toMatchObject(refused);
    // Anyone else learns that the name is taken, not the seats.
    const other = await reservations.reserve(show.id, 'Bob', 1).catch((error: unknown) => error);
    expect(other).toMatchObject({
      code: ErrorCode.AlreadyBooked,
      message: 'Bob already has a reservation for this show',
    });
    expect((other as { details: object }).details).not.toHaveProperty('seats');
    await expect(reservations.reserve(show.id, 'Carol', 2)).rejects.toMatchObject({
      code: ErrorCode.NotEnoughSeats,
      details: { requested: 2, available: 1 },
    });
    expect(await bookingsOf(app, show.id, 'Bob')).toHaveLength(1);
    expect(await bookingsOf(app, show.id, 'Carol')).toHaveLength(0);
  });

  it('refuses bad names and unknown shows', async () => {
    const { show } = await seatedShow(app, { layout: ['ss'] });
    for (const name of ['', '   ', 'x'.repeat(101), 'tab\there', 'bell\u0007', 'c1\u0085']) {
      await expect(reservations.reserve(show.id, name, 1)).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        details: { fields: [{ field: 'name' }] },
      });
    }
    for (const count of [0, -1, 1.5]) {
      await expect(reservations.reserve(show.id, 'Ada', count)).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        details: { fields: [{ field: 'count' }] },
      });
    }
    await expect(reservations.reserve(2_000_000_000, 'Ada', 1)).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      details: { resource: 'show' },
    });
    await expect(reservations.find(2_000_000_000, 'Ada', BY_NAME)).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      details: { resource: 'show' },
    });
    await expect(reservations.release(2_000_000_000, 'Ada', BY_NAME)).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      details: { resource: 'show' },
    });
  });

  it('answers a retry with the same Idempotency-Key with the first reservation, even when both run at once', async () => {
    const { show } = await seatedShow(app);
    const key = randomUUID();
    const first = await reservations.reserve(show.id, 'Dee', 2, key);
    const retry = await reservations.reserve(show.id, 'Dee', 2, key);
    expect(retry).toEqual({ reservation: first.reservation, replayed: true });
    await expect(reservations.reserve(show.id, 'Dee', 3, key)).rejects.toMatchObject({
      code: ErrorCode.IdempotencyKeyReused,
    });

    const together = randomUUID();
    const answers = await Promise.all([1, 2, 3].map(() => reservations.reserve(show.id, 'Eve', 2, together)));
    expect(new Set(answers.map((answer) => answer.reservation.bookingCode)).size).toBe(1);
    expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
    expect(await bookingsOf(app, show.id, 'Eve')).toHaveLength(1);
  });

  it('books a name once when requests with different keys race on one node', async () => {
    const { show } = await seatedShow(app);
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map(() => reservations.reserve(show.id, 'Fay', 1, randomUUID())),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((result) => result.status === 'rejected')) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: ErrorCode.AlreadyBooked });
    }
    expect(await bookingsOf(app, show.id, 'Fay')).toHaveLength(1);
  });
});

describe('reservations by name across two nodes on one MariaDB database', () => {
  let nodes: TestApp[];

  beforeAll(async () => {
    nodes = [await createTestApp('mysql', { NODE_ID: '1' }), await createTestApp('mysql', { NODE_ID: '2' })];
  });
  afterAll(() => Promise.all(nodes.map((node) => node.close())));

  it('books a name once when both nodes reserve it at the same time (the show row lock)', async () => {
    for (let round = 0; round < 8; round++) {
      const { show } = await seatedShow(nodes[0]);
      const results = await Promise.allSettled(
        [0, 1, 0, 1].map((index) => nodes[index].get(ReservationService).reserve(show.id, 'Gus', 1, randomUUID())),
      );
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(results.map((result) => (result.status === 'rejected' ? result.reason.code : 'ok')).sort()).toEqual([
        ErrorCode.AlreadyBooked,
        ErrorCode.AlreadyBooked,
        ErrorCode.AlreadyBooked,
        'ok',
      ]);
      expect(await bookingsOf(nodes[0], show.id, 'Gus')).toHaveLength(1);
    }
  });

  it('answers a retry on the other node with the first reservation', async () => {
    const { show } = await seatedShow(nodes[0]);
    const key = randomUUID();
    const answers = await Promise.all(
      [0, 1].map((index) => nodes[index].get(ReservationService).reserve(show.id, 'Hal', 3, key)),
    );
    expect(answers[0].reservation).toEqual(answers[1].reservation);
    expect(await bookingsOf(nodes[0], show.id, 'Hal')).toHaveLength(1);
  });
});

import { DataSource } from 'typeorm';
import { ErrorCode } from '@app/common';
import { createTestApp, TestApp } from '../../../test/support/test-app';
import { DRIVERS } from '../../../test/support/env';
import { seatedShow } from '../../../test/support/booking-fixtures';
import { BookingService } from './booking.service';
import { HoldService } from './hold.service';
import { SeatMapService } from './seat-map.service';

const ada = { name: 'Ada Lovelace', email: 'Ada@Example.com' };
const bob = { name: 'Bob', email: 'bob@example.com' };

/** Rejects with the domain error code, for `await expect(...).rejects.toMatchObject(code(...))`. */
const code = (value: ErrorCode) => ({ code: value });

describe.each(DRIVERS)('booking services on %s', (driver) => {
  let app: TestApp;
  let bookings: BookingService;
  let holds: HoldService;

  beforeAll(async () => {
    app = await createTestApp(driver);
    bookings = app.get(BookingService);
    holds = app.get(HoldService);
  });
  afterAll(() => app.close());

  async function states(showId: number): Promise<Record<string, string>> {
    const map = JSON.parse((await app.get(SeatMapService).get(showId)).json.toString());
    return Object.fromEntries(map.seats.map((seat: { label: string; state: string }) => [seat.label, seat.state]));
  }

  it('holds seats and confirms the hold into a booking with prices in cents', async () => {
    const { show, byLabel } = await seatedShow(app);
    const hold = await holds.hold(show.id, [byLabel('C3').id, byLabel('C4').id, byLabel('C2').id], ada);
    expect(hold.seats.map((seat) => seat.label)).toEqual(['C3', 'C4', 'C2']);
    expect(new Date(hold.expiresAt).getTime()).toBeGreaterThan(Date.now() + 290_000);
    expect((await states(show.id)).C3).toBe('held');

    const booking = await holds.confirm(hold.holdId);
    expect(booking).toMatchObject({
      showId: show.id,
      state: 'confirmed',
      total: 1500 + 1500 + 1000,
      customer: { email: 'ada@example.com' },
    });
    expect(booking.code).toMatch(/^[0-9A-Z]{8}$/);
    expect((await states(show.id)).C4).toBe('booked');
    expect(await holds.confirm(hold.holdId)).toEqual(booking);
  });

  it('refuses a hold that overlaps a held seat and changes nothing', async () => {
    const { show, byLabel } = await seatedShow(app);
    await holds.hold(show.id, [byLabel('A4').id], ada);
    await expect(holds.hold(show.id, [byLabel('A3').id, byLabel('A4').id], bob)).rejects.toMatchObject({
      code: ErrorCode.SeatUnavailable,
      seats: [{ id: byLabel('A4').id, label: 'A4' }],
    });
    expect((await states(show.id)).A3).toBe('available');
  });

  it('books seats by id, all or nothing', async () => {
    const { show, byLabel } = await seatedShow(app);
    const first = await bookings.book({
      showId: show.id,
      seatIds: [byLabel('B1').id, byLabel('B2').id],
      customer: ada,
    });
    expect(first.booking.seats.map((seat) => seat.label)).toEqual(['B1', 'B2']);
    await expect(
      bookings.book({ showId: show.id, seatIds: [byLabel('B2').id, byLabel('B3').id], customer: bob }),
    ).rejects.toMatchObject(code(ErrorCode.SeatUnavailable));
    expect((await states(show.id)).B3).toBe('available');
    expect(await bookings.available(show.id)).toBe(29 - 2);
  });

  it('refuses seats that are not in the show, repeated, too many, or both ids and count', async () => {
    const { show, byLabel } = await seatedShow(app);
    const other = await seatedShow(app);
    await expect(bookings.book({ showId: show.id, seatIds: [other.seats[0].id], customer: ada })).rejects.toMatchObject(
      code(ErrorCode.SeatsNotInShow),
    );
    await expect(
      bookings.book({ showId: show.id, seatIds: [byLabel('A1').id, byLabel('A1').id], customer: ada }),
    ).rejects.toMatchObject(code(ErrorCode.SeatsNotInShow));
    await expect(bookings.book({ showId: show.id, count: 11, customer: ada })).rejects.toMatchObject(
      code(ErrorCode.ValidationFailed),
    );
    await expect(
      bookings.book({ showId: show.id, count: 1, seatIds: [byLabel('A1').id], customer: ada }),
    ).rejects.toMatchObject(code(ErrorCode.ValidationFailed));
    await expect(bookings.book({ showId: 2_000_000_000, count: 1, customer: ada })).rejects.toMatchObject(
      code(ErrorCode.NotFound),
    );
    expect(await bookings.available(show.id)).toBe(29);
  });

  it('books by count: the best seats side by side, then says how many are left', async () => {
    const { show } = await seatedShow(app, { layout: ['sssss', 'sssss', 'sssss'] });
    const { booking } = await bookings.book({ showId: show.id, count: 3, customer: ada });
    expect(booking.seats.map((seat) => seat.label)).toEqual(['B2', 'B3', 'B4']);
    await bookings.book({ showId: show.id, count: 10, customer: bob });
    await expect(bookings.book({ showId: show.id, count: 3, customer: bob })).rejects.toMatchObject({
      code: ErrorCode.NotEnoughSeats,
      available: 2,
      requested: 3,
    });
  });

  it('cancels a booking with its code and email only, returning the seats to sale', async () => {
    const { show, byLabel } = await seatedShow(app);
    const { booking } = await bookings.book({
      showId: show.id,
      seatIds: [byLabel('D4').id, byLabel('D5').id],
      customer: ada,
    });
    await expect(bookings.cancel(booking.code, bob.email)).rejects.toMatchObject(code(ErrorCode.NotFound));
    expect(await bookings.cancel(booking.code.toLowerCase(), ' ADA@example.com ')).toEqual({
      code: booking.code,
      released: 2,
      available: 29,
    });
    await expect(bookings.cancel(booking.code, ada.email)).rejects.toMatchObject(code(ErrorCode.BookingCancelled));
    const again = await bookings.book({ showId: show.id, seatIds: [byLabel('D4').id], customer: bob });
    expect(again.booking.seats[0].label).toBe('D4');
    const mine = await bookings.listForCustomer(ada.email, booking.code);
    expect(mine.map((b) => [b.code, b.state])).toContainEqual([booking.code, 'cancelled']);
  });

  it('treats a lapsed hold as available with no job run, and refuses to confirm it', async () => {
    const { show, byLabel } = await seatedShow(app);
    const hold = await holds.hold(show.id, [byLabel('A1').id, byLabel('A2').id], ada);
    // Time passes: the hold's expiry moves into the past; no expiry job runs.
    const past = Date.now() - 1_000;
    const dataSource = app.get(DataSource);
    await dataSource.query('UPDATE show_seat SET held_until = ? WHERE hold_id = ?', [past, hold.holdId]);
    await dataSource.query('UPDATE hold SET expires_at = ? WHERE id = ?', [past, hold.holdId]);
    await expect(bookings.available(show.id)).resolves.toBe(29);
    const taken = await bookings.book({ showId: show.id, seatIds: [byLabel('A2').id], customer: bob });
    expect(taken.booking.seats[0].label).toBe('A2');
    await expect(holds.confirm(hold.holdId)).rejects.toMatchObject(code(ErrorCode.HoldExpired));
    // The tidy-up job releases what is left of the lapsed hold and marks it expired.
    expect(await holds.expire(hold.holdId)).toEqual({ released: 1 });
    expect((await holds.get(hold.holdId)).state).toBe('expired');
  });

  it('returns the first booking for a retried Idempotency-Key, and refuses the key for another request', async () => {
    const { show, byLabel } = await seatedShow(app);
    const key = `key-${show.id}-${driver}`;
    const request = { showId: show.id, seatIds: [byLabel('B5').id], customer: ada, idempotencyKey: key };
    const attempts = await Promise.all([1, 2, 3, 4, 5].map(() => bookings.book(request)));
    expect(new Set(attempts.map((attempt) => attempt.booking.code)).size).toBe(1);
    expect(attempts.filter((attempt) => !attempt.replayed)).toHaveLength(1);
    await expect(bookings.book({ ...request, seatIds: [byLabel('B6').id] })).rejects.toMatchObject(
      code(ErrorCode.IdempotencyKeyReused),
    );
    expect(await bookings.available(show.id)).toBe(28);
  });

  it('stamps bookings with increasing Lamport timestamps and the node id', async () => {
    const { show } = await seatedShow(app);
    const first = await bookings.book({ showId: show.id, count: 1, customer: ada });
    const second = await bookings.book({ showId: show.id, count: 1, customer: bob });
    expect(second.booking.lamportTs).toBeGreaterThan(first.booking.lamportTs);
    expect(first.booking.nodeId).toBe(1);
  });

  it('refuses holds and bookings for a show that has started', async () => {
    const { show, byLabel } = await seatedShow(app, { startsInMs: -60_000 });
    await expect(holds.hold(show.id, [byLabel('A1').id], ada)).rejects.toMatchObject(code(ErrorCode.ShowStarted));
    await expect(bookings.book({ showId: show.id, count: 1, customer: ada })).rejects.toMatchObject(
      code(ErrorCode.ShowStarted),
    );
  });

  it('sells no seat twice under 300 concurrent overlapping requests', async () => {
    const { show, seats } = await seatedShow(app, { layout: ['ssssssssss', 'ssssssssss', 'ssssssssss', 'ssssssssss'] });
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) => {
        const start = (i * 7) % (seats.length - 1);
        return bookings.book({
          showId: show.id,
          seatIds: [seats[start].id, seats[start + 1].id],
          customer: { name: `C${i}`, email: `c${i}@example.com` },
        });
      }),
    );
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result) => result.status === 'rejected') as PromiseRejectedResult[];
    expect(lost.every((result) => result.reason.code === ErrorCode.SeatUnavailable)).toBe(true);
    const [{ booked }] = await app
      .get(DataSource)
      .query("SELECT COUNT(*) AS booked FROM show_seat WHERE show_id = ? AND state = 'booked'", [show.id]);
    expect(Number(booked)).toBe(2 * won.length);
    const [{ distinct }] = await app
      .get(DataSource)
      .query(
        'SELECT COUNT(DISTINCT bs.seat_id) AS "distinct" FROM booking_seat bs JOIN booking b ON b.id = bs.booking_id WHERE b.show_id = ?',
        [show.id],
      );
    expect(Number(distinct)).toBe(2 * won.length);
    expect(won.length).toBeGreaterThan(5);
  });
});

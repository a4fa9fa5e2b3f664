import { DataSource } from 'typeorm';
import { ShowSeatInventory } from '@app/catalog';
import { DatabaseService } from '@app/database';
import { createTestApp, TestApp } from '../../../test/support/test-app';
import { DRIVERS } from '../../../test/support/env';
import { seatedShow } from '../../../test/support/booking-fixtures';
import { BookingService } from './booking.service';
import { HoldService } from './hold.service';
import { ShowInventoryRepository } from './show-inventory.repository';

const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };

/** The contract of the port libs/catalog asks the seat inventory through, on both drivers. */
describe.each(DRIVERS)('the ShowSeatInventory port on %s', (driver) => {
  let app: TestApp;
  let inventory: ShowSeatInventory;
  let db: DatabaseService;

  beforeAll(async () => {
    app = await createTestApp(driver);
    inventory = app.get(ShowSeatInventory);
    db = app.get(DatabaseService);
  });
  afterAll(() => app.close());

  it("is booking's repository", () => {
    expect(inventory).toBeInstanceOf(ShowInventoryRepository);
  });

  it('creates one available row per seat and counts holds, lapsed holds and bookings by the free-seat rule', async () => {
    const { show, seats, byLabel } = await seatedShow(app, { layout: ['ssss', 'ssss'] });
    expect((await inventory.counts(db.manager, [show.id], Date.now())).get(show.id)).toEqual({
      capacity: 8,
      available: 8,
      held: 0,
      sold: 0,
    });
    const hold = await app.get(HoldService).hold(show.id, [byLabel('A1').id, byLabel('A2').id], ada);
    await app.get(BookingService).book({ showId: show.id, seatIds: [byLabel('B1').id], customer: ada });
    const now = Date.now();
    expect((await inventory.counts(db.manager, [show.id], now)).get(show.id)).toEqual({
      capacity: seats.length,
      available: 5,
      held: 2,
      sold: 1,
    });
    // Past the hold's expiry its seats count as available again, with no job run.
    expect((await inventory.counts(db.manager, [show.id], Date.parse(hold.expiresAt) + 1)).get(show.id)).toMatchObject({
      available: 7,
      held: 0,
      sold: 1,
    });
    expect((await inventory.counts(db.manager, [show.id, 999_999_999], now)).has(999_999_999)).toBe(false);
  });

  it('protects shows with bookings or (when asked) live holds, and deletes the rows of the others', async () => {
    const booked = await seatedShow(app, { layout: ['ss'] });
    const held = await seatedShow(app, { layout: ['ss'] });
    const idle = await seatedShow(app, { layout: ['ss'] });
    await app.get(BookingService).book({ showId: booked.show.id, seatIds: [booked.seats[0].id], customer: ada });
    const hold = await app.get(HoldService).hold(held.show.id, [held.seats[0].id], ada);
    const ids = [booked.show.id, held.show.id, idle.show.id];
    await db.transaction(async (manager) => {
      await inventory.lockShows(manager, ids);
      expect([...(await inventory.protectedShows(manager, ids))]).toEqual([booked.show.id]);
      expect([...(await inventory.protectedShows(manager, ids, Date.now()))].sort()).toEqual(
        [booked.show.id, held.show.id].sort(),
      );
      expect([...(await inventory.protectedShows(manager, ids, Date.parse(hold.expiresAt) + 1))]).toEqual([
        booked.show.id,
      ]);
      await inventory.deleteFor(manager, [idle.show.id]);
    });
    const [{ remaining }] = await app
      .get(DataSource)
      .query('SELECT COUNT(*) AS remaining FROM show_seat WHERE show_id = ?', [idle.show.id]);
    expect(Number(remaining)).toBe(0);
    expect((await inventory.counts(db.manager, ids, Date.now())).has(idle.show.id)).toBe(false);
  });

  it('counts bookings per show and tells which seats any show uses', async () => {
    const twice = await seatedShow(app, { layout: ['ssss'] });
    const none = await seatedShow(app, { layout: ['ss'] });
    const unused = await seatedShow(app, { layout: ['ss'] });
    const booking = app.get(BookingService);
    await booking.book({ showId: twice.show.id, seatIds: [twice.seats[0].id, twice.seats[1].id], customer: ada });
    await booking.book({ showId: twice.show.id, seatIds: [twice.seats[2].id], customer: ada });
    const counts = await inventory.bookingCounts(db.manager, [twice.show.id, none.show.id]);
    expect([...counts]).toEqual([[twice.show.id, 2]]);
    expect(await inventory.bookingCounts(db.manager, [])).toEqual(new Map());

    await db.transaction((manager) => inventory.deleteFor(manager, [unused.show.id]));
    const asked = [...twice.seats, ...unused.seats].map((seat) => seat.id);
    expect([...(await inventory.seatsInUse(db.manager, asked))].sort((a, b) => a - b)).toEqual(
      twice.seats.map((seat) => seat.id).sort((a, b) => a - b),
    );
    expect(await inventory.seatsInUse(db.manager, [])).toEqual(new Set());
  });
});

import { ErrorCode } from '@app/common';
import { PricingService } from '@app/pricing';
import { createTestApp, TestApp } from '../../../test/support/test-app';
import { DRIVERS } from '../../../test/support/env';
import { priceTheater, seatedShow } from '../../../test/support/booking-fixtures';
import { BookingService } from './booking.service';
import { HoldService } from './hold.service';
import { ShowSeatingCache } from './show-seating.cache';

const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };

describe.each(DRIVERS)('ticket types and surcharges on %s', (driver) => {
  let app: TestApp;
  let bookings: BookingService;
  let holds: HoldService;
  let pricing: PricingService;

  beforeAll(async () => {
    app = await createTestApp(driver);
    bookings = app.get(BookingService);
    holds = app.get(HoldService);
    pricing = app.get(PricingService);
  });
  afterAll(() => app.close());

  /** A show whose theater sells Adult 1,200, Child 800 and charges 300 for premium seats, in CHF. */
  async function pricedShow(layout?: string[]) {
    const fixture = await seatedShow(app, layout ? { layout } : {});
    const prices = await priceTheater(app, { screenId: fixture.show.screenId });
    await pricing.setCurrency(prices.theaterId, 'CHF');
    return { ...fixture, ...prices };
  }

  it('gives a theater without types one Adult type at the show price, so totals stay as before', async () => {
    const { show, byLabel } = await seatedShow(app);
    const { booking } = await bookings.book({
      showId: show.id,
      seatIds: [byLabel('A1').id, byLabel('C3').id],
      customer: ada,
    });
    expect(booking.total).toBe(1000 + 1500);
    expect(booking.currencyCode).toBe('EUR');
    expect(booking.seats.map((seat) => [seat.ticketType?.name, seat.surchargeCents, seat.priceCents])).toEqual([
      ['Adult', 0, 1000],
      ['Adult', 500, 1500],
    ]);
  });

  it('books two adults and a child on premium seats at type price plus surcharge', async () => {
    const { show, byLabel, adult, child } = await pricedShow();
    const seatIds = ['C3', 'C4', 'C5'].map((label) => byLabel(label).id);
    const { booking } = await bookings.book({
      showId: show.id,
      seatIds,
      ticketTypeIds: [adult.id, adult.id, child.id],
      customer: ada,
    });
    expect(booking.total).toBe(2 * (1200 + 300) + (800 + 300));
    expect(booking.currencyCode).toBe('CHF');
    expect(booking.seats.map((seat) => seat.ticketType?.name)).toEqual(['Adult', 'Adult', 'Child']);
    expect(await bookings.get(booking.code, ada.email)).toEqual(booking);
  });

  it('keeps the prices and names of existing bookings when the theater changes them', async () => {
    const { show, byLabel, theaterId, child } = await pricedShow();
    const { booking } = await bookings.book({
      showId: show.id,
      seatIds: [byLabel('A1').id],
      ticketTypeIds: [child.id],
      customer: ada,
    });
    await pricing.updateType(theaterId, child.id, { name: 'Kid', priceCents: 100 });
    await pricing.setSurcharge(theaterId, 'standard', 50);
    const again = await bookings.get(booking.code, ada.email);
    expect(again.total).toBe(800);
    expect(again.seats[0]).toMatchObject({ priceCents: 800, ticketType: { id: child.id, name: 'Child' } });
    const later = await bookings.book({
      showId: show.id,
      seatIds: [byLabel('A2').id],
      ticketTypeIds: [child.id],
      customer: ada,
    });
    expect(later.booking.seats[0]).toMatchObject({ priceCents: 150, ticketType: { name: 'Kid' }, surchargeCents: 50 });
  });

  it('refuses unknown types, types of another theater and a wrong count, naming the field, booking nothing', async () => {
    const { show, byLabel, adult } = await pricedShow();
    const other = await pricedShow();
    const seatIds = [byLabel('B1').id, byLabel('B2').id];
    for (const ticketTypeIds of [[adult.id, other.child.id], [adult.id, 2_000_000_000], [adult.id]]) {
      await expect(bookings.book({ showId: show.id, seatIds, ticketTypeIds, customer: ada })).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        details: { fields: [{ field: expect.stringMatching(/^ticketTypeIds/) }] },
      });
      await expect(holds.hold(show.id, seatIds, ada, undefined, ticketTypeIds)).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
      });
    }
    await expect(
      bookings.book({ showId: show.id, count: 2, ticketTypeIds: [other.adult.id, adult.id], customer: ada }),
    ).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    expect(await bookings.available(show.id)).toBe(29);
  });

  it('lets a hold change its types before confirming, and confirms at the types set', async () => {
    const { show, byLabel, adult, child } = await pricedShow();
    const seatIds = [byLabel('C3').id, byLabel('A1').id];
    const hold = await holds.hold(show.id, seatIds, ada);
    expect(hold.total).toBe(1500 + 1200);
    const changed = await holds.setTicketTypes(hold.holdId, [seatIds[1], seatIds[0]], [child.id, adult.id]);
    expect(changed.total).toBe(800 + 1500);
    expect((await holds.get(hold.holdId)).total).toBe(800 + 1500);
    await expect(holds.setTicketTypes(hold.holdId, [seatIds[0]], [child.id])).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      details: { fields: [{ field: 'seatIds' }] },
    });
    const booking = await holds.confirm(hold.holdId);
    expect(booking.total).toBe(800 + 1500);
    expect(booking.seats.find((seat) => seat.id === seatIds[1])?.ticketType?.name).toBe('Child');
    await expect(holds.setTicketTypes(hold.holdId, seatIds, [adult.id, adult.id])).rejects.toMatchObject({
      code: ErrorCode.HoldExpired,
    });
  });

  it('books by count with types in the order of the seats picked', async () => {
    const { show, adult, child } = await pricedShow();
    const { booking } = await bookings.book({
      showId: show.id,
      count: 3,
      ticketTypeIds: [adult.id, adult.id, child.id],
      customer: ada,
    });
    expect(booking.seats.map((seat) => seat.ticketType?.name)).toEqual(['Adult', 'Adult', 'Child']);
    expect(booking.total).toBe(booking.seats.reduce((sum, seat) => sum + seat.priceCents, 0));
  });

  it('names each wheelchair space its companion seat and holds the two all or nothing', async () => {
    const { show, byLabel } = await pricedShow(['ssss', 'wsws', 'ww_s']);
    const space = byLabel('B1');
    const companion = byLabel('B2');
    const info = (await app.get(ShowSeatingCache).get(show.id)).byId;
    expect(info.get(space.id)?.companionSeatId).toBe(companion.id);
    expect(info.get(byLabel('B3').id)?.companionSeatId).toBe(byLabel('B4').id);
    expect(info.get(byLabel('C1').id)?.companionSeatId).toBeUndefined();
    await bookings.book({ showId: show.id, seatIds: [companion.id], customer: ada });
    await expect(holds.hold(show.id, [space.id, companion.id], ada)).rejects.toMatchObject({
      code: ErrorCode.SeatUnavailable,
    });
    const free = await holds.hold(show.id, [byLabel('B3').id, byLabel('B4').id], ada);
    expect(free.seats.map((seat) => seat.label)).toEqual(['B3', 'B4']);
    expect(await bookings.available(show.id)).toBe(11 - 1 - 2);
  });
});

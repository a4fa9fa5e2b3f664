import { ErrorCode } from '@app/common';
import { PricingService } from '@app/pricing';
import { createTestApp, TestApp } from '../../../../test/support/test-app';
import { DRIVERS } from '../../../../test/support/env';
import { priceTheater, seatedShow } from '../../../../test/support/booking-fixtures';
import { BookingService } from '../booking.service';
import { HoldService } from '../hold.service';
import { salesReportCsv } from './sales-report.csv';
import { SalesReportService } from './sales-report.service';

const ada = { name: 'Ada', email: 'ada@example.com' };
const DAY_MS = 86_400_000;

describe.each(DRIVERS)('sales reports on %s', (driver) => {
  let app: TestApp;
  let reports: SalesReportService;

  beforeAll(async () => {
    app = await createTestApp(driver);
    reports = app.get(SalesReportService);
  });
  afterAll(() => app.close());

  /** A show on a far, random day of its own (so the shared database's other shows stay out of its day). */
  async function pricedShowOn(startsInMs: number) {
    const fixture = await seatedShow(app, { startsInMs });
    return { ...fixture, ...(await priceTheater(app, { screenId: fixture.show.screenId })) };
  }

  it('counts seats sold, occupancy and revenue by ticket type per show, day, film and theater', async () => {
    const startsInMs = (10_000 + Math.floor(Math.random() * 15_000)) * DAY_MS + 12 * 3_600_000;
    const first = await pricedShowOn(startsInMs);
    const second = await pricedShowOn(startsInMs + 3_600_000);
    const bookings = app.get(BookingService);
    const seats = (fixture: typeof first, labels: string[]) => labels.map((label) => fixture.byLabel(label).id);
    const { adult, child } = first;
    await bookings.book({
      showId: first.show.id,
      seatIds: seats(first, ['C3', 'C4', 'C5']),
      ticketTypeIds: [adult.id, adult.id, child.id],
      customer: ada,
    });
    const cancelled = await bookings.book({ showId: first.show.id, seatIds: seats(first, ['A1']), customer: ada });
    await bookings.cancel(cancelled.booking.code, ada.email);
    await app.get(HoldService).hold(first.show.id, seats(first, ['A2']), ada);
    await bookings.book({
      showId: second.show.id,
      seatIds: seats(second, ['A1']),
      ticketTypeIds: [second.child.id],
      customer: ada,
    });
    // A later price change does not rewrite what was sold.
    await app.get(PricingService).updateType(first.theaterId, adult.id, { priceCents: 5000 });

    const day = new Date(Date.now() + startsInMs).toISOString().slice(0, 10);
    const byShow = await reports.report('show', day, day);
    expect(byShow.rows.map((row) => row.key)).toEqual([String(first.show.id), String(second.show.id)]);
    expect(byShow.rows[0]).toMatchObject({
      shows: 1,
      capacity: 29,
      seatsSold: 3,
      occupancy: Math.round((3 / 29) * 10_000) / 10_000,
      revenueCents: 1500 + 1500 + 1100,
      byType: { Adult: { tickets: 2, revenueCents: 3000 }, Child: { tickets: 1, revenueCents: 1100 } },
      checkIns: 0,
    });
    expect(byShow.rows[1]).toMatchObject({ seatsSold: 1, revenueCents: 800, byType: { Child: { tickets: 1 } } });
    expect(byShow.totals).toMatchObject({ shows: 2, capacity: 58, seatsSold: 4, revenueCents: 4900 });
    expect(byShow).toMatchObject({ currencyCode: 'EUR', ticketTypes: ['Adult', 'Child'], truncated: false });

    const byDay = await reports.report('day', day, day);
    expect(byDay.rows).toEqual([{ key: day, label: day, ...byShow.totals }]);
    const byTheater = await reports.report('theater', day, day);
    expect(byTheater.rows.map((row) => [row.key, row.seatsSold])).toEqual([
      [String(first.theaterId), 3],
      [String(second.theaterId), 1],
    ]);
    const byFilm = await reports.report('film', day, day);
    expect(byFilm.rows.map((row) => [row.key, row.revenueCents])).toEqual([
      [String(first.show.movieId), 4100],
      [String(second.show.movieId), 800],
    ]);

    const csv = salesReportCsv(byFilm).split('\r\n');
    expect(csv[0]).toBe(
      'film,label,shows,capacity,seats_sold,occupancy,revenue_cents,tickets Adult,revenue_cents Adult,tickets Child,revenue_cents Child,check_ins',
    );
    expect(csv[1]).toBe(`${first.show.movieId},${byFilm.rows[0].label},1,29,3,0.1034,4100,2,3000,1,1100,0`);
    expect(csv[3]).toBe(`total,${day} to ${day},2,58,4,0.069,4900,2,3000,2,1900,0`);
  });

  it('refuses days that do not exist, a reversed range and a range over a year', async () => {
    for (const [from, to, field] of [
      ['2030-02-30', '2030-03-01', 'from'],
      ['2030-03-02', '2030-03-01', 'to'],
      ['2030-01-01', '2031-01-02', 'to'],
    ]) {
      await expect(reports.report('day', from, to)).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        details: { fields: [{ field }] },
      });
    }
  });
});

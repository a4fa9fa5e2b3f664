import request from 'supertest';
import { BookingService } from '@app/booking';
import { DRIVERS } from './support/env';
import { useAdminApp } from './support/admin-requests';
import { Screen } from '@app/catalog';
import { DatabaseService } from '@app/database';
import { seatedShow } from './support/booking-fixtures';

const DAY_MS = 86_400_000;

/** The sales report over HTTP: JSON and CSV, validation, admin only. */
describe.each(DRIVERS)('sales report over HTTP on %s', (driver) => {
  const app = useAdminApp(driver);

  it('answers the figures of bookings made in the test, as JSON and as CSV', async () => {
    // A day of its own far ahead, so the shared database's other shows stay out of the range.
    const made = await seatedShow(app.testApp, { startsInMs: (10_000 + Math.floor(Math.random() * 15_000)) * DAY_MS });
    const { theaterId } = await app.testApp
      .get(DatabaseService)
      .manager.findOneByOrFail(Screen, { id: made.show.screenId });
    const day = made.show.startsAt.toISOString().slice(0, 10);
    const base = `/api/admin/theaters/${theaterId}`;
    const [adult] = (await app.admin.get(`${base}/pricing`).expect(200)).body.ticketTypes;
    const child = (await app.admin.post(`${base}/ticket-types`, { name: 'Child', priceCents: 650 }).expect(201)).body;
    await app.testApp.get(BookingService).book({
      showId: made.show.id,
      seatIds: ['A1', 'A2', 'A3'].map((label) => made.byLabel(label).id),
      ticketTypeIds: [adult.id, child.id, child.id],
      customer: { name: 'Ada', email: 'ada@example.com' },
    });
    const json = await app.admin.get(`/api/admin/reports/sales?groupBy=theater&from=${day}&to=${day}`).expect(200);
    expect(json.body.rows).toEqual([
      {
        key: String(theaterId),
        label: expect.any(String),
        shows: 1,
        capacity: 29,
        seatsSold: 3,
        occupancy: Math.round((3 / 29) * 10_000) / 10_000,
        revenueCents: 1000 + 650 + 650,
        byType: { Adult: { tickets: 1, revenueCents: 1000 }, Child: { tickets: 2, revenueCents: 1300 } },
        checkIns: 0,
      },
    ]);
    const csv = await app.admin
      .get(`/api/admin/reports/sales?groupBy=day&from=${day}&to=${day}&format=csv`)
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="sales-by-day-${day}-${day}.csv"`);
    expect(csv.text.split('\r\n')).toEqual([
      'day,label,shows,capacity,seats_sold,occupancy,revenue_cents,tickets Child,revenue_cents Child,tickets Adult,revenue_cents Adult,check_ins',
      `${day},${day},1,29,3,0.1034,2300,2,1300,1,1000,0`,
      `total,${day} to ${day},1,29,3,0.1034,2300,2,1300,1,1000,0`,
      '',
    ]);
  });

  it('refuses bad queries with 400 naming the field, and strangers with 401', async () => {
    for (const [query, field] of [
      ['groupBy=week', 'groupBy'],
      ['from=2030-1-1', 'from'],
      ['from=2030-02-30&to=2030-03-01', 'from'],
      ['from=2030-03-02&to=2030-03-01', 'to'],
      ['format=xml', 'format'],
      ['extra=1', 'extra'],
    ]) {
      const answer = await app.admin.get(`/api/admin/reports/sales?${query}`).expect(400);
      expect(answer.body.error).toBe('VALIDATION_FAILED');
      expect(answer.body.fields.map((entry: { field: string }) => entry.field)).toContain(field);
    }
    await request(app.http).get('/api/admin/reports/sales').expect(401);
  });
});

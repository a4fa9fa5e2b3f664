import request from 'supertest';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from '../../../../test/support/test-app';
import { DRIVERS } from '../../../../test/support/env';
import { seatedShow } from '../../../../test/support/booking-fixtures';
import { BookingService } from '../booking.service';

const ada = { name: 'Ada Lovelace', email: 'ada@example.com' };
const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe.each(DRIVERS)('GET /api/admin/audit on %s', (driver) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp(driver);
  });
  afterAll(() => app.close());

  it('lists bookings and cancellations in (lamportTs, nodeId) order, a page at a time', async () => {
    const { show, seats } = await seatedShow(app);
    const bookings = app.get(BookingService);
    const made = [];
    for (const seat of seats.slice(0, 5))
      made.push((await bookings.book({ showId: show.id, seatIds: [seat.id], customer: ada })).booking);
    await bookings.cancel(made[1].code, ada.email);

    const events = [];
    let after: string | null = null;
    do {
      const page: request.Response = await request(app.app.getHttpServer())
        .get('/api/admin/audit')
        .query({ showId: show.id, limit: 2, ...(after ? { after } : {}) })
        .set(admin)
        .expect(200);
      expect(page.body.events.length).toBeLessThanOrEqual(2);
      events.push(...page.body.events);
      after = page.body.next;
    } while (after);

    expect(events.map((event) => [event.type, event.code])).toEqual([
      ...made.map((booking) => ['booking', booking.code]),
      ['cancellation', made[1].code],
    ]);
    expect(events[0]).toMatchObject({ lamportTs: made[0].lamportTs, nodeId: 1, showId: show.id, seatCount: 1 });
    expect(Date.parse(events[0].at)).toBeGreaterThan(Date.now() - 60_000);
    for (let index = 1; index < events.length; index++) {
      const [a, b] = [events[index - 1], events[index]];
      expect(a.lamportTs < b.lamportTs || (a.lamportTs === b.lamportTs && a.nodeId < b.nodeId)).toBe(true);
    }
  });

  it('is for admins only and refuses a malformed cursor or page size', async () => {
    const server = app.app.getHttpServer();
    await request(server).get('/api/admin/audit').expect(401);
    const bad = await request(server).get('/api/admin/audit').query({ after: '12' }).set(admin).expect(400);
    expect(bad.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: [{ field: 'after' }] });
    await request(server).get('/api/admin/audit').query({ limit: 5000 }).set(admin).expect(400);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import request from 'supertest';
import { priceTheater, seatedShow } from './support/booking-fixtures';
import { DRIVERS } from './support/env';
import { eventually } from './support/processes';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

/**
 * Issue 15's "done when", end to end over HTTP on both drivers: a customer books two adults and a
 * child on premium seats (Adult 12.00, Child 8.00, premium +3.00: 2 × 15.00 + 11.00 = 41.00) and
 * sees that total in the API answer, in their booking, in the confirmation e-mail and in the sales
 * report; the door admits each ticket once and refuses a forged one; the report counts the three
 * check-ins. (The seat page's total is checked in Chromium: test/web/customer.e2e-spec.ts.)
 */
describe.each(DRIVERS)('a night at the cinema (%s)', (driver) => {
  let app: TestApp;
  let outbox: string;
  const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const customer = { name: 'Grace Hopper', email: 'grace@example.com' };

  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'marquee-night-outbox-'));
    app = await createTestApp(driver, { MAIL_OUTBOX_DIR: outbox, DOOR_OPENS_MINUTES: '60' });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('prices, books, mails, reports and admits two adults and a child on premium seats', async () => {
    const http = request(app.app.getHttpServer());
    const fixture = await seatedShow(app, { startsInMs: 30 * 60_000 });
    const { adult, child } = await priceTheater(app, { screenId: fixture.show.screenId });
    const premium = ['C3', 'C4', 'C5'].map((label) => fixture.byLabel(label));
    expect(premium.map((seat) => seat.kind)).toEqual(['premium', 'premium', 'premium']);

    const booked = await http
      .post('/api/bookings')
      .set('Idempotency-Key', `night-${driver}-${Date.now()}`)
      .send({
        showId: fixture.show.id,
        seatIds: premium.map((seat) => seat.id),
        ticketTypeIds: [adult.id, adult.id, child.id],
        customer,
      })
      .expect(201);
    expect(booked.body).toMatchObject({ total: 4100, currencyCode: 'EUR' });
    expect(
      booked.body.seats.map(
        (seat: { label: string; priceCents: number; surchargeCents: number; ticketType: { name: string } }) => [
          seat.label,
          seat.ticketType.name,
          seat.priceCents,
          seat.surchargeCents,
        ],
      ),
    ).toEqual([
      ['C3', 'Adult', 1500, 300],
      ['C4', 'Adult', 1500, 300],
      ['C5', 'Child', 1100, 300],
    ]);
    const code: string = booked.body.code;
    const mine = await http.get(`/api/bookings/${code}`).query({ email: customer.email }).expect(200);
    expect(mine.body.total).toBe(4100);

    // The confirmation e-mail: each seat with its type and price, and the total.
    const file = join(outbox, `${code}-booked.eml`);
    await eventually(() => existsSync(file), 20_000, 'the confirmation e-mail');
    const mail = await simpleParser(readFileSync(file));
    expect(mail.text).toMatch(/Seat C3\s+Adult\s+€15\.00/);
    expect(mail.text).toMatch(/Seat C5\s+Child\s+€11\.00/);
    expect(mail.text).toMatch(/Total\s+€41\.00/);

    // The sales report of that day, this show's row.
    const day = fixture.show.startsAt.toISOString().slice(0, 10);
    const reportRow = async () => {
      const report = await http
        .get('/api/admin/reports/sales')
        .query({ groupBy: 'show', from: day, to: day })
        .set(admin)
        .expect(200);
      return report.body.rows.find((row: { key: string }) => row.key === String(fixture.show.id));
    };
    expect(await reportRow()).toMatchObject({
      seatsSold: 3,
      revenueCents: 4100,
      byType: { Adult: { tickets: 2, revenueCents: 3000 }, Child: { tickets: 1, revenueCents: 1100 } },
      checkIns: 0,
    });

    // The door: each ticket once, with its type; a forged code refused.
    const tickets = (await http.get(`/api/bookings/${code}/tickets`).query({ email: customer.email }).expect(200))
      .body as { code: string; seat: { label: string }; type: string }[];
    expect(tickets.map((ticket) => ticket.type)).toEqual(['Adult', 'Adult', 'Child']);
    const checkIn = async (ticketCode: string) =>
      (
        await http
          .post('/api/door/check-in')
          .set(admin)
          .send({ code: ticketCode, showId: fixture.show.id, door: 'main' })
          .expect(200)
      ).body;
    for (const ticket of tickets) {
      const answer = await checkIn(ticket.code);
      expect(answer).toMatchObject({
        result: 'admitted',
        ticket: { seat: ticket.seat.label, type: ticket.seat.label === 'C5' ? 'Child' : 'Adult' },
      });
    }
    for (const ticket of tickets) expect((await checkIn(ticket.code)).result).toBe('already_admitted');
    const last = tickets[0].code.slice(-1);
    const forged = `${tickets[0].code.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`;
    expect((await checkIn(forged)).result).toBe('forged');

    expect(await reportRow()).toMatchObject({ seatsSold: 3, revenueCents: 4100, checkIns: 3 });
  });
});

import request from 'supertest';
import { AddressInfo } from 'node:net';
import { BookingService, HoldService, TicketService, TicketView } from '@app/booking';
import { createTestApp, TestApp } from './support/test-app';
import { seatedShow } from './support/booking-fixtures';
import { openEventStream } from './support/event-stream';

const customer = { name: 'Grace Hopper', email: 'grace@example.com' };

jest.setTimeout(30_000);

describe('live seat maps and e-tickets over HTTP (SQLite)', () => {
  let app: TestApp;
  let base: string;

  beforeAll(async () => {
    app = await createTestApp('sqlite');
    await app.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(() => app?.close());

  it('streams ready, then a seats event when seats of the show (only) are held or released', async () => {
    const { show, byLabel } = await seatedShow(app);
    const other = await seatedShow(app);
    const stream = await openEventStream(`${base}/api/shows/${show.id}/events`);
    try {
      expect(stream.response.statusCode).toBe(200);
      expect(stream.response.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(stream.response.headers['x-accel-buffering']).toBe('no');
      const ready = await stream.next((event) => event.event === 'ready');
      expect(JSON.parse(ready.data!)).toEqual({ showId: show.id });
      expect(ready.retry).toBe('2000');

      await app.get(HoldService).hold(other.show.id, [other.byLabel('A1').id], customer); // another show: no event
      const hold = await app.get(HoldService).hold(show.id, [byLabel('A1').id], customer);
      const held = await stream.next((event) => event.event === 'seats');
      expect(JSON.parse(held.data!)).toEqual({ showId: show.id, at: expect.any(Number) });
      const seen = stream.events.length;

      await app.get(HoldService).release(hold.holdId);
      await stream.next((event) => event.event === 'seats' && stream.events.indexOf(event) >= seen);
      const map = await request(app.app.getHttpServer()).get(`/api/shows/${show.id}/seats`).expect(200);
      expect(map.body.seats.find((seat: { label: string }) => seat.label === 'A1').state).toBe('available');
      expect(
        stream.events
          .filter((event) => event.event === 'seats')
          .every((event) => JSON.parse(event.data!).showId === show.id),
      ).toBe(true);
    } finally {
      stream.close();
    }
  });

  it('answers 404 (JSON, no stream) for an unknown show and 400 for a malformed id', async () => {
    const http = request(app.app.getHttpServer());
    const missing = await http.get('/api/shows/2000000000/events').expect(404);
    expect(missing.body).toMatchObject({ error: 'NOT_FOUND' });
    expect((await http.get('/api/shows/abc/events').expect(400)).body.error).toBe('VALIDATION_FAILED');
  });

  it('lists one signed ticket per seat and draws each one’s QR code as SVG, for the booking’s email only', async () => {
    const { show } = await seatedShow(app);
    const { booking } = await app.get(BookingService).book({ showId: show.id, count: 2, customer });
    const http = request(app.app.getHttpServer());
    const tickets = (
      await http
        .get(`/api/bookings/${booking.code.toLowerCase()}/tickets`)
        .query({ email: 'GRACE@example.com' })
        .expect(200)
    ).body as TicketView[];
    expect(tickets.map((ticket) => ticket.seat.label).sort()).toEqual(booking.seats.map((seat) => seat.label).sort());
    expect(new Set(tickets.map((ticket) => ticket.code)).size).toBe(2);
    for (const ticket of tickets) {
      expect(app.get(TicketService).verify(ticket.code)).toEqual({
        bookingCode: booking.code,
        ticketId: ticket.id,
        showId: show.id,
      });
      expect(ticket.admittedAt).toBeNull();
    }
    const qrPath = `/api/bookings/${booking.code}/tickets/${tickets[0].id}/qr.svg`;
    const qr = await http.get(qrPath).query({ email: customer.email }).expect(200);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(qr.headers['cache-control']).toBe('private, no-store');
    const svg = (qr.body as Buffer | undefined)?.toString() || qr.text;
    expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('<path');

    expect((await http.get(qrPath).query({ email: 'mallory@example.com' }).expect(404)).body.error).toBe('NOT_FOUND');
    expect((await http.get(qrPath).expect(400)).body.error).toBe('VALIDATION_FAILED');
    expect(
      (await http.get(`/api/bookings/${booking.code}/tickets/abc/qr.svg`).query({ email: customer.email }).expect(400))
        .body.error,
    ).toBe('VALIDATION_FAILED');
    const other = await app.get(BookingService).book({ showId: show.id, count: 1, customer });
    const [foreign] = (await app.get(TicketService).forBooking(other.booking.code)).tickets;
    expect(
      (
        await http
          .get(`/api/bookings/${booking.code}/tickets/${foreign.id}/qr.svg`)
          .query({ email: customer.email })
          .expect(404)
      ).body.error,
    ).toBe('NOT_FOUND');
    expect(
      (await http.get('/api/bookings/NOT-A-CODE/tickets').query({ email: customer.email }).expect(400)).body.error,
    ).toBe('VALIDATION_FAILED');
    await app.get(BookingService).cancel(booking.code, customer.email);
    expect((await http.get(qrPath).query({ email: customer.email }).expect(409)).body.error).toBe('BOOKING_CANCELLED');
  });

  it('ends open streams when the node shuts down, promptly', async () => {
    const own = await createTestApp('sqlite');
    await own.app.listen(0, '127.0.0.1');
    const { show } = await seatedShow(own);
    const stream = await openEventStream(
      `http://127.0.0.1:${(own.app.getHttpServer().address() as AddressInfo).port}/api/shows/${show.id}/events`,
    );
    await stream.next((event) => event.event === 'ready');
    const ended = new Promise<void>((resolve) => stream.response.on('close', () => resolve()));
    const started = Date.now();
    await own.close(); // would wait for the stream, then for the keep-alive timeout (5 s)
    expect(Date.now() - started).toBeLessThan(4_000);
    await ended;
  });
});

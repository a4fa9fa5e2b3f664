import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { ParsedMail, simpleParser } from 'mailparser';
import { sync as ical, VEvent } from 'node-ical';
import { TicketService } from '@app/booking';
import { JobQueue } from '@app/jobs';
import { seatedShow } from './support/booking-fixtures';
import { freePortRange } from './support/cluster';
import { DRIVERS } from './support/env';
import { eventually } from './support/processes';
import { decodeQrPng } from './support/qr';
import { SmtpSink } from './support/smtp-sink';
import { createTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

const customer = { name: 'Ada Lovelace', email: 'ada@example.com' };

/** The calendar's one VEVENT and its METHOD. */
function calendarOf(mail: ParsedMail): { event: VEvent; method: string; text: string } {
  const attachment = mail.attachments.find((part) => part.contentType.startsWith('text/calendar'));
  expect(attachment).toBeDefined();
  const text = attachment!.content.toString('utf8');
  const event = Object.values(ical.parseICS(text)).find((item) => item?.type === 'VEVENT') as VEvent;
  return { event, method: /^METHOD:(\S+)/m.exec(text)?.[1] ?? '', text };
}

describe.each(DRIVERS)('booking e-mails over SMTP (%s)', (driver) => {
  let sink: SmtpSink;
  let app: TestApp;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    app = await createTestApp(driver, { SMTP_URL: sink.url, MAIL_FROM: 'Marquee <tickets@marquee.test>' });
  });
  afterAll(async () => {
    await app?.close();
    await sink?.close();
  });

  it('mails the booking with one QR code per ticket and a calendar entry, then the cancellation', async () => {
    const { show, byLabel } = await seatedShow(app);
    const http = request(app.app.getHttpServer());
    const booked = await http
      .post('/api/bookings')
      .send({ showId: show.id, seatIds: ['A1', 'A2', 'C3'].map((label) => byLabel(label).id), customer })
      .expect(201);
    const code = booked.body.code as string;
    const mail = await sink.waitFor(new RegExp(code));
    const parsed = mail.parsed;
    expect(mail.to).toEqual([customer.email]);
    expect(parsed.from?.value).toEqual([{ name: 'Marquee', address: 'tickets@marquee.test' }]);
    expect(parsed.subject).toMatch(new RegExp(`^Your tickets: Film .* \\(booking ${code}\\)$`));
    // Seats with the ticket type sold (the theater's default, Adult) and their prices (1,000 standard,
    // 1,500 premium), and the total, in text and HTML.
    expect(parsed.text).toContain('Seat A1  Adult  €10.00');
    expect(parsed.text).toContain('Seat C3  Adult  €15.00');
    expect(parsed.text).toContain('Total  €35.00');
    expect(booked.body.total).toBe(3_500);
    expect(parsed.html).toContain('€35.00');

    const { tickets } = await app.get(TicketService).forBooking(code);
    const images = parsed.attachments.filter((part) => part.contentType === 'image/png');
    expect(images).toHaveLength(3);
    const decoded = images.map((image) => {
      expect(parsed.html).toContain(`cid:${image.cid}`);
      return decodeQrPng(image.content);
    });
    expect(decoded.sort()).toEqual(tickets.map((ticket) => ticket.code).sort());
    for (const text of decoded) {
      expect(app.get(TicketService).verify(text!)).toMatchObject({ bookingCode: code, showId: show.id });
    }

    const calendar = calendarOf(parsed);
    expect(calendar.method).toBe('REQUEST');
    expect(calendar.event.uid).toBe(`${code}@marquee`);
    // DATETIME keeps whole seconds; the calendar says the show's start and end in UTC.
    expect(Math.abs(new Date(calendar.event.start as Date).getTime() - show.startsAt.getTime())).toBeLessThan(1_000);
    expect(Math.abs(new Date(calendar.event.end as Date).getTime() - show.endsAt.getTime())).toBeLessThan(1_000);
    expect(calendar.text).toMatch(/^DTSTART:\d{8}T\d{6}Z$/m);

    await http.delete(`/api/bookings/${code}`).query({ email: customer.email }).expect(200);
    const cancelled = await sink.waitFor(new RegExp(`^Cancelled: .*${code}`));
    expect(cancelled.parsed.attachments.filter((part) => part.contentType === 'image/png')).toHaveLength(0);
    const cancel = calendarOf(cancelled.parsed);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.event.uid).toBe(`${code}@marquee`);
    expect(cancel.text).toMatch(/^STATUS:CANCELLED$/m);
  });

  it('mails a booking confirmed from a hold', async () => {
    const { show, byLabel } = await seatedShow(app);
    const http = request(app.app.getHttpServer());
    const hold = await http
      .post(`/api/shows/${show.id}/holds`)
      .send({ seatIds: [byLabel('B4').id], customer })
      .expect(201);
    const confirmed = await http.post(`/api/holds/${hold.body.holdId}/confirm`).expect((response) => {
      expect([200, 201]).toContain(response.status);
    });
    const code = confirmed.body.code as string;
    const mail = await sink.waitFor(new RegExp(code));
    expect(mail.parsed.text).toContain('Seat B4');
  });
});

describe('booking e-mails without SMTP_URL (SQLite): the outbox', () => {
  let app: TestApp;
  let outbox: string;

  beforeAll(async () => {
    outbox = mkdtempSync(join(tmpdir(), 'marquee-outbox-'));
    app = await createTestApp('sqlite', { MAIL_OUTBOX_DIR: outbox });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('writes <code>-booked.eml, a message that parses with its QR codes and calendar entry', async () => {
    const { show, byLabel } = await seatedShow(app);
    const booked = await request(app.app.getHttpServer())
      .post('/api/bookings')
      .send({ showId: show.id, seatIds: [byLabel('A1').id, byLabel('A2').id], customer })
      .expect(201);
    const file = join(outbox, `${booked.body.code}-booked.eml`);
    await eventually(() => existsSync(file), 20_000);
    const parsed = await simpleParser(readFileSync(file), { keepCidLinks: true });
    expect(parsed.subject).toContain(booked.body.code);
    const images = parsed.attachments.filter((part) => part.contentType === 'image/png');
    expect(images.map((image) => app.get(TicketService).verify(decodeQrPng(image.content)!)?.bookingCode)).toEqual([
      booked.body.code,
      booked.body.code,
    ]);
    expect(calendarOf(parsed).method).toBe('REQUEST');
  });
});

describe('booking e-mails while the SMTP server is down (SQLite)', () => {
  let app: TestApp;
  let port: number;
  let sink: SmtpSink | undefined;

  beforeAll(async () => {
    port = await freePortRange(0);
    app = await createTestApp('sqlite', { SMTP_URL: `smtp://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await app?.close();
    await sink?.close();
  });

  it('books at once, retries the e-mail with backoff, and delivers it once the server is up', async () => {
    const { show, byLabel } = await seatedShow(app);
    const started = performance.now();
    const booked = await request(app.app.getHttpServer())
      .post('/api/bookings')
      .send({ showId: show.id, seatIds: [byLabel('A1').id], customer })
      .expect(201);
    expect(performance.now() - started).toBeLessThan(2_000);
    const jobId = `${booked.body.code}-booked`;
    const jobs = app.get(JobQueue);
    // The first try fails (connection refused); the job waits for its retry.
    const failedOnce = await eventually(async () => {
      const status = await jobs.status(jobId);
      return status && (status.attempts ?? 0) >= 1 && status.state === 'delayed' ? status : undefined;
    }, 20_000);
    expect(failedOnce.error).toMatch(/ECONNREFUSED|connect/i);
    sink = await SmtpSink.start(port);
    const mail = await sink.waitFor(new RegExp(booked.body.code), 30_000);
    expect(mail.parsed.attachments.filter((part) => part.contentType === 'image/png')).toHaveLength(1);
    const done = await jobs.status(jobId);
    expect(done).toMatchObject({ state: 'completed' });
    expect(done!.attempts).toBeGreaterThanOrEqual(2);
  });
});

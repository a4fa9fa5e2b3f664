import type { SendMailOptions } from 'nodemailer';
import type { BookingView, TicketView } from '@app/booking';
import { bookingCalendar } from './booking-calendar';

/** The show of a booking as the e-mail names it. Times epoch ms (UTC); `timeZone` the theater's IANA zone. */
export interface MailShow {
  title: string;
  startsAt: number;
  endsAt: number;
  theater: string;
  screen: string;
  timeZone: string;
}

/** Everything one booking e-mail is made of; `qrPngs` the PNG of each ticket's QR code, by ticket id. */
export interface BookingMailInput {
  event: 'booked' | 'cancelled';
  booking: BookingView;
  tickets: TicketView[];
  show: MailShow;
  from: string;
  qrPngs: Map<number, Buffer>;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]);

/** Integer cents (minor units) as money in `currency` (ISO 4217), e.g. `€12.00` for 1200 EUR. */
export function formatCents(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
}

function when(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(ms);
}

/** The content id of a ticket's inline QR image (`cid:` in the HTML). */
export function qrContentId(code: string, ticketId: number): string {
  return `ticket-${ticketId}.${code}@marquee`;
}

/**
 * The e-mail of a booking (nodemailer message options): a plain-text and an HTML part with the
 * show, film, theater, each seat with its type and price, and the total; for a booking, one inline
 * QR code PNG per ticket (`cid:` attachments); and the calendar entry (`booking-<code>.ics`,
 * METHOD REQUEST, or CANCEL for a cancellation; also as nodemailer's `icalEvent` alternative).
 */
export function bookingMail(input: BookingMailInput): SendMailOptions {
  const { booking, tickets, show, event } = input;
  const cancelled = event === 'cancelled';
  const starts = when(show.startsAt, show.timeZone);
  const place = `${show.theater} · ${show.screen}`;
  const subject = cancelled
    ? `Cancelled: ${show.title}, ${starts} (booking ${booking.code})`
    : `Your tickets: ${show.title}, ${starts} (booking ${booking.code})`;
  const lines = tickets.map(
    (ticket) =>
      `  Seat ${ticket.seat.label}  ${ticket.type}  ${formatCents(ticket.seat.priceCents, booking.currencyCode)}`,
  );
  const text = [
    cancelled
      ? `Booking ${booking.code} was cancelled; its seats were released.`
      : `Booking ${booking.code} is confirmed.`,
    '',
    `${show.title}`,
    `${starts}`,
    `${place}`,
    '',
    ...lines,
    `  Total  ${formatCents(booking.total, booking.currencyCode)}`,
    '',
    cancelled ? 'Nothing to show at the door any more.' : 'Show one QR code per seat at the door (attached).',
  ].join('\n');
  const rows = tickets
    .map(
      (ticket) =>
        `<tr><td>Seat ${escape(ticket.seat.label)}</td><td>${escape(ticket.type)}</td><td style="text-align:right">${formatCents(ticket.seat.priceCents, booking.currencyCode)}</td></tr>`,
    )
    .join('');
  const qrs = cancelled
    ? ''
    : tickets
        .map(
          (ticket) =>
            `<figure style="display:inline-block;margin:8px;text-align:center"><img src="cid:${qrContentId(booking.code, ticket.id)}" width="200" height="200" alt="QR code of the ticket for seat ${escape(ticket.seat.label)}"><figcaption>Seat ${escape(ticket.seat.label)} · ${escape(ticket.type)}</figcaption></figure>`,
        )
        .join('');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h1>${cancelled ? 'Booking cancelled' : 'Booking confirmed'}: ${escape(booking.code)}</h1>
<p><strong>${escape(show.title)}</strong><br>${escape(starts)}<br>${escape(place)}</p>
<table cellpadding="4">${rows}<tr><td colspan="2"><strong>Total</strong></td><td style="text-align:right"><strong>${formatCents(booking.total, booking.currencyCode)}</strong></td></tr></table>
${cancelled ? '<p>Its seats were released.</p>' : `<p>Show one QR code per seat at the door.</p>${qrs}`}
</body></html>`;
  const ics = bookingCalendar({
    code: booking.code,
    event,
    title: show.title,
    description: `Booking ${booking.code}: ${tickets.map((ticket) => ticket.seat.label).join(', ')}`,
    location: place,
    startsAt: show.startsAt,
    endsAt: show.endsAt,
    organizer: { name: 'Marquee', email: addressOf(input.from) },
    attendee: { name: booking.customer.name, email: booking.customer.email },
  });
  const method = cancelled ? 'CANCEL' : 'REQUEST';
  return {
    from: input.from,
    to: { name: booking.customer.name, address: booking.customer.email },
    subject,
    text,
    html,
    icalEvent: { method, filename: `booking-${booking.code}.ics`, content: ics },
    attachments: cancelled
      ? []
      : tickets.map((ticket) => ({
          filename: `ticket-${booking.code}-${ticket.seat.label}.png`,
          content: input.qrPngs.get(ticket.id)!,
          contentType: 'image/png',
          cid: qrContentId(booking.code, ticket.id),
        })),
  };
}

/** The address of a From such as `Marquee <tickets@marquee.local>`. */
function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

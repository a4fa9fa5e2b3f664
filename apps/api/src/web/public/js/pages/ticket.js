// Confirmation and e-ticket of one booking: code, film, time, seats, total, QR code, the seats on
// the map. Opened with the booking code (path) and the email that made it.
import { api, query } from '../api.js';
import { byId, focusOn, h, plural, replace, say } from '../dom.js';
import { money, showWhen } from '../format.js';
import { poster } from '../poster.js';
import { SeatMap } from '../seat-map.js';
import { rememberTicket, takeJustBooked, ticketEmail } from '../storage.js';

const code = location.pathname.split('/')[2].toUpperCase();
const root = byId('ticket');
const lookup = byId('lookup');

function seatList(booking) {
  return h(
    'ul',
    { class: 'seat-chips', 'aria-label': 'Seats' },
    booking.seats.map((seat) => h('li', { class: `seat-chip seat--${seat.kind}` }, seat.label)),
  );
}

function ticketCard(booking, tickets, show, email) {
  const cancelled = booking.state === 'cancelled';
  return h(
    'article',
    { class: `ticket${cancelled ? ' ticket--cancelled' : ''}`, 'aria-labelledby': 'ticket-film' },
    h(
      'div',
      { class: 'ticket__main' },
      poster(show?.movie.posterUrl, show?.movie.title ?? 'Film', 'poster--ticket', { decorative: true }),
      h(
        'div',
        { class: 'ticket__details' },
        h('p', { class: 'ticket__eyebrow' }, cancelled ? 'Cancelled booking' : 'E-ticket'),
        h('h2', { id: 'ticket-film', class: 'ticket__film' }, show?.movie.title ?? `Show ${booking.showId}`),
        show ? h('p', { class: 'ticket__when' }, h('time', { datetime: show.startsAt }, showWhen(show))) : null,
        show ? h('p', { class: 'ticket__where' }, `${show.theater.name} · ${show.screen.name}`) : null,
        h(
          'dl',
          { class: 'ticket__facts' },
          h('div', {}, h('dt', {}, 'Seats'), h('dd', {}, seatList(booking))),
          h('div', {}, h('dt', {}, 'Total'), h('dd', {}, money(booking.total, booking.currencyCode))),
          h('div', {}, h('dt', {}, 'Name'), h('dd', {}, booking.customer.name)),
        ),
      ),
    ),
    h(
      'div',
      { class: 'ticket__stub' },
      cancelled
        ? h('p', { class: 'ticket__void' }, 'This booking was cancelled; its seats were released.')
        : h(
            'ul',
            { class: 'ticket__qrs', 'aria-label': 'Tickets, one per seat' },
            tickets.map((ticket) =>
              h(
                'li',
                { class: 'ticket__qr-item' },
                h('img', {
                  class: 'ticket__qr',
                  src: `/api/bookings/${booking.code}/tickets/${ticket.id}/qr.svg${query({ email })}`,
                  alt: `QR code of the ticket for seat ${ticket.seat.label}`,
                  width: 176,
                  height: 176,
                }),
                h('p', { class: 'ticket__qr-seat' }, `Seat ${ticket.seat.label} · ${ticket.type}`),
              ),
            ),
          ),
      h('p', { class: 'ticket__code-label' }, 'Booking code'),
      h('p', { class: 'ticket__code', id: 'booking-code' }, booking.code),
    ),
  );
}

async function miniMap(booking) {
  try {
    const map = await api(`/shows/${booking.showId}/seats`);
    const container = h('div', { class: 'mini-map' });
    new SeatMap(container, { interactive: false }).update(map, { mine: new Set(booking.seats.map((seat) => seat.id)) });
    return h(
      'section',
      { class: 'card your-seats', 'aria-labelledby': 'your-seats-title' },
      h('h2', { id: 'your-seats-title' }, 'Your seats in the room'),
      h(
        'p',
        { class: 'hint' },
        `${booking.seats.map((seat) => seat.label).join(', ')}, highlighted; the screen is at the top.`,
      ),
      container,
    );
  } catch {
    return null;
  }
}

async function show(email) {
  const booking = await api(`/bookings/${code}${query({ email })}`);
  const tickets = booking.state === 'confirmed' ? await api(`/bookings/${code}/tickets${query({ email })}`) : [];
  rememberTicket(code, email);
  let detail;
  try {
    detail = await api(`/shows/${booking.showId}`);
  } catch {
    detail = undefined;
  }
  const how = takeJustBooked(code);
  const heading = how
    ? h(
        'div',
        { class: 'confirmation', role: 'status' },
        h('h1', { id: 'page-title', tabindex: '-1' }, 'Booking confirmed'),
        h(
          'p',
          {},
          how === 'count'
            ? `We picked the best ${plural(booking.seats.length, 'seat')} for you: ${booking.seats.map((seat) => seat.label).join(', ')}. `
            : `${plural(booking.seats.length, 'seat')} booked: ${booking.seats.map((seat) => seat.label).join(', ')}. `,
          'Show the QR codes at the door, one per seat. Keep your booking code to find or cancel this booking.',
        ),
      )
    : h(
        'div',
        { class: 'confirmation confirmation--plain' },
        h(
          'h1',
          { id: 'page-title', tabindex: '-1' },
          booking.state === 'cancelled' ? 'Cancelled booking' : 'Your ticket',
        ),
      );
  replace(
    root,
    heading,
    ticketCard(booking, tickets, detail, email),
    h(
      'div',
      { class: 'actions actions--row' },
      booking.state === 'confirmed'
        ? h(
            'button',
            { type: 'button', class: 'button button--ghost', on: { click: () => window.print() } },
            'Print ticket',
          )
        : null,
      h('a', { class: 'button button--ghost', href: '/bookings' }, 'My bookings'),
      detail ? h('a', { class: 'button button--ghost', href: `/movies/${detail.movie.id}` }, 'Back to the film') : null,
    ),
    await miniMap(booking),
  );
  root.setAttribute('aria-busy', 'false');
  document.title = `${how ? 'Booking confirmed' : 'Ticket'} ${booking.code} · Marquee`;
  focusOn(byId('page-title'));
}

function askEmail(message) {
  root.hidden = true;
  lookup.hidden = false;
  byId('lookup-code').textContent = code;
  say(byId('lookup-error'), message ?? '', 'error');
  focusOn(byId('lookup-email'));
}

lookup.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!lookup.checkValidity()) {
    lookup.reportValidity();
    return;
  }
  const email = byId('lookup-email').value.trim();
  try {
    await show(email);
    lookup.hidden = true;
    root.hidden = false;
  } catch (error) {
    say(
      byId('lookup-error'),
      error.status === 404 ? `No booking ${code} was made with this email.` : error.message,
      'error',
    );
  }
});

const known = ticketEmail(code);
if (known) {
  show(known).catch((error) => askEmail(error.status === 404 ? undefined : error.message));
} else {
  askEmail();
}

// My bookings: find them by email and one booking code; open e-tickets; cancel.
import { api, query } from '../api.js';
import { byId, focusOn, h, plural, replace, say } from '../dom.js';
import { money, showWhen } from '../format.js';
import { rememberedCustomer, rememberTicket } from '../storage.js';

const form = byId('lookup');
const list = byId('bookings');
const status = byId('status');
const shows = new Map();
let owner = '';

async function showOf(showId) {
  if (!shows.has(showId))
    shows.set(
      showId,
      api(`/shows/${showId}`).catch(() => undefined),
    );
  return shows.get(showId);
}

function started(show) {
  return show ? new Date(show.startsAt).getTime() <= Date.now() : false;
}

function card(booking, show) {
  const cancelled = booking.state === 'cancelled';
  const title = show?.movie.title ?? `Show ${booking.showId}`;
  const item = h('li', {
    class: `card booking${cancelled ? ' booking--cancelled' : ''}`,
    'aria-labelledby': `booking-${booking.code}`,
  });
  const actions = h('div', { class: 'booking__actions' });
  const seats = booking.seats.map((seat) => seat.label).join(', ');
  replace(
    item,
    h(
      'div',
      { class: 'booking__head' },
      h('h2', { id: `booking-${booking.code}`, class: 'booking__title' }, title),
      h(
        'span',
        { class: `badge badge--${booking.state}` },
        cancelled ? 'Cancelled' : started(show) ? 'Past' : 'Confirmed',
      ),
    ),
    show ? h('p', { class: 'booking__when' }, `${showWhen(show)} · ${show.theater.name}, ${show.screen.name}`) : null,
    h(
      'dl',
      { class: 'booking__facts' },
      h('div', {}, h('dt', {}, 'Code'), h('dd', { class: 'mono' }, booking.code)),
      h('div', {}, h('dt', {}, 'Seats'), h('dd', {}, seats)),
      h('div', {}, h('dt', {}, 'Total'), h('dd', {}, money(booking.total, booking.currencyCode))),
    ),
    actions,
  );
  if (!cancelled) {
    actions.append(h('a', { class: 'button button--ghost', href: `/bookings/${booking.code}` }, 'E-ticket'));
    if (!started(show)) actions.append(cancelButton(booking, item, title, seats));
  }
  return item;
}

function cancelButton(booking, item, title, seats) {
  const button = h('button', { type: 'button', class: 'button button--danger-ghost' }, 'Cancel booking');
  button.addEventListener('click', () => {
    const confirmBox = h(
      'div',
      { class: 'confirm-box', role: 'group', 'aria-label': `Cancel booking ${booking.code}?` },
      h('p', {}, `Cancel ${title}, seats ${seats}? The seats go back on sale.`),
      h(
        'button',
        { type: 'button', class: 'button button--danger', on: { click: () => cancel(booking, item) } },
        'Yes, cancel it',
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--ghost',
          on: {
            click: () => {
              confirmBox.remove();
              button.hidden = false;
              button.focus();
            },
          },
        },
        'Keep it',
      ),
    );
    button.hidden = true;
    button.after(confirmBox);
    confirmBox.querySelector('button').focus();
  });
  return button;
}

async function cancel(booking, item) {
  for (const button of item.querySelectorAll('button')) button.disabled = true;
  try {
    const result = await api(`/bookings/${booking.code}${query({ email: owner })}`, { method: 'DELETE' });
    const show = await showOf(booking.showId);
    const updated = card({ ...booking, state: 'cancelled' }, show);
    item.replaceWith(updated);
    say(status, `Booking ${booking.code} is cancelled: ${plural(result.released, 'seat')} released.`, 'success');
    focusOn(updated.querySelector('h2'));
  } catch (error) {
    for (const button of item.querySelectorAll('button')) button.disabled = false;
    say(
      status,
      error.code === 'SHOW_STARTED' ? 'This show has started; the booking can no longer be cancelled.' : error.message,
      'error',
    );
  }
}

async function find(email, code) {
  list.setAttribute('aria-busy', 'true');
  try {
    const bookings = await api(`/bookings${query({ email, code })}`);
    owner = email;
    for (const booking of bookings) rememberTicket(booking.code, email);
    const cards = await Promise.all(bookings.map(async (booking) => card(booking, await showOf(booking.showId))));
    replace(list, cards);
    const active = bookings.filter((booking) => booking.state === 'confirmed').length;
    say(status, `${plural(bookings.length, 'booking')} for ${email} (${active} active).`, 'info');
  } catch (error) {
    replace(list);
    say(
      status,
      error.status === 404 ? 'No booking matches this email and code. Check both and try again.' : error.message,
      'error',
    );
  } finally {
    list.setAttribute('aria-busy', 'false');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!form.checkValidity()) {
    form.reportValidity();
    return;
  }
  find(byId('email').value.trim(), byId('code').value.trim().toUpperCase());
});

const remembered = rememberedCustomer();
byId('email').value = remembered.email;

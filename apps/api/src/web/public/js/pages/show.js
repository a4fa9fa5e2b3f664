// A show: the live seat map, selection, hold with a countdown, checkout, and book-by-count.
import { api, idempotencyKey } from '../api.js';
import { byId, focusOn, h, plural, replace, say } from '../dom.js';
import { clock, HOLD_SECONDS, MAX_SEATS, money, presentationTags, runtime, showWhen } from '../format.js';
import { followShow } from '../live.js';
import { poster } from '../poster.js';
import { legend, SeatMap } from '../seat-map.js';
import { markJustBooked, rememberCustomer, rememberedCustomer, rememberTicket } from '../storage.js';

const showId = Number(location.pathname.split('/')[2]);
const el = {
  head: byId('show-head'),
  alert: byId('alert'),
  announce: byId('announce'),
  live: byId('live'),
  legend: byId('legend'),
  choose: byId('choose'),
  checkout: byId('checkout'),
  pickMode: byId('pick-mode'),
  countMode: byId('count-mode'),
  selection: byId('selection'),
  selectionEmpty: byId('selection-empty'),
  total: byId('total'),
  count: byId('count'),
  form: byId('details'),
  name: byId('name'),
  email: byId('email'),
  formError: byId('form-error'),
  submit: byId('submit'),
  countdown: byId('countdown'),
  countdownBar: byId('countdown-bar'),
  heldSeats: byId('held-seats'),
  heldTotal: byId('held-total'),
  heldFor: byId('held-for'),
  checkoutError: byId('checkout-error'),
  confirm: byId('confirm'),
  release: byId('release'),
};

/** What the page knows: the show, the last seat map, the selection (id → seat), the active hold. */
const state = {
  show: null,
  map: null,
  selected: new Map(),
  hold: null,
  mode: 'pick',
  busy: false,
  bookingKey: null,
  timer: 0,
  released: new Map(),
  /** The show's ticket types and surcharges (GET /api/shows/:id/ticket-types). */
  prices: null,
  /** Seat id → ticket type id chosen for a selected seat (default: the first type). */
  types: new Map(),
  /** The e-mail this customer queued with, when the show sells through its waiting room. */
  queueEmail: null,
};
/** How long seats this customer just released may still read as held (a cached map elsewhere). */
const RELEASE_GRACE_MS = 3_000;
const seatMap = new SeatMap(byId('seat-map'), { onToggle: toggle, label: 'Seat map' });

// ---- seat map --------------------------------------------------------------------------------

let refreshing = null;
let refreshAgain = false;

/** Re-reads the seat map (one request at a time; a change during a request reads once more). */
function refresh() {
  if (refreshing) {
    refreshAgain = true;
    return refreshing;
  }
  refreshing = (async () => {
    do {
      refreshAgain = false;
      try {
        apply(await api(`/shows/${showId}/seats`));
      } catch (error) {
        if (!state.map) throw error; // keep showing the last map; the next event retries
      }
    } while (refreshAgain);
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function mine() {
  return new Set(state.hold ? state.hold.seats.map((seat) => seat.id) : []);
}

function draw() {
  seatMap.update(state.map, { selected: new Set(state.selected.keys()), mine: mine() });
}

/** Shows a new seat map; selected seats someone else took meanwhile are dropped and named. */
function apply(map) {
  const first = !state.map;
  state.map = map;
  const current = new Map(map.seats.map((seat) => [seat.id, seat]));
  const now = Date.now();
  for (const [id, until] of state.released) if (until < now) state.released.delete(id);
  // A seat this customer released a moment ago may still read as held: not taken by someone else.
  const lost = [...state.selected.values()].filter(
    (seat) => current.get(seat.id)?.state !== 'available' && !state.released.has(seat.id),
  );
  for (const seat of lost) state.selected.delete(seat.id);
  draw();
  if (first) replace(el.legend, legend(map, ['selected', 'yours', 'held', 'booked']));
  if (lost.length) tellTaken(lost.map((seat) => seat.label));
  renderSelection();
}

function tellTaken(labels) {
  const seats =
    labels.length === 1 ? `Seat ${labels[0]} was` : `Seats ${labels.slice(0, -1).join(', ')} and ${labels.at(-1)} were`;
  alertUser(
    `${seats} just taken by another customer. Please choose ${labels.length === 1 ? 'another seat' : 'other seats'}.`,
  );
}

function alertUser(text) {
  say(el.alert, text, 'error');
}

// ---- ticket types ----------------------------------------------------------------------------

function currency() {
  return state.prices?.currencyCode ?? state.map?.currencyCode ?? 'EUR';
}

function price(cents) {
  return money(cents, currency());
}

/** The ticket type chosen for a selected seat (the first type unless changed). */
function typeOf(seat) {
  const types = state.prices?.ticketTypes ?? [];
  return types.find((type) => type.id === state.types.get(seat.id)) ?? types[0];
}

/** What a selected seat costs with its chosen type: type price + the kind's surcharge (integer cents). */
function seatPrice(seat) {
  const type = typeOf(seat);
  if (!type) return seat.priceCents;
  return type.priceCents + (state.prices.surcharges[seat.kind] ?? 0);
}

function selectedTotal() {
  return [...state.selected.values()].reduce((sum, seat) => sum + seatPrice(seat), 0);
}

/** A ticket type picker for `seat`; `onPick(typeId)` runs on a change. */
function typePicker(seat, chosenId, onPick) {
  const types = state.prices?.ticketTypes ?? [];
  if (types.length < 2) return null;
  const surcharge = state.prices.surcharges[seat.kind] ?? 0;
  return h(
    'select',
    {
      class: 'selection__type',
      'aria-label': `Ticket type for seat ${seat.label}`,
      dataset: { seatId: seat.id },
      on: { change: (event) => onPick(Number(event.target.value)) },
    },
    ...types.map((type) =>
      h(
        'option',
        { value: String(type.id), selected: type.id === chosenId },
        `${type.name} · ${price(type.priceCents + surcharge)}`,
      ),
    ),
  );
}

/** The companion seat of a wheelchair space, when it is free and not yet selected. */
function freeCompanion(seat) {
  if (!seat.companionSeatId || state.selected.has(seat.companionSeatId)) return undefined;
  const companion = state.map?.seats.find((candidate) => candidate.id === seat.companionSeatId);
  return companion?.state === 'available' ? companion : undefined;
}

function toggle(seat) {
  if (state.hold) {
    say(el.announce, 'Your seats are held. Choose “Change seats” to pick different ones.');
    return;
  }
  if (state.mode !== 'pick') setMode('pick');
  if (state.selected.has(seat.id)) {
    state.selected.delete(seat.id);
    state.types.delete(seat.id);
  } else {
    if (state.selected.size >= MAX_SEATS) {
      alertUser(`You can book up to ${MAX_SEATS} seats at a time.`);
      return;
    }
    state.selected.set(seat.id, seat);
    say(el.alert, '');
  }
  draw();
  renderSelection();
  const picked = state.selected.has(seat.id) ? 'selected' : 'unselected';
  const companion = state.selected.has(seat.id) ? freeCompanion(seat) : undefined;
  say(
    el.announce,
    `Seat ${seat.label} ${picked}. ${plural(state.selected.size, 'seat')} selected, total ${price(selectedTotal())}.` +
      (companion ? ` Seat ${companion.label} beside it can be added for a companion.` : ''),
  );
}

// ---- the panel -------------------------------------------------------------------------------

function sortedSelection() {
  return [...state.selected.values()].sort((a, b) => a.rowIndex - b.rowIndex || a.col - b.col);
}

/**
 * A seat of the panel: `removable` for the selection (with its type picker and, for a wheelchair
 * space, the offer of its companion seat); held seats show the type and price the hold answered.
 */
function seatItem(seat, removable) {
  const companion = removable ? freeCompanion(seat) : undefined;
  const picker = removable
    ? typePicker(seat, typeOf(seat)?.id, (typeId) => {
        state.types.set(seat.id, typeId);
        renderSelection();
        say(el.announce, `Seat ${seat.label}: ${typeOf(seat).name}. Total ${price(selectedTotal())}.`);
      })
    : state.hold && (state.prices?.ticketTypes.length ?? 0) > 1
      ? typePicker(seat, seat.ticketType?.id, (typeId) => changeHeldType(seat.id, typeId))
      : null;
  return h(
    'li',
    { class: 'selection__item', dataset: { seatId: seat.id } },
    h('span', { class: `selection__seat seat--${seat.kind}` }, seat.label),
    h('span', { class: 'selection__kind' }, seat.kind === 'wheelchair' ? 'wheelchair space' : seat.kind),
    picker ?? (seat.ticketType ? h('span', { class: 'selection__type' }, seat.ticketType.name) : null),
    h('span', { class: 'selection__price' }, price(removable ? seatPrice(seat) : seat.priceCents)),
    companion
      ? h(
          'button',
          {
            type: 'button',
            class: 'button button--ghost selection__companion',
            on: { click: () => toggle(companion) },
          },
          `+ Companion seat ${companion.label}`,
        )
      : null,
    removable
      ? h(
          'button',
          {
            type: 'button',
            class: 'icon-button',
            'aria-label': `Remove seat ${seat.label}`,
            on: { click: () => toggle(seat) },
          },
          '×',
        )
      : null,
  );
}

function renderSelection() {
  const seats = sortedSelection();
  if (state.mode === 'pick') {
    replace(
      el.selection,
      seats.map((seat) => seatItem(seat, true)),
    );
    el.selectionEmpty.hidden = seats.length > 0;
    el.total.textContent = price(selectedTotal());
    el.submit.textContent = seats.length ? `Hold ${plural(seats.length, 'seat')}` : 'Hold seats';
    el.submit.disabled = state.busy || seats.length === 0 || showStarted();
  } else {
    const count = Number(el.count.value) || 0;
    const cheapest = Math.min(
      ...(state.prices?.ticketTypes.map((type) => type.priceCents) ?? [state.show?.price ?? 0]),
    );
    el.total.textContent = state.show && count > 0 ? `from ${price(count * cheapest)}` : '—';
    el.submit.textContent = count > 0 ? `Book ${plural(count, 'best seat')}` : 'Book best seats';
    el.submit.disabled = state.busy || showStarted();
  }
}

function setMode(mode) {
  state.mode = mode;
  for (const radio of document.querySelectorAll('input[name="mode"]')) radio.checked = radio.value === mode;
  el.pickMode.hidden = mode !== 'pick';
  el.countMode.hidden = mode !== 'count';
  if (mode === 'count' && state.selected.size) {
    state.selected.clear();
    draw();
  }
  say(el.formError, '');
  renderSelection();
}

function setBusy(busy) {
  state.busy = busy;
  el.confirm.disabled = busy;
  el.release.disabled = busy;
  renderSelection();
}

function showStarted() {
  return state.show ? new Date(state.show.startsAt).getTime() <= Date.now() : false;
}

function customer() {
  return { name: el.name.value.trim(), email: el.email.value.trim() };
}

/** Shows an API error where the customer looks: seats taken, seats left, or the message. */
function explain(error, where) {
  switch (error.code) {
    case 'SEAT_UNAVAILABLE': {
      const labels = (error.body.seats ?? []).map((seat) => seat.label);
      for (const seat of error.body.seats ?? []) state.selected.delete(seat.id);
      if (labels.length) tellTaken(labels);
      else alertUser('Some of your seats were just taken by another customer. Please choose again.');
      refresh();
      return;
    }
    case 'NOT_ENOUGH_SEATS':
      say(
        where,
        `Only ${plural(error.body.available, 'seat')} ${error.body.available === 1 ? 'is' : 'are'} left for this show.`,
        'error',
      );
      return;
    case 'SHOW_STARTED':
      say(where, 'This show has started; it can no longer be booked.', 'error');
      return;
    case 'RATE_LIMITED':
      say(where, 'Too many requests from your connection. Wait a moment and try again.', 'error');
      return;
    default:
      say(where, error.message, 'error');
  }
}

async function submit(event) {
  event.preventDefault();
  say(el.formError, '');
  if (!el.form.checkValidity()) {
    el.form.reportValidity();
    return;
  }
  const who = customer();
  rememberCustomer(who);
  setBusy(true);
  try {
    if (state.mode === 'count') await bookBest(who);
    else await hold(who);
  } finally {
    setBusy(false);
  }
}

async function hold(who) {
  const seats = sortedSelection();
  const seatIds = seats.map((seat) => seat.id);
  if (!seatIds.length) return;
  const ticketTypeIds = state.prices ? seats.map((seat) => typeOf(seat).id) : undefined;
  try {
    const view = await api(`/shows/${showId}/holds`, {
      method: 'POST',
      body: { seatIds, customer: who, ...(ticketTypeIds ? { ticketTypeIds } : {}) },
    });
    // Counted down from the server's time left, not the browser's clock against expiresAt.
    const deadline = Date.now() + Math.min(view.expiresInMs, HOLD_SECONDS * 1000);
    state.hold = { ...view, customer: who, deadline };
    state.selected.clear();
    state.types.clear();
    say(el.alert, '');
    openCheckout();
    refresh();
  } catch (error) {
    explain(error, el.formError);
  }
}

async function bookBest(who) {
  const count = Number(el.count.value);
  if (!Number.isInteger(count) || count < 1 || count > MAX_SEATS) {
    say(el.formError, `Choose from 1 to ${MAX_SEATS} seats.`, 'error');
    el.count.focus();
    return;
  }
  state.bookingKey ??= idempotencyKey(); // a retry after a lost answer reuses it and books once
  try {
    const booking = await api('/bookings', {
      method: 'POST',
      headers: { 'Idempotency-Key': state.bookingKey },
      body: { showId, count, customer: who },
    });
    finish(booking, who, 'count');
  } catch (error) {
    if (error.status) state.bookingKey = null; // answered: nothing was booked
    explain(error, el.formError);
  }
}

// ---- checkout --------------------------------------------------------------------------------

function renderHeld() {
  replace(
    el.heldSeats,
    state.hold.seats.map((seat) => {
      const full = state.map?.seats.find((s) => s.id === seat.id) ?? {};
      return seatItem({ ...full, ...seat }, false);
    }),
  );
  el.heldTotal.textContent = money(state.hold.total, state.hold.currencyCode);
}

/** Changes the ticket type of a held seat (PATCH /api/holds/:id); the total is the server's. */
async function changeHeldType(seatId, typeId) {
  if (!state.hold) return;
  const seatIds = state.hold.seats.map((seat) => seat.id);
  const ticketTypeIds = state.hold.seats.map((seat) => (seat.id === seatId ? typeId : seat.ticketType?.id));
  setBusy(true);
  try {
    const view = await api(`/holds/${state.hold.holdId}`, { method: 'PATCH', body: { seatIds, ticketTypeIds } });
    state.hold = { ...state.hold, seats: view.seats, total: view.total };
    renderHeld();
    say(el.announce, `Total ${money(view.total, view.currencyCode)}.`);
  } catch (error) {
    if (error.code === 'HOLD_EXPIRED') expired();
    else explain(error, el.checkoutError);
  } finally {
    setBusy(false);
  }
}

function openCheckout() {
  const seats = state.hold.seats;
  renderHeld();
  el.heldFor.textContent = `Booking for ${state.hold.customer.name} · ${state.hold.customer.email}`;
  say(el.checkoutError, '');
  warned = false;
  el.choose.hidden = true;
  el.checkout.hidden = false;
  draw();
  tick();
  clearInterval(state.timer);
  state.timer = setInterval(tick, 250);
  focusOn(byId('checkout-title'));
  say(
    el.announce,
    `${plural(seats.length, 'seat')} held for you for ${Math.round((state.hold.deadline - Date.now()) / 60000)} minutes. Confirm to book.`,
  );
}

function closeCheckout() {
  clearInterval(state.timer);
  state.hold = null;
  el.checkout.hidden = true;
  el.choose.hidden = false;
  renderSelection();
}

let warned = false;
function tick() {
  if (!state.hold) return;
  const left = Math.max(0, state.hold.deadline - Date.now());
  const seconds = Math.ceil(left / 1000);
  el.countdown.textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  el.countdownBar.style.setProperty('width', `${(left / (HOLD_SECONDS * 1000)) * 100}%`);
  el.countdown.parentElement.parentElement.classList.toggle('countdown--urgent', seconds <= 60);
  if (seconds <= 60 && !warned) {
    warned = true;
    say(el.announce, 'One minute left to confirm your booking.');
  }
  if (left === 0) expired();
}

function expired() {
  closeCheckout();
  warned = false;
  alertUser('Your hold has expired and the seats were released. Please choose seats again.');
  refresh();
}

async function confirm() {
  if (!state.hold) return;
  setBusy(true);
  try {
    const booking = await api(`/holds/${state.hold.holdId}/confirm`, { method: 'POST' });
    finish(booking, state.hold.customer, 'seats');
  } catch (error) {
    if (error.code === 'HOLD_EXPIRED') expired();
    else explain(error, el.checkoutError);
  } finally {
    setBusy(false);
  }
}

async function release() {
  if (!state.hold) return;
  const seats = state.hold.seats;
  setBusy(true);
  try {
    await api(`/holds/${state.hold.holdId}`, { method: 'DELETE' });
  } catch {
    // Already lapsed or released: the seats are free either way.
  } finally {
    setBusy(false);
  }
  closeCheckout();
  for (const seat of seats) state.released.set(seat.id, Date.now() + RELEASE_GRACE_MS);
  for (const seat of seats) {
    const full = state.map.seats.find((s) => s.id === seat.id);
    if (full) state.selected.set(seat.id, full);
    if (full && seat.ticketType) state.types.set(seat.id, seat.ticketType.id);
  }
  await refresh();
  say(el.announce, 'Your seats were released and are still selected. Change them, then hold again.');
  focusOn(byId('panel-title'));
}

function finish(booking, who, how) {
  clearInterval(state.timer);
  rememberTicket(booking.code, who.email);
  markJustBooked(booking.code, how);
  location.assign(`/bookings/${booking.code}`);
}

// ---- the page --------------------------------------------------------------------------------

/** `Adult €12.00 · Child €8.00 · premium seats +€3.00` (before the price list arrives: the show's prices). */
function priceLine(show) {
  if (!state.prices) return `Standard ${money(show.price)} · Premium ${money(show.premiumPrice)}`;
  const types = state.prices.ticketTypes.map((type) => `${type.name} ${price(type.priceCents)}`);
  const extras = Object.entries(state.prices.surcharges)
    .filter(([, cents]) => cents > 0)
    .map(([kind, cents]) => `${kind} seats +${price(cents)}`);
  return [...types, ...extras].join(' · ');
}

function renderHead(show) {
  const facts = [
    `${show.theater.name}${show.theater.city ? `, ${show.theater.city}` : ''}`,
    show.screen.name,
    runtime(show.movie.runtimeMin),
  ].filter(Boolean);
  replace(
    el.head,
    poster(show.movie.posterUrl, show.movie.title, 'poster--thumb', { decorative: true }),
    h(
      'div',
      { class: 'show-head__text' },
      h(
        'p',
        { class: 'breadcrumb' },
        h('a', { href: '/' }, 'Now playing'),
        ' / ',
        h('a', { href: `/movies/${show.movie.id}` }, show.movie.title),
      ),
      h('h1', {}, show.movie.title),
      h('p', { class: 'show-head__when' }, h('time', { datetime: show.startsAt }, showWhen(show))),
      h('p', { class: 'show-head__facts' }, facts.join(' · ')),
      presentationTags(show.presentation).length
        ? h(
            'ul',
            { class: 'tags show-head__tags', 'aria-label': 'Presentation' },
            presentationTags(show.presentation).map((tag) => h('li', {}, tag)),
          )
        : null,
      show.presentation.cancelledUpstream
        ? h(
            'p',
            { class: 'show-head__cancelled', 'data-tone': 'error', role: 'status' },
            'The cinema has cancelled this show. Existing bookings are kept; contact the cinema.',
          )
        : null,
      h('p', { class: 'show-head__prices' }, priceLine(show)),
    ),
  );
  el.head.setAttribute('aria-busy', 'false');
}

/**
 * A show behind its waiting room: without an admission, to the queue page; admitted, the e-mail is
 * the one queued with (the admission token is bound to it). @returns false when leaving the page.
 */
async function throughWaitingRoom() {
  const queue = await api(`/shows/${showId}/queue`).catch(() => null);
  if (!queue?.queued || queue.state === 'admitted') {
    state.queueEmail = queue?.state === 'admitted' ? queue.email : null;
    return true;
  }
  location.replace(`/shows/${showId}/queue`);
  return false;
}

async function start() {
  if (!(await throughWaitingRoom())) return;
  try {
    const [show] = await Promise.all([api(`/shows/${showId}`), refresh()]);
    state.show = show;
    state.prices = await api(`/shows/${showId}/ticket-types`);
    document.title = `${show.movie.title}, ${clock(show.startsAt, show.timeZone)} · Marquee`;
    renderHead(show);
  } catch (error) {
    replace(
      el.head,
      h(
        'div',
        {},
        h('h1', {}, error.status === 404 ? 'Show not found' : 'Something went wrong'),
        h(
          'p',
          {},
          error.status === 404 ? 'This show does not exist or was removed. ' : `${error.message} `,
          h('a', { href: '/' }, 'See what is playing'),
        ),
      ),
    );
    el.head.setAttribute('aria-busy', 'false');
    document.querySelector('.booking-layout').hidden = true;
    return;
  }
  if (showStarted()) alertUser('This show has started; it can no longer be booked.');
  el.count.max = String(MAX_SEATS);
  const remembered = rememberedCustomer();
  el.name.value = remembered.name;
  el.email.value = state.queueEmail ?? remembered.email;
  if (state.queueEmail) {
    el.email.readOnly = true;
    el.email.title = 'The e-mail you queued with';
  }
  renderSelection();
  followShow(showId, {
    onChange: () => refresh(),
    onStatus: (status) => {
      el.live.dataset.state = status;
      el.live.textContent = status === 'live' ? 'Live' : 'Reconnecting…';
      el.live.title =
        status === 'live' ? 'Seats taken by others appear as they go' : 'Live updates paused; reconnecting';
    },
  });
}

el.form.addEventListener('submit', submit);
el.confirm.addEventListener('click', confirm);
el.release.addEventListener('click', release);
el.count.addEventListener('input', renderSelection);
for (const radio of document.querySelectorAll('input[name="mode"]'))
  radio.addEventListener('change', () => setMode(radio.value));
start();

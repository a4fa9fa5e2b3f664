// Admin: shows with their occupancy at a glance; create, remove, generate the coming days.
import { adminApi, adminGate } from '../admin.js';
import { byId, h, plural, replace, say } from '../dom.js';
import { clock, dayKey, longDay, money, shortDay, TIME_ZONE, upcomingDays, zonedInstant, zoneName } from '../format.js';

const el = {
  status: byId('status'),
  days: byId('days'),
  theater: byId('filter-theater'),
  shows: byId('shows'),
  summary: byId('occupancy-summary'),
  filters: byId('show-filters'),
  showForm: byId('show-form'),
  movie: byId('show-movie'),
  screen: byId('show-screen'),
  date: byId('show-date'),
  time: byId('show-time'),
  price: byId('show-price'),
  premium: byId('show-premium'),
  generateForm: byId('generate-form'),
};
let request = 0;

const gate = adminGate(() => {
  loadChoices();
  loadShows();
});

function selectedDay() {
  return new FormData(el.filters).get('date') ?? '';
}

function renderDays() {
  const today = upcomingDays(1)[0];
  replace(
    el.days,
    [['', 'Upcoming'], ...upcomingDays(7).map((key) => [key, shortDay(key)])].map(([key, label]) =>
      h(
        'label',
        { class: 'chip' },
        h('input', { type: 'radio', name: 'date', value: key, checked: key === today }),
        h('span', {}, label),
      ),
    ),
  );
}

function occupancy(show) {
  const sold = show.capacity ? (show.sold / show.capacity) * 100 : 0;
  const held = show.capacity ? (show.held / show.capacity) * 100 : 0;
  return h(
    'div',
    { class: 'occupancy' },
    h(
      'div',
      {
        class: 'occupancy__bar',
        role: 'img',
        'aria-label': `${show.sold} of ${show.capacity} seats sold, ${show.held} held`,
      },
      h('span', { class: 'occupancy__sold', style: { width: `${sold}%` } }),
      h('span', { class: 'occupancy__held', style: { width: `${held}%` } }),
    ),
    h(
      'span',
      { class: 'occupancy__text' },
      `${show.sold} / ${show.capacity}`,
      show.held ? h('span', { class: 'hint' }, ` · ${show.held} held`) : null,
    ),
  );
}

function row(show, withDay) {
  // On the theater's clock; its zone is named when it is not the cinemas' default one.
  const zone = show.timeZone;
  const time = `${clock(show.startsAt, zone)}${zone === TIME_ZONE ? '' : ` ${zoneName(show.startsAt, zone)}`}`;
  const when = withDay ? `${shortDay(dayKey(show.startsAt, zone))} ${time}` : time;
  const remove = h(
    'button',
    {
      type: 'button',
      class: 'button button--small button--danger-ghost',
      'aria-label': `Remove show ${show.movie.name} at ${when}`,
    },
    'Remove',
  );
  remove.addEventListener('click', () => removeShow(show, when));
  return h(
    'tr',
    { dataset: { showId: show.id } },
    h('td', { class: 'nowrap' }, h('time', { datetime: show.startsAt }, when)),
    h(
      'th',
      { scope: 'row' },
      h('a', { href: `/shows/${show.id}` }, show.movie.name),
      show.presentation.imported
        ? h('span', { class: 'badge badge--imported' }, 'imported')
        : show.generated
          ? null
          : h('span', { class: 'badge badge--manual' }, 'manual'),
      show.cancelledUpstreamBookings !== null
        ? h(
            'span',
            { class: 'badge badge--failed' },
            `cancelled upstream, ${show.cancelledUpstreamBookings} booking${show.cancelledUpstreamBookings === 1 ? '' : 's'}`,
          )
        : null,
    ),
    h('td', {}, `${show.theater.name} · ${show.screen.name}`),
    h('td', { class: 'occupancy-col' }, occupancy(show)),
    h('td', { class: 'nowrap' }, money(show.priceCents)),
    h('td', { class: 'table__actions' }, remove),
  );
}

async function loadShows() {
  const mine = ++request;
  const date = selectedDay();
  const params = new URLSearchParams();
  if (date) params.set('date', date);
  if (el.theater.value) params.set('theaterId', el.theater.value);
  el.shows.setAttribute('aria-busy', 'true');
  try {
    const shows = await adminApi(gate, `/admin/shows${params.size ? `?${params}` : ''}`);
    if (mine !== request) return;
    replace(
      el.shows,
      shows.length
        ? shows.map((show) => row(show, !date))
        : h('tr', {}, h('td', { colspan: 6, class: 'hint' }, 'No shows.')),
    );
    const sold = shows.reduce((sum, show) => sum + show.sold, 0);
    const capacity = shows.reduce((sum, show) => sum + show.capacity, 0);
    el.summary.textContent = `${date ? longDay(date) : 'Upcoming'}: ${plural(shows.length, 'show')}, ${sold} of ${capacity} seats sold${capacity ? ` (${Math.round((sold / capacity) * 100)}%)` : ''}.`;
  } catch (error) {
    say(el.status, error.message, 'error');
  } finally {
    if (mine === request) el.shows.setAttribute('aria-busy', 'false');
  }
}

async function loadChoices() {
  try {
    const [movies, theaters] = await Promise.all([adminApi(gate, '/admin/movies'), adminApi(gate, '/admin/theaters')]);
    replace(
      el.movie,
      movies.map((movie) => h('option', { value: movie.id }, movie.title)),
    );
    replace(
      el.screen,
      theaters.map((theater) =>
        h(
          'optgroup',
          { label: theater.name },
          theater.screens.map((screen) =>
            h(
              'option',
              { value: screen.id, dataset: { timeZone: theater.timeZone ?? TIME_ZONE } },
              `${theater.name} · ${screen.name} (${screen.seatCount} seats)`,
            ),
          ),
        ),
      ),
    );
    showZoneHint();
    const chosen = el.theater.value;
    replace(
      el.theater,
      h('option', { value: '' }, 'All theaters'),
      theaters.map((theater) =>
        h('option', { value: theater.id, selected: String(theater.id) === chosen }, theater.name),
      ),
    );
  } catch (error) {
    say(el.status, error.message, 'error');
  }
}

async function removeShow(show, when) {
  try {
    await adminApi(gate, `/admin/shows/${show.id}`, { method: 'DELETE' });
    say(el.status, `Show removed: ${show.movie.name}, ${when}, ${show.screen.name}.`, 'success');
    await loadShows();
  } catch (error) {
    const message =
      error.code === 'SHOW_HAS_BOOKINGS'
        ? `${show.movie.name} at ${when} cannot be removed: it has bookings (${plural(show.sold, 'seat')} sold). Customers must cancel first.`
        : error.message;
    say(el.status, message, 'error');
  }
}

/** The IANA zone of the chosen screen's theater: a new show's date and time are on its clock. */
function screenZone() {
  return el.screen.selectedOptions[0]?.dataset.timeZone ?? TIME_ZONE;
}

function showZoneHint() {
  byId('time-zone-hint').textContent = `Date and time are on the theater’s clock (${screenZone()}).`;
}

function cents(input) {
  return input.value === '' ? undefined : Math.round(Number(input.value) * 100);
}

el.showForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!el.showForm.checkValidity()) {
    el.showForm.reportValidity();
    return;
  }
  const startsAt = zonedInstant(el.date.value, el.time.value, screenZone());
  const body = {
    movieId: Number(el.movie.value),
    screenId: Number(el.screen.value),
    startsAt: startsAt.toISOString(),
    priceCents: cents(el.price),
  };
  if (cents(el.premium) !== undefined) body.premiumPriceCents = cents(el.premium);
  try {
    await adminApi(gate, '/admin/shows', { method: 'POST', body });
    const title = el.movie.selectedOptions[0]?.textContent ?? 'The show';
    say(el.status, `Show added: ${title}, ${longDay(el.date.value)} at ${el.time.value}.`, 'success');
    await loadShows();
  } catch (error) {
    say(
      el.status,
      error.code === 'SHOW_OVERLAP'
        ? `That screen already has a show then (show ${error.body.conflictingShowId}); shows need a gap for cleaning.`
        : error.message,
      'error',
    );
  }
});

el.generateForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!el.generateForm.checkValidity()) {
    el.generateForm.reportValidity();
    return;
  }
  const days = Number(byId('generate-days').value);
  try {
    const result = await adminApi(gate, '/admin/shows/generate', { method: 'POST', body: { days } });
    say(
      el.status,
      `Planned ${plural(result.days, 'day')}: ${result.created} shows created, ${result.removed} unsold planned shows replaced, ${result.kept} kept.`,
      'success',
    );
    await loadShows();
  } catch (error) {
    say(el.status, error.message, 'error');
  }
});

el.filters.addEventListener('change', loadShows);
renderDays();
el.date.value = upcomingDays(2)[1];
el.screen.addEventListener('change', showZoneHint);
showZoneHint();

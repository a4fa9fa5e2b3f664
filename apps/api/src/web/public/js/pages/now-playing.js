// Now playing: posters, titles, runtimes, genres; search by title, filter by day.
import { api, query } from '../api.js';
import { byId, h, plural, replace, say } from '../dom.js';
import { isDayKey, longDay, runtime, shortDay, upcomingDays, when } from '../format.js';
import { poster } from '../poster.js';

const list = byId('movies');
const status = byId('status');
const search = byId('q');
const days = byId('days');
let request = 0;

// The page survives any query string: a day that is not a calendar day is ignored, a title
// search is cut to what the API accepts.
function readUrl() {
  const params = new URLSearchParams(location.search);
  const date = params.get('date') ?? '';
  return { q: (params.get('q') ?? '').slice(0, 100), date: isDayKey(date) ? date : '' };
}

function writeUrl(filters) {
  history.replaceState(null, '', `${location.pathname}${query(filters)}`);
}

function renderDays(selected) {
  const choices = [['', 'Any day'], ...upcomingDays(7).map((key) => [key, shortDay(key)])];
  if (selected && !choices.some(([key]) => key === selected)) choices.push([selected, shortDay(selected)]);
  replace(
    days,
    choices.map(([key, label]) =>
      h(
        'label',
        { class: 'chip' },
        h('input', { type: 'radio', name: 'date', value: key, checked: key === selected }),
        h('span', {}, label),
      ),
    ),
  );
}

function card(movie) {
  const meta = [runtime(movie.runtimeMin), movie.genres.join(', ')].filter(Boolean).join(' · ');
  return h(
    'li',
    {},
    h(
      'a',
      { class: 'movie-card', href: `/movies/${movie.id}` },
      poster(movie.posterUrl, movie.title, '', { decorative: true }),
      h(
        'div',
        { class: 'movie-card__body' },
        h('h2', { class: 'movie-card__title' }, movie.title),
        meta ? h('p', { class: 'movie-card__meta' }, meta) : null,
        movie.nextShowAt ? h('p', { class: 'movie-card__next' }, `Next: ${when(movie.nextShowAt)}`) : null,
      ),
    ),
  );
}

async function load() {
  const filters = { q: search.value.trim(), date: new FormData(byId('filters')).get('date') ?? '' };
  writeUrl(filters);
  const mine = ++request;
  list.setAttribute('aria-busy', 'true');
  try {
    const movies = await api(`/movies${query(filters)}`);
    if (mine !== request) return;
    replace(list, movies.map(card));
    const scope = [filters.q && `matching “${filters.q}”`, filters.date && `on ${longDay(filters.date)}`]
      .filter(Boolean)
      .join(' ');
    if (movies.length) say(status, `${plural(movies.length, 'film')} ${scope}`.trim());
    else say(status, scope ? `No films ${scope}.` : 'No films are playing yet.');
  } catch (error) {
    if (mine !== request) return;
    replace(list);
    say(status, error.message, 'error');
  } finally {
    if (mine === request) list.setAttribute('aria-busy', 'false');
  }
}

let typing;
const initial = readUrl();
search.value = initial.q;
renderDays(initial.date);
search.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(load, 250);
});
byId('filters').addEventListener('change', (event) => {
  if (event.target.name === 'date') load();
});
byId('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typing);
  load();
});
load();

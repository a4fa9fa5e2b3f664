// A film: details and its showtimes grouped by day and theater, with seats left per show.
import { api } from '../api.js';
import { byId, h, plural, replace } from '../dom.js';
import { clock, dayKey, longDay, money, presentationTags, runtime, zoneName } from '../format.js';
import { poster } from '../poster.js';

const movieId = location.pathname.split('/')[2];
const article = byId('movie');
const showtimes = byId('showtimes');

function details(movie) {
  const year = movie.releaseDate ? movie.releaseDate.slice(0, 4) : '';
  const facts = [runtime(movie.runtimeMin), year].filter(Boolean).join(' · ');
  return [
    poster(movie.posterUrl, movie.title, 'poster--large'),
    h(
      'div',
      { class: 'movie-detail__text' },
      h('p', { class: 'breadcrumb' }, h('a', { href: '/' }, 'Now playing')),
      h('h1', {}, movie.title),
      movie.originalTitle && movie.originalTitle !== movie.title
        ? h('p', { class: 'movie-detail__original', lang: '' }, movie.originalTitle)
        : null,
      facts ? h('p', { class: 'movie-detail__facts' }, facts) : null,
      movie.genres.length
        ? h(
            'ul',
            { class: 'tags', 'aria-label': 'Genres' },
            movie.genres.map((genre) => h('li', {}, genre)),
          )
        : null,
      movie.overview ? h('p', { class: 'movie-detail__overview' }, movie.overview) : null,
    ),
  ];
}

function seatsLeft(show) {
  if (show.available === 0) return 'Sold out';
  if (show.available <= Math.max(5, show.capacity * 0.1)) return `Only ${show.available} left`;
  return `${show.available} seats left`;
}

function showtime(show) {
  const tags = presentationTags(show.presentation);
  const label = [
    clock(show.startsAt, show.timeZone),
    show.screen.name,
    ...tags,
    seatsLeft(show).toLowerCase(),
    `from ${money(show.price)}`,
  ].join(', ');
  const content = [
    h('span', { class: 'showtime__time' }, clock(show.startsAt, show.timeZone)),
    h('span', { class: 'showtime__screen' }, show.screen.name),
    tags.length ? h('span', { class: 'showtime__tags' }, tags.join(' · ')) : null,
    h('span', { class: 'showtime__seats' }, seatsLeft(show)),
  ];
  if (show.available === 0)
    return h('li', {}, h('span', { class: 'showtime showtime--sold-out', 'aria-label': label }, content));
  const scarce = show.available <= Math.max(5, show.capacity * 0.1);
  return h(
    'li',
    {},
    h(
      'a',
      { class: `showtime${scarce ? ' showtime--scarce' : ''}`, href: `/shows/${show.id}`, 'aria-label': label },
      content,
    ),
  );
}

function grouped(shows) {
  const days = new Map();
  for (const show of shows) {
    // A show's day and time are its theater's, whatever the visitor's or the server's zone.
    const key = dayKey(show.startsAt, show.timeZone);
    const theaters = days.get(key) ?? new Map();
    const list = theaters.get(show.theater.id) ?? { name: show.theater.name, timeZone: show.timeZone, shows: [] };
    list.shows.push(show);
    theaters.set(show.theater.id, list);
    days.set(key, theaters);
  }
  return [...days].map(([key, theaters]) =>
    h(
      'section',
      { class: 'day' },
      h('h3', { class: 'day__title' }, longDay(key)),
      [...theaters.values()].map((theater) =>
        h(
          'div',
          { class: 'theater' },
          h('h4', { class: 'theater__name' }, theater.name),
          h(
            'p',
            { class: 'theater__zone hint' },
            `Local time, ${theater.timeZone} (${zoneName(theater.shows[0].startsAt, theater.timeZone)})`,
          ),
          h(
            'ul',
            { class: 'showtime-list', 'aria-label': `${theater.name}, ${longDay(key)}` },
            theater.shows.map(showtime),
          ),
        ),
      ),
    ),
  );
}

async function load() {
  try {
    const movie = await api(`/movies/${movieId}`);
    document.title = `${movie.title} · Marquee`;
    replace(article, ...details(movie));
    replace(
      showtimes,
      movie.shows.length ? grouped(movie.shows) : h('p', { class: 'empty' }, 'No shows are planned for this film yet.'),
    );
    byId('show-count').textContent = movie.shows.length ? `${plural(movie.shows.length, 'show')} from now on` : '';
  } catch (error) {
    replace(
      article,
      h(
        'div',
        {},
        h('h1', {}, error.status === 404 ? 'Film not found' : 'Something went wrong'),
        h(
          'p',
          {},
          error.status === 404 ? 'This film is not in the catalogue. ' : `${error.message} `,
          h('a', { href: '/' }, 'See what is playing'),
        ),
      ),
    );
    byId('showtimes-title').parentElement.hidden = true;
  } finally {
    article.setAttribute('aria-busy', 'false');
  }
}

load();

// Admin: import the catalogue from TMDB and the cinemas and showtimes from the showtimes API, each
// with a progress bar that follows its job; the films and the imported theaters.
import { adminApi, adminGate } from '../admin.js';
import { byId, h, plural, replace } from '../dom.js';
import { runtime } from '../format.js';
import { importPanel } from '../import-job.js';

const el = {
  pages: byId('pages'),
  films: byId('films'),
  count: byId('films-count'),
  cinemas: byId('cinemas'),
  cinemasCount: byId('cinemas-count'),
};

const gate = adminGate(() => {
  loadFilms();
  loadCinemas();
  resumeCatalog();
  resumeShowtimes();
});

const resumeCatalog = importPanel(gate, {
  prefix: 'import',
  storageKey: 'marquee.importJob',
  start: () => adminApi(gate, '/admin/catalog/import', { method: 'POST', body: { pages: Number(el.pages.value) } }),
  finished: (result) =>
    `Import finished: ${plural(result.total ?? 0, 'film')} from ${plural(result.pages ?? 0, 'page')} (${result.created ?? 0} new, ${result.updated ?? 0} updated${result.skipped ? `, ${result.skipped} skipped` : ''}).`,
  failed: (error) => `Import failed: ${error}. The catalogue was not changed.`,
  steps: 'now_playing pages, then films, then saving',
  onDone: loadFilms,
});

const resumeShowtimes = importPanel(gate, {
  prefix: 'showtimes',
  storageKey: 'marquee.showtimesJob',
  start: () => adminApi(gate, '/admin/showtimes/import', { method: 'POST', body: {} }),
  finished: showtimesSummary,
  failed: (error) => `Showtimes import failed: ${error}. Theaters, screens and shows were not changed.`,
  steps: 'cinema, showtime and movie pages, then missing films from TMDB, then saving',
  onDone: () => {
    loadFilms();
    loadCinemas();
  },
});

function showtimesSummary(result) {
  if (!result.ran) return `Not run: ${result.reason ?? 'another import was running'}.`;
  const { theaters, screens, shows } = result.sync;
  const parts = [
    `${plural(result.read.cinemas, 'cinema')} (${theaters.created} new, ${theaters.vanished} gone upstream)`,
    `${plural(screens.created, 'new screen')}`,
    `${plural(shows.created, 'new show')}, ${shows.updated} updated, ${shows.removed} removed`,
  ];
  if (shows.cancelledUpstream.length)
    parts.push(
      `${plural(shows.cancelledUpstream.length, 'show')} cancelled upstream kept for their bookings (${shows.cancelledUpstream
        .map((show) => `show ${show.showId}: ${plural(show.bookings, 'booking')}`)
        .join('; ')})`,
    );
  if (result.films.fetched) parts.push(`${plural(result.films.fetched, 'film')} fetched from TMDB`);
  if (result.skipped.total)
    parts.push(`${plural(result.skipped.total, 'showtime')} skipped (${describeSkips(result.skipped.byReason)})`);
  if (result.invalid.total) parts.push(`${plural(result.invalid.total, 'malformed record')} ignored`);
  if (result.conflicts.length)
    parts.push(`${plural(result.conflicts.length, 'overlap')} in an auditorium (both imported)`);
  return `Showtimes import finished: ${parts.join('; ')}.`;
}

const SKIP_WORDS = {
  'unknown-cinema': 'unknown cinema',
  'unknown-movie': 'unknown movie',
  'no-tmdb-id': 'film without a TMDB id',
  'film-unavailable': 'film not in the catalogue',
  past: 'already started',
  'outside-window': 'after the import window',
};

function describeSkips(byReason) {
  return Object.entries(byReason)
    .map(([reason, count]) => `${count} ${SKIP_WORDS[reason] ?? reason}`)
    .join(', ');
}

async function loadFilms() {
  try {
    const films = await adminApi(gate, '/admin/movies');
    el.count.textContent = plural(films.length, 'film');
    replace(
      el.films,
      films.map((film) =>
        h(
          'tr',
          {},
          h('td', {}, film.title),
          h('td', {}, runtime(film.runtimeMin) || '—'),
          h('td', {}, film.releaseDate ?? '—'),
        ),
      ),
    );
  } catch (error) {
    el.count.textContent = error.message;
  }
}

async function loadCinemas() {
  try {
    const theaters = (await adminApi(gate, '/admin/theaters')).filter((theater) => theater.sourceId !== null);
    el.cinemasCount.textContent = plural(theaters.length, 'imported cinema');
    replace(
      el.cinemas,
      theaters.map((theater) =>
        h(
          'tr',
          { 'data-source-id': theater.sourceId },
          h(
            'td',
            {},
            theater.name,
            theater.vanishedAt ? h('span', { class: 'badge badge--failed' }, 'gone upstream') : '',
          ),
          h('td', {}, theater.address ?? theater.city ?? '—'),
          h('td', {}, theater.screens.map((screen) => screen.name).join(', ') || '—'),
          h('td', {}, theater.sourceId),
        ),
      ),
    );
  } catch (error) {
    el.cinemasCount.textContent = error.message;
  }
}

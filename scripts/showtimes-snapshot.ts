/**
 * Writes the showtimes snapshot (libs/catalog/snapshot/showtimes/{cinemas,movies,showtimes}.json)
 * in the International Showtimes API's v4 shapes: three Lyon cinemas, the week of Monday
 * 2024-01-15 (the TMDB snapshot's season) of showtimes of films from the TMDB snapshot. The
 * programme is made here, deterministically (see the snapshot's README): run
 * `npm run showtimes:snapshot` and commit the files. No network.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(__dirname, '..', 'libs', 'catalog', 'snapshot', 'showtimes');
const TMDB_DIR = join(__dirname, '..', 'libs', 'catalog', 'snapshot', 'tmdb');
const WEEK = ['2024-01-15', '2024-01-16', '2024-01-17', '2024-01-18', '2024-01-19', '2024-01-20', '2024-01-21'];
const OFFSET = '+01:00'; // Lyon in January (CET)

interface CinemaSpec {
  id: string;
  name: string;
  chain: string | null;
  street: string;
  house: string;
  zipcode: string;
  lat: number;
  lon: number;
  telephone: string | null;
  website: string | null;
  /** auditorium name and the films it plays, by source movie id, in rotation */
  auditoriums: { name: string; films: string[]; firstStart: string }[];
}

// Source movie ids → TMDB ids of the TMDB snapshot (the API's own ids are made up here).
const MOVIES: Record<string, number> = {
  '70101': 787699, // Wonka
  '70102': 572802, // Aquaman and the Lost Kingdom
  '70103': 792307, // Poor Things
  '70104': 866398, // The Beekeeper
  '70105': 1072790, // Anyone But You
  '70106': 940551, // Migration
  '70107': 940721, // Godzilla Minus One
  '70108': 508883, // The Boy and the Heron
  '70109': 906126, // Society of the Snow
  '70110': 872585, // Oppenheimer
};

const CINEMAS: CinemaSpec[] = [
  {
    id: '61834',
    name: 'Pathé Bellecour',
    chain: '6',
    street: 'Rue de la République',
    house: '79',
    zipcode: '69002',
    lat: 45.7606,
    lon: 4.8352,
    telephone: null,
    website: 'https://www.pathe.fr/cinemas/cinema-pathe-bellecour',
    auditoriums: [
      { name: 'Salle 1', films: ['70102', '70101', '70104'], firstStart: '10:45' },
      { name: 'Salle 2', films: ['70106', '70105', '70110'], firstStart: '11:00' },
      { name: 'Salle 3', films: ['70103', '70107'], firstStart: '13:30' },
    ],
  },
  {
    id: '61836',
    name: 'UGC Ciné Cité Confluence',
    chain: '12',
    street: 'Cours Charlemagne',
    house: '112',
    zipcode: '69002',
    lat: 45.7412,
    lon: 4.8177,
    telephone: null,
    website: 'https://www.ugc.fr/cinema.html?id=34',
    auditoriums: [
      { name: 'Salle 1', films: ['70102', '70110'], firstStart: '10:30' },
      { name: 'Salle 2', films: ['70101', '70106', '70104'], firstStart: '11:15' },
      { name: 'Salle 3', films: ['70105', '70109'], firstStart: '13:45' },
    ],
  },
  {
    id: '61840',
    name: 'Cinéma Comoedia',
    chain: null,
    street: 'Avenue Berthelot',
    house: '13',
    zipcode: '69007',
    lat: 45.7477,
    lon: 4.8392,
    telephone: null,
    website: 'https://www.cinema-comoedia.com',
    auditoriums: [
      { name: 'Salle 1', films: ['70103', '70108'], firstStart: '13:15' },
      { name: 'Salle 2', films: ['70107', '70109', '70108'], firstStart: '14:00' },
    ],
  },
];

/** Original-version rules: the art-house screens all films in OV with French subtitles; the
 *  others dub, with one OV show a day (the last) on each screen; Salle 1 at the Confluence plays
 *  Aquaman in 3D. */
function presentation(cinema: CinemaSpec, auditorium: string, movieId: string, last: boolean, original: string) {
  const ov = cinema.id === '61840' || last;
  const threeD = cinema.id === '61836' && auditorium === 'Salle 1' && movieId === '70102';
  return {
    language: ov ? original : 'fr',
    subtitle_language: ov && original !== 'fr' ? 'fr' : null,
    is_3d: threeD,
    is_imax: false,
    attributes: ov ? ['OV'] : [],
  };
}

function tmdbMovie(tmdbId: number): {
  title: string;
  runtime: number | null;
  original_language: string;
  imdb_id?: string;
} {
  return JSON.parse(readFileSync(join(TMDB_DIR, `movie-${tmdbId}.json`), 'utf8'));
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function hhmm(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const meta = (count: number) => ({ total_count: count, current_page: 1, total_pages: 1, per_page: count });

const cinemas = CINEMAS.map((cinema) => ({
  id: cinema.id,
  slug: cinema.name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-'),
  name: cinema.name,
  chain_id: cinema.chain,
  telephone: cinema.telephone,
  website: cinema.website,
  location: {
    lat: cinema.lat,
    lon: cinema.lon,
    address: {
      display_text: `${cinema.house} ${cinema.street}, ${cinema.zipcode} Lyon, France`,
      street: cinema.street,
      house: cinema.house,
      zipcode: cinema.zipcode,
      city: 'Lyon',
      state: 'Auvergne-Rhône-Alpes',
      state_abbr: null,
      country: 'France',
      country_code: 'FR',
    },
  },
  booking_type: 'external',
}));

const movies = Object.entries(MOVIES).map(([id, tmdbId]) => {
  const movie = tmdbMovie(tmdbId);
  return {
    id,
    slug: movie.title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    title: movie.title,
    original_title: movie.title,
    original_language: movie.original_language,
    tmdb_id: tmdbId,
    imdb_id: movie.imdb_id ?? null,
    runtime: movie.runtime,
  };
});

const showtimes: Record<string, unknown>[] = [];
let serial = 0;
for (const [day, date] of WEEK.entries()) {
  for (const cinema of CINEMAS) {
    for (const auditorium of cinema.auditoriums) {
      const slots: { start: number; movieId: string }[] = [];
      let start = minutes(auditorium.firstStart);
      let turn = day; // a different film opens each day
      while (start <= minutes('22:15')) {
        const movieId = auditorium.films[turn % auditorium.films.length];
        slots.push({ start, movieId });
        const runtime = tmdbMovie(MOVIES[movieId]).runtime ?? 120;
        // trailers (15) + film + cleaning (15), up to the next quarter hour
        start = Math.ceil((start + 15 + runtime + 15) / 15) * 15;
        turn++;
      }
      for (const [index, slot] of slots.entries()) {
        serial++;
        const original = movies.find((movie) => movie.id === slot.movieId)!.original_language;
        showtimes.push({
          id: String(9_100_000 + serial),
          cinema_id: cinema.id,
          movie_id: slot.movieId,
          start_at: `${date}T${hhmm(slot.start)}:00${OFFSET}`,
          auditorium: auditorium.name,
          ...presentation(cinema, auditorium.name, slot.movieId, index === slots.length - 1, original),
          booking_type: 'external',
          booking_link: cinema.website,
          cinema_movie_title: movies.find((movie) => movie.id === slot.movieId)!.title,
        });
      }
    }
  }
}

const write = (name: string, body: unknown) => writeFileSync(join(DIR, name), `${JSON.stringify(body, null, 2)}\n`);
write('cinemas.json', { cinemas, meta_info: meta(cinemas.length) });
write('movies.json', { movies, meta_info: meta(movies.length) });
write('showtimes.json', { showtimes, meta_info: meta(showtimes.length) });
console.log(`${cinemas.length} cinemas, ${movies.length} movies, ${showtimes.length} showtimes in ${DIR}`);

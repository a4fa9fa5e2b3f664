import { randomUUID } from 'node:crypto';
import { DatabaseService } from '@app/database';
import { Movie, ScreenService, Seat, Show, ShowService, TheaterService } from '@app/catalog';
import { TestApp } from './test-app';

/**
 * Test data through the real catalogue services (so the rules they enforce hold in tests too).
 * Every call makes new rows with unique names, so test files sharing the MariaDB database never
 * see each other's theaters, screens or shows.
 *
 *   const { show, seats } = await makeShow(app, { seats: 40 });   // 4 rows A..D of 10 seats
 *   const { show } = await makeShow(app, { layout: ['ss_ss', 'pp_pp'], startsAt });
 */

/** A unique suffix for names. */
export function uniqueTag(): string {
  return randomUUID().slice(0, 8);
}

/** A theater (`name` default `Theater <tag>`). Returns the service's view `{ id, name, city, screens }`. */
export async function makeTheater(app: TestApp, options: { name?: string; city?: string } = {}) {
  return app
    .get(TheaterService)
    .create({ name: options.name ?? `Theater ${uniqueTag()}`, city: options.city ?? 'Testville' });
}

/**
 * The layout of `seats` standard seats in rows of 10 (the last row shorter), no gaps:
 * `layoutOf(25)` → `['ssssssssss', 'ssssssssss', 'sssss']`.
 */
export function layoutOf(seats: number): string[] {
  return Array.from({ length: Math.ceil(seats / 10) }, (_, row) => 's'.repeat(Math.min(10, seats - row * 10)));
}

/**
 * A screen with its seats, in a new theater unless `theaterId` is given. Layout: `layout`, else
 * {@link layoutOf}(`seats` ?? 40). Returns the detail view `{ id, name, theater, seatCount, layout, seats[], preview }`.
 */
export async function makeScreen(
  app: TestApp,
  options: { theaterId?: number; name?: string; layout?: string[]; seats?: number } = {},
) {
  const theaterId = options.theaterId ?? (await makeTheater(app)).id;
  return app.get(ScreenService).create({
    theaterId,
    name: options.name ?? `Screen ${uniqueTag()}`,
    layout: options.layout ?? layoutOf(options.seats ?? 40),
  });
}

/**
 * A movie as the TMDB import would store it, with a unique title `Film <tag>` and a unique
 * `tmdbId` (above any real TMDB id). Defaults: runtime 100 min, popularity 10, one genre.
 */
export async function makeMovie(
  app: TestApp,
  options: Partial<
    Pick<Movie, 'title' | 'runtimeMin' | 'popularity' | 'posterPath' | 'genres' | 'releaseDate' | 'overview'>
  > = {},
): Promise<Movie> {
  const manager = app.get(DatabaseService).manager;
  const title = options.title ?? `Film ${uniqueTag()}`;
  const movie = manager.create(Movie, {
    tmdbId: 1_500_000_000 + Math.floor(Math.random() * 600_000_000),
    title,
    originalTitle: title,
    originalLanguage: 'en',
    overview: options.overview ?? null,
    posterPath: options.posterPath ?? null,
    releaseDate: options.releaseDate ?? '2030-01-01',
    runtimeMin: options.runtimeMin === undefined ? 100 : options.runtimeMin,
    genres: options.genres ?? ['Drama'],
    popularity: options.popularity ?? 10,
    voteAverage: 7,
  });
  return manager.save(Movie, movie);
}

/** What {@link makeShow} made. `seats` are the screen's seats in row then column order. */
export interface MadeShow {
  show: Show;
  seats: Seat[];
  screenId: number;
  theaterId: number;
  movie: Movie;
}

/**
 * A show with its inventory (one available `show_seat` row per seat), made by ShowService.
 * Defaults: a new theater and screen of `seats` (40) seats in rows of 10, a new 100-minute movie,
 * start tomorrow (now + 24 h, on a whole minute), 1,000 cents (premium 1,500).
 * Give `screenId` to reuse a screen (then pick `startsAt` so shows do not overlap).
 */
export async function makeShow(
  app: TestApp,
  options: {
    seats?: number;
    layout?: string[];
    screenId?: number;
    movie?: Movie;
    startsAt?: Date;
    priceCents?: number;
    premiumPriceCents?: number;
  } = {},
): Promise<MadeShow> {
  const screen = options.screenId
    ? await app.get(ScreenService).get(options.screenId)
    : await makeScreen(app, { layout: options.layout, seats: options.seats });
  const movie = options.movie ?? (await makeMovie(app));
  const startsAt = options.startsAt ?? new Date(Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000);
  const show = await app.get(ShowService).create({
    movieId: movie.id,
    screenId: screen.id,
    startsAt,
    priceCents: options.priceCents ?? 1_000,
    premiumPriceCents: options.premiumPriceCents ?? 1_500,
  });
  const seats = await app
    .get(DatabaseService)
    .manager.createQueryBuilder(Seat, 'seat')
    .where('seat.screenId = :id', { id: screen.id })
    .orderBy('seat.rowIndex')
    .addOrderBy('seat.col')
    .getMany();
  return { show, seats, screenId: screen.id, theaterId: screen.theater.id, movie };
}

/** The import fields of a theater an admin made by hand (none of the showtimes API's), default prices. */
export const HAND_MADE_THEATER = {
  address: null,
  timeZone: null,
  sourceId: null,
  vanishedAt: null,
  priceCents: null,
  premiumPriceCents: null,
} as const;

/** The presentation of a show made here, not imported: no language, subtitles or attributes. */
export const HAND_MADE_PRESENTATION = {
  language: null,
  subtitleLanguage: null,
  attributes: [],
  imported: false,
  cancelledUpstream: false,
} as const;

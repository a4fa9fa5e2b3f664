import { showDurationMs, showsClash } from '../show/show-timing';
import { ShowtimesCinema, ShowtimesMovie, ShowtimesShowtime } from './showtimes.schemas';

/** Screen name of showtimes whose `auditorium` is missing or null. */
export const UNNAMED_AUDITORIUM = 'Main hall';

/** A theater as the import wants it, keyed by the cinema's source id. */
export interface PlannedTheater {
  sourceId: string;
  name: string;
  city: string | null;
  address: string | null;
  timeZone: string;
}

/** A show as the import wants it, keyed by the showtime's source id. */
export interface PlannedShow {
  sourceId: string;
  cinemaId: string;
  /** The screen's name: the auditorium, or {@link UNNAMED_AUDITORIUM}. */
  screenName: string;
  tmdbId: number;
  startsAt: Date;
  endsAt: Date;
  language: string | null;
  subtitleLanguage: string | null;
  attributes: string[];
  bookingLink: string | null;
}

/** Why a showtime was not imported. */
export type SkipReason =
  | 'unknown-cinema' // its cinema_id is not among the cinemas read
  | 'unknown-movie' // its movie_id is not among the movies read
  | 'no-tmdb-id' // its movie has no tmdb_id, so no catalogue film
  | 'film-unavailable' // the film is not in the catalogue and could not be fetched from TMDB
  | 'past' // it started already
  | 'outside-window'; // after the window asked for (time_to)

/** One skipped showtime. */
export interface SkippedShowtime {
  showtimeId: string;
  reason: SkipReason;
  detail?: string;
}

/** Two imported showtimes of one auditorium within the cleaning gap of each other (both imported). */
export interface ShowtimeConflict {
  cinemaId: string;
  screenName: string;
  showtimeIds: [string, string];
}

/** What {@link planShowtimes} made of the payloads; nothing is written yet. */
export interface ShowtimesPlan {
  theaters: PlannedTheater[];
  shows: PlannedShow[];
  skipped: SkippedShowtime[];
  conflicts: ShowtimeConflict[];
}

/** Inputs of {@link planShowtimes}. */
export interface PlanInput {
  cinemas: ShowtimesCinema[];
  movies: ShowtimesMovie[];
  showtimes: ShowtimesShowtime[];
  /** Catalogue films (existing or fetched in this import) by TMDB id, with their runtimes. */
  films: Map<number, { runtimeMin: number | null }>;
  nowMs: number;
  /** End of the window asked for (exclusive), epoch ms. */
  windowEndMs: number;
  /** Time zone of a cinema without a usable location. */
  defaultTimeZone: string;
  /** IANA zone at a location (e.g. tz-lookup); may throw for the open sea. */
  zoneAt: (lat: number, lon: number) => string;
}

/**
 * Maps showtimes API payloads to theaters and shows (pure). Cinema → theater (name, city and a
 * one-line address from `location.address`, time zone from `location`'s coordinates); showtime
 * → show on the screen named by its auditorium, of the catalogue film with the movie's
 * `tmdb_id`, starting at `start_at` (its offset applied), ending after trailers + runtime (the
 * catalogue's, else the source's, else the default; see show-timing.ts), with language,
 * subtitles and attributes (`is_3d` → `3D`, `is_imax` → `IMAX`, plus v5 `attributes`,
 * upper-cased, e.g. `OV`). Showtimes it cannot place are skipped with a reason; overlapping
 * ones in one auditorium are all kept and reported as conflicts.
 */
export function planShowtimes(input: PlanInput): ShowtimesPlan {
  const theaters = input.cinemas.map((cinema) => planTheater(cinema, input));
  const cinemaIds = new Set(theaters.map((theater) => theater.sourceId));
  const movies = new Map(input.movies.map((movie) => [movie.id, movie]));
  const shows: PlannedShow[] = [];
  const skipped: SkippedShowtime[] = [];
  for (const showtime of input.showtimes) {
    const skip = (reason: SkipReason, detail?: string) =>
      skipped.push({ showtimeId: showtime.id, reason, ...(detail ? { detail } : {}) });
    const movie = movies.get(showtime.movie_id);
    const startMs = Date.parse(showtime.start_at);
    if (!cinemaIds.has(showtime.cinema_id)) skip('unknown-cinema', `cinema ${showtime.cinema_id}`);
    else if (!movie) skip('unknown-movie', `movie ${showtime.movie_id}`);
    else if (movie.tmdb_id === null) skip('no-tmdb-id', `movie ${movie.id}${movie.title ? ` (${movie.title})` : ''}`);
    else if (!input.films.has(movie.tmdb_id)) skip('film-unavailable', `TMDB ${movie.tmdb_id}`);
    else if (startMs <= input.nowMs) skip('past', showtime.start_at);
    else if (startMs >= input.windowEndMs) skip('outside-window', showtime.start_at);
    else {
      const runtime = input.films.get(movie.tmdb_id)!.runtimeMin ?? movie.runtime;
      // Whole minutes, like every show (the source may carry seconds).
      const startsAt = new Date(Math.floor(startMs / 60_000) * 60_000);
      shows.push({
        sourceId: showtime.id,
        cinemaId: showtime.cinema_id,
        screenName: showtime.auditorium ?? UNNAMED_AUDITORIUM,
        tmdbId: movie.tmdb_id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + showDurationMs(runtime)),
        language: showtime.language?.toLowerCase() ?? null,
        subtitleLanguage: showtime.subtitle_language?.toLowerCase() ?? null,
        attributes: attributesOf(showtime),
        bookingLink: showtime.booking_link,
      });
    }
  }
  return { theaters, shows, skipped, conflicts: conflictsOf(shows) };
}

function planTheater(cinema: ShowtimesCinema, input: PlanInput): PlannedTheater {
  const address = cinema.location?.address ?? null;
  let timeZone = input.defaultTimeZone;
  if (cinema.location) {
    try {
      timeZone = input.zoneAt(cinema.location.lat, cinema.location.lon);
    } catch {
      // No zone at that point (open sea): the configured one.
    }
  }
  return {
    sourceId: cinema.id,
    name: cinema.name,
    city: address?.city ?? null,
    address: address ? addressLine(address) : null,
    timeZone,
  };
}

/** `display_text`, else `street house, zipcode city`. */
function addressLine(address: NonNullable<NonNullable<ShowtimesCinema['location']>['address']>): string | null {
  if (address.display_text) return address.display_text;
  const street = [address.street, address.house].filter(Boolean).join(' ');
  const place = [address.zipcode, address.city].filter(Boolean).join(' ');
  return [street, place].filter(Boolean).join(', ') || null;
}

function attributesOf(showtime: ShowtimesShowtime): string[] {
  const flags = [showtime.is_3d ? '3D' : '', showtime.is_imax ? 'IMAX' : ''];
  return [...new Set([...flags, ...showtime.attributes.map((value) => value.toUpperCase())].filter(Boolean))];
}

function conflictsOf(shows: PlannedShow[]): ShowtimeConflict[] {
  const byScreen = new Map<string, PlannedShow[]>();
  for (const show of shows) {
    const key = JSON.stringify([show.cinemaId, show.screenName]);
    byScreen.set(key, [...(byScreen.get(key) ?? []), show]);
  }
  const conflicts: ShowtimeConflict[] = [];
  for (const list of byScreen.values()) {
    list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i], list[j]];
        if (b.startsAt.getTime() > a.endsAt.getTime() + 86_400_000) break;
        const clash = showsClash(
          { startsAt: a.startsAt.getTime(), endsAt: a.endsAt.getTime() },
          { startsAt: b.startsAt.getTime(), endsAt: b.endsAt.getTime() },
        );
        if (clash)
          conflicts.push({ cinemaId: a.cinemaId, screenName: a.screenName, showtimeIds: [a.sourceId, b.sourceId] });
      }
    }
  }
  return conflicts;
}

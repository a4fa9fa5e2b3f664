import { CLEANING_GAP_MIN, showDurationMs, showsClash } from '../show/show-timing';
import { zonedTimeToUtc } from './local-time';

const MINUTE_MS = 60_000;
/** Show starts are rounded up to a multiple of this (epoch-aligned, so also on the local clock). */
export const START_STEP_MIN = 5;
/** Opening hours, local minutes after midnight: first start 10:00, last start 22:30. */
export const DEFAULT_OPENING_HOURS: OpeningHours = { firstStartMin: 10 * 60, lastStartMin: 22 * 60 + 30 };

/** A film to place. `popularity` is TMDB's (any non-negative scale); runtime in minutes or null. */
export interface PlannerMovie {
  id: number;
  runtimeMin: number | null;
  popularity: number;
}

/** A screen to fill; `capacity` is its seat count (bigger screens go to more popular films). */
export interface PlannerScreen {
  id: number;
  capacity: number;
}

/** A show already on a screen that must stay (epoch ms, `endsAt` exclusive). */
export interface BusyInterval {
  screenId: number;
  startsAt: number;
  endsAt: number;
}

/** Earliest and latest start of a show each day, in local minutes after midnight. */
export interface OpeningHours {
  firstStartMin: number;
  lastStartMin: number;
}

/** What to plan. */
export interface PlanRequest {
  /** Local calendar days `YYYY-MM-DD` in `timeZone`, in any order. */
  dates: string[];
  /** IANA time zone of the opening hours, e.g. `UTC` or `Europe/Paris`. */
  timeZone: string;
  screens: PlannerScreen[];
  movies: PlannerMovie[];
  /** Shows that stay; new shows keep the cleaning gap from them. */
  busy: BusyInterval[];
  /** Nothing starts before this instant (epoch ms), e.g. now. */
  notBeforeMs?: number;
  hours?: OpeningHours;
}

/** A show the planner proposes (epoch ms; `endsAt` = start + trailers + runtime). */
export interface PlannedShow {
  screenId: number;
  movieId: number;
  startsAt: number;
  endsAt: number;
}

interface MovieState {
  movie: PlannerMovie;
  durationMs: number;
  /** Shows this film should get in the window (see {@link quotas}). */
  quota: number;
  count: number;
  popularityRank: number;
}

/**
 * Plans shows for `dates` on `screens` around the `busy` ones. Pure and deterministic.
 *
 * Each screen is filled from the day's first start: a show starts at the screen's cursor rounded
 * up to 5 minutes, lasts trailers (15 min) + runtime (120 min when unknown), and the next one
 * starts after a 15-minute cleaning gap; no show starts after the last start (22:30 local by
 * default), though it may end after it. A show never comes within the gap of a busy interval.
 *
 * Which film gets a slot: every film first gets a quota — one show each when the window has room
 * for that (estimated conservatively, as if every film were the longest), the rest of the
 * estimated slots shared in proportion to `1 + √popularity`. Slots are filled in time order, each
 * going to a film among the most behind on its quota (the next show due earliest), so the shows
 * of a film spread over the window. Among the films due, bigger screens take the more popular
 * ones. Films that do not fit before a busy interval are skipped for that slot.
 *
 * @returns the new shows sorted by start then screen id; [] when there is nothing to plan.
 */
export function planShows(request: PlanRequest): PlannedShow[] {
  const hours = request.hours ?? DEFAULT_OPENING_HOURS;
  const screens = [...request.screens].sort((a, b) => b.capacity - a.capacity || a.id - b.id);
  if (!screens.length || !request.movies.length || !request.dates.length) return [];
  const days = [...new Set(request.dates)].sort().map((date) => ({
    firstStart: zonedTimeToUtc(date, hours.firstStartMin, request.timeZone),
    lastStart: zonedTimeToUtc(date, hours.lastStartMin, request.timeZone),
  }));
  const notBefore = request.notBeforeMs ?? -Infinity;
  const states = movieStates(request.movies);
  const longest = Math.max(...states.map((state) => state.durationMs));
  const estimate = fillWindow(days, screens, request.busy, notBefore, (_, fits) =>
    fits(longest) ? { durationMs: longest } : null,
  ).length;
  quotas(states, estimate);

  const screenRank = new Map(screens.map((screen, rank) => [screen.id, rank]));
  return fillWindow(days, screens, request.busy, notBefore, (screenId, fits) => {
    const fitting = states.filter((state) => fits(state.durationMs));
    if (!fitting.length) return null;
    const behind = fitting.filter((state) => state.count < state.quota);
    const due = (behind.length ? behind : fitting).sort(
      (a, b) => score(a) - score(b) || a.popularityRank - b.popularityRank,
    );
    const pool = due.slice(0, screens.length).sort((a, b) => a.popularityRank - b.popularityRank);
    const chosen = pool[Math.min(screenRank.get(screenId)!, pool.length - 1)];
    chosen.count++;
    return chosen;
  }).map(({ screenId, choice, startsAt }) => ({
    screenId,
    movieId: choice.movie.id,
    startsAt,
    endsAt: startsAt + choice.durationMs,
  }));
}

function movieStates(movies: PlannerMovie[]): MovieState[] {
  const byPopularity = [...movies].sort((a, b) => b.popularity - a.popularity || a.id - b.id);
  return byPopularity.map((movie, popularityRank) => ({
    movie,
    durationMs: showDurationMs(movie.runtimeMin),
    quota: 0,
    count: 0,
    popularityRank,
  }));
}

/**
 * Sets each film's quota out of `slots`: one each (most popular first when there are fewer slots
 * than films), the rest in proportion to `1 + √popularity` by largest remainder.
 */
function quotas(states: MovieState[], slots: number): void {
  const base = Math.min(slots, states.length);
  states.forEach((state, rank) => (state.quota = rank < base ? 1 : 0));
  const extra = slots - base;
  if (extra <= 0) return;
  const weights = states.map((state) => 1 + Math.sqrt(Math.max(0, state.movie.popularity)));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const shares = weights.map((weight) => (extra * weight) / total);
  shares.forEach((share, index) => (states[index].quota += Math.floor(share)));
  const left = extra - shares.reduce((sum, share) => sum + Math.floor(share), 0);
  shares
    .map((share, index) => ({ index, remainder: share - Math.floor(share) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index)
    .slice(0, left)
    .forEach(({ index }) => states[index].quota++);
}

/**
 * How overdue a film is, lower first: films under quota by the fraction of their quota shown
 * (0..1); then films never shown, most popular first (1..2); then the rest in proportion (≥ 2).
 */
function score(state: MovieState): number {
  if (state.count < state.quota) return (state.count + 0.5) / state.quota;
  if (state.count === 0) return 1 + state.popularityRank / (state.popularityRank + 1);
  return 2 + (state.count + 0.5) / Math.max(1, state.quota);
}

interface Placed<T> {
  screenId: number;
  choice: T;
  startsAt: number;
}

/**
 * Walks the window day by day, always at the screen whose cursor is earliest (bigger screen on a
 * tie), asking `pick` for a film that fits at the cursor; `fits(durationMs)` says whether a show
 * of that length can start there. When nothing fits, the cursor jumps past the show in the way.
 */
function fillWindow<T extends { durationMs: number }>(
  days: { firstStart: number; lastStart: number }[],
  screens: PlannerScreen[],
  busy: BusyInterval[],
  notBefore: number,
  pick: (screenId: number, fits: (durationMs: number) => boolean) => T | null,
): Placed<T>[] {
  const occupied = new Map<number, { startsAt: number; endsAt: number }[]>(screens.map((screen) => [screen.id, []]));
  for (const interval of busy)
    occupied.get(interval.screenId)?.push({ startsAt: interval.startsAt, endsAt: interval.endsAt });
  const placed: Placed<T>[] = [];
  const gapMs = CLEANING_GAP_MIN * MINUTE_MS;
  for (const day of days) {
    const cursors = new Map(screens.map((screen) => [screen.id, roundUp(Math.max(day.firstStart, notBefore))]));
    for (;;) {
      const open = screens.filter((screen) => cursors.get(screen.id)! <= day.lastStart);
      if (!open.length) break;
      const screen = open.reduce((best, next) => (cursors.get(next.id)! < cursors.get(best.id)! ? next : best));
      const start = cursors.get(screen.id)!;
      const intervals = occupied.get(screen.id)!;
      const choice = pick(screen.id, (durationMs) =>
        intervals.every((interval) => !showsClash({ startsAt: start, endsAt: start + durationMs }, interval)),
      );
      if (!choice) {
        // Nothing fits, so even the shortest film runs into the earliest show not yet behind the
        // cursor; it would for any start before that show's end plus the gap, so jump there.
        const ahead = intervals.filter((interval) => interval.endsAt + gapMs > start);
        const next = ahead.reduce(
          (first, interval) => (interval.startsAt < first.startsAt ? interval : first),
          ahead[0],
        );
        cursors.set(screen.id, roundUp(Math.max(start + 1, next ? next.endsAt + gapMs : Infinity)));
        continue;
      }
      const show = { startsAt: start, endsAt: start + choice.durationMs };
      intervals.push(show);
      placed.push({ screenId: screen.id, choice, startsAt: start });
      cursors.set(screen.id, roundUp(show.endsAt + gapMs));
    }
  }
  return placed.sort((a, b) => a.startsAt - b.startsAt || a.screenId - b.screenId);
}

function roundUp(instantMs: number): number {
  const step = START_STEP_MIN * MINUTE_MS;
  return Math.ceil(instantMs / step) * step;
}

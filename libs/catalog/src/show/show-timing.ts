/** Minutes of trailers and ads before the film; part of a show's `endsAt`. */
export const TRAILERS_MIN = 15;

/** Minutes a screen is cleaned between the end of one show and the start of the next. */
export const CLEANING_GAP_MIN = 15;

/** Runtime assumed for a film whose runtime TMDB does not know (minutes). */
export const DEFAULT_RUNTIME_MIN = 120;

const MINUTE_MS = 60_000;

/**
 * Length of a show in milliseconds: trailers plus the film (`runtimeMin`, or
 * {@link DEFAULT_RUNTIME_MIN} when null or not a positive number). The cleaning gap is not
 * included: it separates shows on a screen (see {@link CLEANING_GAP_MIN}).
 */
export function showDurationMs(runtimeMin: number | null | undefined): number {
  const runtime = runtimeMin && runtimeMin > 0 ? runtimeMin : DEFAULT_RUNTIME_MIN;
  return (TRAILERS_MIN + runtime) * MINUTE_MS;
}

/**
 * True when two shows on the same screen would be too close: their intervals (epoch ms,
 * `endsAt` exclusive) overlap once the cleaning gap is added after each.
 */
export function showsClash(a: { startsAt: number; endsAt: number }, b: { startsAt: number; endsAt: number }): boolean {
  const gap = CLEANING_GAP_MIN * MINUTE_MS;
  return a.startsAt < b.endsAt + gap && b.startsAt < a.endsAt + gap;
}

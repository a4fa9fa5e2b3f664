/**
 * Wall-clock arithmetic in the cinemas' time zone (IANA name, e.g. `Europe/Paris`; `UTC` by
 * default, see `CINEMA_TIME_ZONE`). Instants are epoch milliseconds; calendar dates are
 * `YYYY-MM-DD` strings. Uses the platform's Intl time-zone data; no library.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** True when `timeZone` is an IANA time-zone name this platform knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at `instantMs`, as if it were UTC (epoch ms, whole seconds). */
function wallClockMs(instantMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(instantMs))
      .map((part) => [part.type, part.value]),
  );
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
}

/** Offset of `timeZone` from UTC at `instantMs`, in minutes (Paris in summer: +120). */
export function utcOffsetMinutes(instantMs: number, timeZone: string): number {
  return Math.round((wallClockMs(instantMs, timeZone) - Math.floor(instantMs / 1000) * 1000) / MINUTE_MS);
}

/**
 * Years a calendar date may name (inclusive). Every date Marquee accepts lies here, so day
 * arithmetic around it (a day before, a week after, a time zone's offset) stays within what
 * `Date`, the `YYYY-MM-DD` form and both databases' DATETIME hold.
 */
export const CALENDAR_YEARS = { min: 2000, max: 2099 } as const;

/**
 * True when `date` is a real calendar date written `YYYY-MM-DD` (2025-02-30 is not) in the
 * years {@link CALENDAR_YEARS}.
 */
export function isCalendarDate(date: string): boolean {
  const match = DATE_PATTERN.exec(date);
  if (!match) return false;
  const [, year, month, day] = match.map(Number);
  if (year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) return false;
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

/** `date` plus `days` calendar days (may be negative). @throws Error on a malformed date. */
export function addDays(date: string, days: number): string {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const [, year, month, day] = match.map(Number);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date in `timeZone` at `instantMs`. */
export function localDate(instantMs: number, timeZone: string): string {
  return new Date(wallClockMs(instantMs, timeZone)).toISOString().slice(0, 10);
}

/** Minutes since local midnight in `timeZone` at `instantMs` (0..1439). */
export function localMinuteOfDay(instantMs: number, timeZone: string): number {
  return Math.floor((wallClockMs(instantMs, timeZone) % DAY_MS) / MINUTE_MS);
}

/**
 * The instant (epoch ms) at which the wall clock in `timeZone` shows `date` plus `minuteOfDay`
 * minutes after midnight (1440 is the next midnight). A wall time skipped by a DST change maps to
 * the instant an hour later; a repeated one to its first occurrence.
 */
export function zonedTimeToUtc(date: string, minuteOfDay: number, timeZone: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const [, year, month, day] = match.map(Number);
  const wall = Date.UTC(year, month - 1, day) + minuteOfDay * MINUTE_MS;
  const firstGuess = wall - utcOffsetMinutes(wall, timeZone) * MINUTE_MS;
  const offset = utcOffsetMinutes(firstGuess, timeZone);
  const candidate = wall - offset * MINUTE_MS;
  // Near a change the earlier offset may give the earlier of two valid instants; prefer it.
  const before = wall - utcOffsetMinutes(firstGuess - DAY_MS / 24, timeZone) * MINUTE_MS;
  return wallClockMs(before, timeZone) === wall && before < candidate ? before : candidate;
}

/** `[start, end)` of the local calendar day `date` in `timeZone`, as epoch ms. */
export function localDayBounds(date: string, timeZone: string): { startMs: number; endMs: number } {
  return { startMs: zonedTimeToUtc(date, 0, timeZone), endMs: zonedTimeToUtc(addDays(date, 1), 0, timeZone) };
}

/**
 * `instantMs` as ISO 8601 wall-clock time in `timeZone` with its UTC offset, to the second:
 * `2026-12-02T20:15:00+01:00` (RFC 3339 §5.6; `+00:00` for UTC).
 */
export function localIsoString(instantMs: number, timeZone: string): string {
  const offset = utcOffsetMinutes(instantMs, timeZone);
  const wall = new Date(wallClockMs(instantMs, timeZone)).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${wall}${sign}${hours}:${minutes}`;
}

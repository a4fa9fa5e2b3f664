// Formatting of times, days and money. A show's times are read on its theater's clock: pass the
// show's `timeZone` (from the API); without one, the default zone of the cinemas is used.
// Settings come from <body data-…>.

const settings = document.body.dataset;
/** Default IANA zone (CINEMA_TIME_ZONE): theaters made here, and the day tabs of the pages. */
export const TIME_ZONE = settings.timeZone || 'UTC';
/** Seats per hold or booking (MAX_SEATS_PER_BOOKING). */
export const MAX_SEATS = Number(settings.maxSeats) || 10;
/** How long a hold lasts (HOLD_TTL_SECONDS). */
export const HOLD_SECONDS = Number(settings.holdSeconds) || 300;

const LOCALE = 'en-GB';
const moneyFormats = new Map();
const dayFormat = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' });
const shortDayFormat = new Intl.DateTimeFormat(LOCALE, {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});
const zoned = new Map();

/** The formatters of one IANA zone (made once per zone). */
function formatsOf(zone) {
  let formats = zoned.get(zone);
  if (!formats) {
    formats = {
      time: new Intl.DateTimeFormat(LOCALE, { timeZone: zone, hour: '2-digit', minute: '2-digit' }),
      key: new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }),
      parts: new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
      name: new Intl.DateTimeFormat(LOCALE, { timeZone: zone, timeZoneName: 'short' }),
    };
    zoned.set(zone, formats);
  }
  return formats;
}

/**
 * Integer minor units of `currency` (ISO 4217, default EUR) as money: `1250` → `€12.50`,
 * `money(1250, 'GBP')` → `£12.50`; a currency without minor units (JPY) is not divided.
 */
export function money(cents, currency = 'EUR') {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits;
  return format.format((cents ?? 0) / 10 ** digits);
}

/** Minutes as `1 h 56 min`; empty for unknown. */
export function runtime(minutes) {
  if (!minutes) return '';
  const hours = Math.floor(minutes / 60);
  return hours ? `${hours} h ${String(minutes % 60).padStart(2, '0')} min` : `${minutes} min`;
}

/** The local day `YYYY-MM-DD` of an instant in `zone` (a show's `timeZone`; default the cinemas'). */
export function dayKey(instant, zone = TIME_ZONE) {
  return formatsOf(zone).key.format(new Date(instant));
}

/** `HH:MM` of an instant in `zone` (a show's `timeZone`; default the cinemas'). */
export function clock(instant, zone = TIME_ZONE) {
  return formatsOf(zone).time.format(new Date(instant));
}

/** The short name of `zone` at an instant, e.g. `CET`, `GMT+1`: said beside times of another zone. */
export function zoneName(instant, zone = TIME_ZONE) {
  const part = formatsOf(zone)
    .name.formatToParts(new Date(instant))
    .find((item) => item.type === 'timeZoneName');
  return part ? part.value : zone;
}

/** `YYYY-MM-DD` plus `days` (calendar arithmetic, no time zone involved). */
export function addDays(key, days) {
  const [year, month, day] = key.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Today and the next `count - 1` local days, as keys. */
export function upcomingDays(count) {
  const today = dayKey(Date.now());
  return Array.from({ length: count }, (_, index) => addDays(today, index));
}

/** True for a real calendar day `YYYY-MM-DD` from 2000 to 2099 (what the API accepts as `date`). */
export function isDayKey(key) {
  const match = /^(20[0-9]{2})-([0-9]{2})-([0-9]{2})$/.exec(String(key));
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === key;
}

function keyAsUtcDate(key) {
  const [year, month, day] = key.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day));
}

/** `Today`, `Tomorrow` or `Mon 23 Nov` for a day key. */
export function shortDay(key) {
  const today = dayKey(Date.now());
  if (key === today) return 'Today';
  if (key === addDays(today, 1)) return 'Tomorrow';
  return shortDayFormat.format(keyAsUtcDate(key));
}

/** `Today · Saturday 21 November` (or without the prefix past tomorrow). */
export function longDay(key) {
  const today = dayKey(Date.now());
  const name = dayFormat.format(keyAsUtcDate(key));
  if (key === today) return `Today · ${name}`;
  if (key === addDays(today, 1)) return `Tomorrow · ${name}`;
  return name;
}

/**
 * `Today · Saturday 21 November · 20:30 CET`: a show's day and time on its theater's clock
 * (`show.timeZone` from the API), with the zone's short name.
 */
export function showWhen(show) {
  const zone = show.timeZone;
  return `${longDay(dayKey(show.startsAt, zone))} · ${clock(show.startsAt, zone)} ${zoneName(show.startsAt, zone)}`;
}

/** `Today 18:30`, `Sat 21 Nov 18:30`, on the clock of `zone`. */
export function when(instant, zone = TIME_ZONE) {
  return `${shortDay(dayKey(instant, zone))} ${clock(instant, zone)}`;
}

function zoneOffsetMs(epochMs, zone) {
  const parts = Object.fromEntries(
    formatsOf(zone)
      .parts.formatToParts(new Date(epochMs))
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** The instant of wall-clock `HH:MM` on local day `key` in `zone`, e.g. for a new show in its theater. */
export function zonedInstant(key, hhmm, zone = TIME_ZONE) {
  const [year, month, day] = key.split('-').map(Number);
  const [hour, minute] = hhmm.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wall - zoneOffsetMs(wall, zone);
  const corrected = wall - zoneOffsetMs(instant, zone); // across a DST change the first guess is an hour off
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

const languageNames = new Intl.DisplayNames([LOCALE], { type: 'language' });

/** A language code as its English name: `fr` → `French`; the code itself when unknown. */
function languageName(code) {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * How a show is presented, as short tags: `['OV', 'English', 'French subtitles', '3D']` from
 * `{ language, subtitleLanguage, attributes }` (imported shows; empty for others).
 */
export function presentationTags(presentation) {
  if (!presentation) return [];
  const tags = [];
  if (presentation.language) tags.push(languageName(presentation.language));
  if (presentation.subtitleLanguage) tags.push(`${languageName(presentation.subtitleLanguage)} subtitles`);
  return [...presentation.attributes, ...tags];
}

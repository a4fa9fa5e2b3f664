/** A show as the admin list answers it (the fields the table shows). */
export interface ShowRow {
  id: number;
  startsAt: string;
  /** The start on the theater's wall clock, ISO 8601 with its offset: `2030-06-03T20:30:00+02:00`. */
  localStartsAt: string;
  /** IANA zone of the theater, e.g. `Europe/Paris`. */
  timeZone: string;
  movie: { name: string };
  theater: { name: string };
  screen: { name: string };
  available: number;
  capacity: number;
}

const MAX_CELL = 40;

/**
 * `2030-06-03T20:30:00+02:00` → `2030-06-03 20:30 +02:00`: the theater's wall clock as the API
 * gives it, with its UTC offset; a value not of that shape as given.
 */
export function localMinute(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!match) return iso;
  return `${match[1]} ${match[2]} ${match[3] === 'Z' ? '+00:00' : match[3]}`;
}

function cell(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

/**
 * The `marquee shows` table: one line per show with its id, start on the theater's own clock
 * (with the UTC offset and, beside it, the zone), movie, theater / screen
 * and seats left of the screen's capacity, columns padded to the widest cell (cells cut at 40
 * characters). No shows: one line saying so.
 */
export function showsTable(shows: ShowRow[]): string[] {
  if (!shows.length) return ['No shows.'];
  const header = ['ID', 'STARTS (THEATER TIME)', 'ZONE', 'MOVIE', 'THEATER / SCREEN', 'SEATS LEFT'];
  const rows = shows.map((show) => [
    String(show.id),
    localMinute(show.localStartsAt),
    cell(show.timeZone),
    cell(show.movie.name),
    cell(`${show.theater.name} / ${show.screen.name}`),
    `${show.available}/${show.capacity}`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  return [header, ...rows].map((row) =>
    row.map((text, column) => (column === row.length - 1 ? text : text.padEnd(widths[column]))).join('  '),
  );
}

/** A show as the admin list answers it (the fields the table shows). */
export interface ShowRow {
  id: number;
  startsAt: string;
  movie: { name: string };
  theater: { name: string };
  screen: { name: string };
  available: number;
  capacity: number;
}

const MAX_CELL = 40;

/** `2030-06-03T18:30:00.000Z` → `2030-06-03 18:30` (UTC); an unparsable value as given. */
export function utcMinute(iso: string): string {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 16).replace('T', ' ') : iso;
}

function cell(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

/**
 * The `marquee shows` table: one line per show with its id, start (UTC), movie, theater / screen
 * and seats left of the screen's capacity, columns padded to the widest cell (cells cut at 40
 * characters). No shows: one line saying so.
 */
export function showsTable(shows: ShowRow[]): string[] {
  if (!shows.length) return ['No shows.'];
  const header = ['ID', 'STARTS (UTC)', 'MOVIE', 'THEATER / SCREEN', 'SEATS LEFT'];
  const rows = shows.map((show) => [
    String(show.id),
    utcMinute(show.startsAt),
    cell(show.movie.name),
    cell(`${show.theater.name} / ${show.screen.name}`),
    `${show.available}/${show.capacity}`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  return [header, ...rows].map((row) =>
    row.map((text, column) => (column === row.length - 1 ? text : text.padEnd(widths[column]))).join('  '),
  );
}

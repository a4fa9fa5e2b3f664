import tzLookup from '@photostructure/tz-lookup';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describeRequest, parseJsonBody, SourceQuery } from '../http/json-body';
import { addDays, localDate, localMinuteOfDay, utcOffsetMinutes, zonedTimeToUtc } from '../schedule/local-time';
import { ShowtimesSource } from './showtimes-source';
import { ShowtimesRequestFailed } from './showtimes.exception';

const SNAPSHOT_RELATIVE = join('libs', 'catalog', 'snapshot', 'showtimes');
const LISTS = ['cinemas', 'movies', 'showtimes'] as const;
type ListName = (typeof LISTS)[number];
const fail = (...args: ConstructorParameters<typeof ShowtimesRequestFailed>) => new ShowtimesRequestFailed(...args);

/**
 * Finds the showtimes snapshot folder: `configured` (SHOWTIMES_SNAPSHOT_DIR) when given, else
 * `libs/catalog/snapshot/showtimes` under the working directory, this file, or any folder above.
 * @throws ShowtimesRequestFailed `'unconfigured'` naming where it looked.
 */
export function resolveShowtimesSnapshotDir(configured?: string, start: string[] = [process.cwd(), __dirname]): string {
  const isSnapshot = (dir: string) => existsSync(join(dir, 'showtimes.json')) && statSync(dir).isDirectory();
  if (configured) {
    const dir = resolve(configured);
    if (isSnapshot(dir)) return dir;
    throw fail(
      'unconfigured',
      `SHOWTIMES_SNAPSHOT_DIR=${configured} is not a showtimes snapshot (no showtimes.json in ${dir})`,
    );
  }
  for (const origin of start) {
    for (let dir = resolve(origin); ; dir = dirname(dir)) {
      for (const candidate of [join(dir, SNAPSHOT_RELATIVE), join(dir, 'snapshot', 'showtimes')]) {
        if (isSnapshot(candidate)) return candidate;
      }
      if (dirname(dir) === dir) break;
    }
  }
  throw fail('unconfigured', 'the showtimes snapshot was not found; set SHOWTIMES_SNAPSHOT_DIR');
}

/**
 * International Showtimes API answers from the committed snapshot (libs/catalog/snapshot/showtimes,
 * see its README): `cinemas.json`, `movies.json`, `showtimes.json`, each one whole list, served
 * a `page` of `per_page` at a time with `meta_info` like the API, `cinema_id` honoured.
 *
 * Its week is moved to the present: every `start_at` moves by whole weeks so that the snapshot's
 * days fall on today and the six days after, in the cinema's time zone (from its location),
 * keeping the weekday and the wall-clock time (the offset is recomputed for the new date, so a
 * change of daylight-saving time between the two dates does not shift the time of day).
 * @throws ShowtimesRequestFailed `'not-found'` for another path, `'malformed'` / `'truncated'`
 *   for a broken file.
 */
export class FileShowtimesSource extends ShowtimesSource {
  readonly description: string;
  private lists?: Promise<Record<ListName, Record<string, unknown>[]>>;

  /** @param nowMs the present the week is moved to (a clock, for tests). */
  constructor(
    readonly dir: string,
    private readonly nowMs: () => number = Date.now,
  ) {
    super();
    this.description = `showtimes snapshot ${dir}`;
  }

  /** The snapshot found by {@link resolveShowtimesSnapshotDir}. */
  static locate(configured?: string): FileShowtimesSource {
    return new FileShowtimesSource(resolveShowtimesSnapshotDir(configured));
  }

  async get(path: string, query: SourceQuery = {}): Promise<unknown> {
    const request = describeRequest(path, query);
    const name = path.replace(/^\/+|\/+$/g, '') as ListName;
    if (!LISTS.includes(name)) throw fail('not-found', `the showtimes snapshot has no ${request}`, request, 404);
    let records = (await this.load())[name];
    const cinemaIds = query.cinema_id === undefined ? undefined : new Set(String(query.cinema_id).split(','));
    if (cinemaIds) {
      const key = name === 'cinemas' ? 'id' : 'cinema_id';
      if (name !== 'movies') records = records.filter((record) => cinemaIds.has(String(record[key])));
    }
    const perPage = Math.max(1, Number(query.per_page ?? records.length) || 1);
    const page = Math.max(1, Number(query.page ?? 1) || 1);
    const totalPages = Math.max(1, Math.ceil(records.length / perPage));
    return {
      [name]: records.slice((page - 1) * perPage, page * perPage),
      meta_info: { total_count: records.length, current_page: page, total_pages: totalPages, per_page: perPage },
    };
  }

  private load(): Promise<Record<ListName, Record<string, unknown>[]>> {
    this.lists ??= (async () => {
      const lists = {} as Record<ListName, Record<string, unknown>[]>;
      for (const name of LISTS) {
        const file = join(this.dir, `${name}.json`);
        const body = parseJsonBody(
          await readFile(file, 'utf8'),
          `GET /${name} (${file})`,
          'the showtimes snapshot',
          fail,
        );
        lists[name] = ((body as Record<string, unknown>)[name] as Record<string, unknown>[]) ?? [];
      }
      lists.showtimes = this.moveToPresent(lists.cinemas, lists.showtimes);
      return lists;
    })();
    return this.lists;
  }

  private moveToPresent(
    cinemas: Record<string, unknown>[],
    showtimes: Record<string, unknown>[],
  ): Record<string, unknown>[] {
    const zones = new Map(
      cinemas.map((cinema) => {
        const location = cinema.location as { lat?: number; lon?: number } | undefined;
        return [String(cinema.id), location?.lat !== undefined ? tzLookup(location.lat, location.lon!) : 'UTC'];
      }),
    );
    const local = showtimes.map((showtime) => {
      const zone = zones.get(String(showtime.cinema_id)) ?? 'UTC';
      const instant = Date.parse(String(showtime.start_at));
      return { showtime, zone, date: localDate(instant, zone), minute: localMinuteOfDay(instant, zone) };
    });
    if (!local.length) return showtimes;
    const first = local.map((entry) => entry.date).sort()[0];
    const today = localDate(this.nowMs(), local[0].zone);
    const dayDiff = (Date.parse(today) - Date.parse(first)) / 86_400_000;
    // Whole weeks, so the first day lands on the last six days up to today; days before today then move one week on.
    const weeks = Math.floor(dayDiff / 7);
    return local.map(({ showtime, zone, date, minute }) => {
      let moved = addDays(date, weeks * 7);
      if (moved < today) moved = addDays(moved, 7);
      const instant = zonedTimeToUtc(moved, minute, zone);
      return { ...showtime, start_at: zonedIso(instant, zone) };
    });
  }
}

/** `2026-12-01T20:15:00+01:00`: the wall clock in `zone` with its offset. */
function zonedIso(instantMs: number, zone: string): string {
  const offset = utcOffsetMinutes(instantMs, zone);
  const wall = new Date(instantMs + offset * 60_000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

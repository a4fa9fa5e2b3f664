import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { replyJson } from './json-reply';

/** The key the fake accepts in `X-API-Key` (401 otherwise). */
export const FAKE_SHOWTIMES_API_KEY = 'fake-showtimes-api-key';

/** The lists the fake serves. */
export type ShowtimesList = 'cinemas' | 'movies' | 'showtimes';

/**
 * A fault on one list (every page, or one `page`):
 * - `unauthorized` 401, `forbidden` 403 (a country outside the plan), with the API's error body
 * - `rate-limit`: 429 with `Retry-After` for `times` requests (default 1), then OK
 * - `server-error`: 503 for `times` requests (default 1), then OK
 * - `hang`: headers never sent; `malformed`: 200 with an HTML page; `truncated`: 200 with half the JSON
 * - `shifting`: after each answer of that page a new record is added to the list, for `times`
 *   answers (default: always), so the list's `total_count` changes between its pages
 */
export type ShowtimesFault =
  | { kind: 'unauthorized' | 'forbidden' | 'hang' | 'malformed' | 'truncated'; page?: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number; times?: number; page?: number }
  | { kind: 'server-error'; times?: number; page?: number }
  | { kind: 'shifting'; times?: number; page?: number };

/** A cinema record in the API's v4 shape (see libs/catalog/src/showtimes/showtimes.schemas.ts). */
export type FakeRecord = Record<string, unknown>;

/**
 * A local International Showtimes API (node:http on 127.0.0.1, a free port) under `/v4`:
 * `GET /cinemas`, `/movies`, `/showtimes` with `cinema_id` (comma-separated), `page` and
 * `per_page` honoured (at most `pageSize` records a page, like an API that caps page sizes),
 * `meta_info { total_count, current_page, total_pages, per_page }`, the key checked in
 * `X-API-Key`, and switchable faults. The test owns the lists and may change them between imports.
 */
export class FakeShowtimesServer {
  cinemas: FakeRecord[] = [];
  movies: FakeRecord[] = [];
  showtimes: FakeRecord[] = [];
  /** Largest page served. */
  pageSize = 50;
  /** Every request: list, page, status. */
  readonly requests: { list: string; page: number; status: number; query: URLSearchParams }[] = [];
  /** Delay before each answer, ms (to hold an import open). */
  delayMs = 0;
  private readonly faults = new Map<ShowtimesList, ShowtimesFault & { used: number }>();
  private readonly sockets = new Set<Socket>();
  private shifted = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a fake on 127.0.0.1:<free port>; `url` is the SHOWTIMES_BASE_URL to use. */
  static async start(): Promise<FakeShowtimesServer> {
    let fake: FakeShowtimesServer | undefined;
    const server = createServer((request, response) => void fake!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeShowtimesServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/v4`);
    return fake;
  }

  /** Sets the fault of a list (replacing its previous one). */
  fault(list: ShowtimesList, fault: ShowtimesFault): this {
    this.faults.set(list, { ...fault, used: 0 });
    return this;
  }

  /** Removes faults and delays, forgets requests. */
  reset(): void {
    this.faults.clear();
    this.requests.length = 0;
    this.delayMs = 0;
  }

  /** Requests of a list (all when omitted). */
  count(list?: ShowtimesList): number {
    return this.requests.filter((request) => list === undefined || request.list === list).length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const list = url.pathname.replace(/^\/v4\//, '').replace(/\/$/, '') as ShowtimesList;
    const page = Number(url.searchParams.get('page') ?? 1);
    const record = (status: number) => this.requests.push({ list, page, status, query: url.searchParams });
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (!['cinemas', 'movies', 'showtimes'].includes(list))
      return replyJson(response, record, 404, errorBody('Not found'));
    if (request.headers['x-api-key'] !== FAKE_SHOWTIMES_API_KEY)
      return replyJson(response, record, 401, errorBody('Invalid API key'));

    const fault = this.faults.get(list);
    const applies = fault && (fault.page === undefined || fault.page === page) && fault.used < timesOf(fault);
    if (fault && applies && fault.kind !== 'shifting') {
      fault.used++;
      switch (fault.kind) {
        case 'unauthorized':
          return replyJson(response, record, 401, errorBody('Invalid API key'));
        case 'forbidden':
          return replyJson(response, record, 403, errorBody('Your plan does not include this country'));
        case 'rate-limit':
          return replyJson(response, record, 429, errorBody('Rate limit exceeded'), {
            'retry-after': String(fault.retryAfterSeconds),
          });
        case 'server-error':
          return replyJson(response, record, 503, errorBody('Service unavailable'));
        case 'hang':
          record(0);
          return;
        case 'malformed':
          record(200);
          response.writeHead(200, { 'content-type': 'text/html' });
          return void response.end('<html><body>502 Bad Gateway</body></html>');
        case 'truncated': {
          record(200);
          const text = JSON.stringify(this.page(list, url.searchParams));
          response.writeHead(200, { 'content-type': 'application/json' });
          return void response.end(text.slice(0, Math.floor(text.length / 2)));
        }
      }
    }
    const body = this.page(list, url.searchParams);
    replyJson(response, record, 200, body);
    if (fault && applies && fault.kind === 'shifting') {
      fault.used++;
      const template = this[list][0] ?? {};
      this[list].push({ ...template, id: `${String(template.id ?? 'x')}9${++this.shifted}` });
    }
  }

  private page(list: ShowtimesList, query: URLSearchParams): unknown {
    const ids = query.get('cinema_id')?.split(',');
    let records = this[list];
    if (ids && list !== 'movies')
      records = records.filter((item) => ids.includes(String(list === 'cinemas' ? item.id : item.cinema_id)));
    const perPage = Math.min(this.pageSize, Number(query.get('per_page') ?? this.pageSize));
    const page = Number(query.get('page') ?? 1);
    return {
      [list]: records.slice((page - 1) * perPage, page * perPage),
      meta_info: {
        total_count: records.length,
        current_page: page,
        total_pages: Math.max(1, Math.ceil(records.length / perPage)),
        per_page: perPage,
      },
    };
  }
}

function timesOf(fault: ShowtimesFault): number {
  if ('times' in fault && fault.times !== undefined) return fault.times;
  return fault.kind === 'rate-limit' || fault.kind === 'server-error' ? 1 : Infinity;
}

function errorBody(message: string): unknown {
  return { error: { message } };
}

/** A cinema in the API's shape: `id`, `name`, `chain_id`, `location { lat, lon, address }`, … */
export function fakeCinema(
  id: string,
  name: string,
  city = 'Berlin',
  at: [number, number] = [52.52, 13.405],
): FakeRecord {
  return {
    id,
    slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    name,
    chain_id: null,
    telephone: '+49 30 000000',
    website: `https://cinema.example/${id}`,
    location: {
      lat: at[0],
      lon: at[1],
      address: {
        display_text: `Teststraße ${id}, 10115 ${city}, Germany`,
        street: 'Teststraße',
        house: id,
        zipcode: '10115',
        city,
        state: null,
        state_abbr: null,
        country: 'Germany',
        country_code: 'DE',
      },
    },
  };
}

/** A movie record: `id`, `title`, `tmdb_id`, `imdb_id`, `runtime`. */
export function fakeMovie(
  id: string,
  tmdbId: number | null,
  title = `Movie ${id}`,
  runtime: number | null = 100,
): FakeRecord {
  return { id, slug: title.toLowerCase(), title, original_title: title, tmdb_id: tmdbId, imdb_id: null, runtime };
}

/** A showtime record (v4): `start_at` with the offset, auditorium, language, subtitles, 3D/IMAX, booking link. */
export function fakeShowtime(
  id: string,
  cinemaId: string,
  movieId: string,
  startAt: string,
  extra: FakeRecord = {},
): FakeRecord {
  return {
    id,
    cinema_id: cinemaId,
    movie_id: movieId,
    start_at: startAt,
    auditorium: 'Saal 1',
    language: 'de',
    subtitle_language: null,
    is_3d: false,
    is_imax: false,
    booking_type: 'external',
    booking_link: `https://cinema.example/${cinemaId}/book/${id}`,
    ...extra,
  };
}

/** `start_at` in Berlin's wall clock with its offset, `days` from today at `hhmm`. */
export function berlinStart(days: number, hhmm: string, nowMs = Date.now()): string {
  return wallClockStart('Europe/Berlin', ['+01:00', '+02:00'], days, hhmm, nowMs);
}

/** `start_at` in New York's wall clock with its offset (-05:00 or -04:00), `days` from today at `hhmm`. */
export function newYorkStart(days: number, hhmm: string, nowMs = Date.now()): string {
  return wallClockStart('America/New_York', ['-05:00', '-04:00'], days, hhmm, nowMs);
}

/**
 * `start_at` at `hhmm` on the local day `days` from today in `zone`, written with whichever of
 * the zone's `offsets` (standard, summer) gives that wall time back.
 */
function wallClockStart(zone: string, offsets: string[], days: number, hhmm: string, nowMs: number): string {
  const date = new Date(nowMs + days * 86_400_000);
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
  for (const offset of offsets) {
    const iso = `${local}T${hhmm}:00${offset}`;
    const back = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' }).format(
      new Date(iso),
    );
    if (back === hhmm) return iso;
  }
  return `${local}T${hhmm}:00${offsets[0]}`;
}

import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { snapshotFileName } from '@app/catalog';
import { replyJson } from './json-reply';

/** The committed snapshot the fake serves. */
export const SNAPSHOT_DIR = join(__dirname, '..', '..', 'libs', 'catalog', 'snapshot', 'tmdb');
/** Credentials the fake accepts (like TMDB: `api_key` query parameter or `Authorization: Bearer`). */
export const FAKE_TMDB_API_KEY = 'fake-tmdb-api-key';
export const FAKE_TMDB_READ_TOKEN = 'fake-tmdb-read-token';

/**
 * A fault on one request key (`/genre/movie/list`, `/movie/now_playing?page=2`, `/movie/550`):
 * - `rate-limit`: 429 with `Retry-After: retryAfterSeconds` for `times` requests (default 1), then OK
 * - `server-error`: 500 for `times` requests (default 1), then OK
 * - `unauthorized`: 401 with TMDB's body; `not-found`: 404
 * - `hang`: headers never sent (longer than any client timeout); sockets are dropped at close()
 * - `malformed`: 200 with a body that is not JSON; `truncated`: 200 with the first half of the JSON
 */
export type TmdbFault =
  | { kind: 'rate-limit'; retryAfterSeconds: number; times?: number }
  | { kind: 'server-error'; times?: number }
  | { kind: 'unauthorized' }
  | { kind: 'not-found' }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'truncated' };

/** One request the fake received. */
export interface FakeTmdbRequest {
  key: string;
  status: number;
  at: number;
}

/**
 * A local TMDB API v3 (node:http on 127.0.0.1, a free port) serving the committed snapshot under
 * `/3`, with switchable faults per request key and per-film payload patches (runtime 0/null,
 * missing poster, non-Latin title …). Checks credentials like TMDB (401 otherwise) and records
 * every request. `url` is the TMDB_BASE_URL to use.
 *
 * `idOffset` is added to every TMDB id it serves (`/movie/{offset + id}` answers the snapshot's
 * `movie-{id}.json`), so test files sharing one MariaDB database import disjoint films. Request
 * keys and {@link patchMovie} use the served (offset) ids and the snapshot ids respectively.
 */
export class FakeTmdbServer {
  readonly requests: FakeTmdbRequest[] = [];
  private readonly faults = new Map<string, TmdbFault & { used: number }>();
  private readonly patches = new Map<number, Record<string, unknown>>();
  private readonly sockets = new Set<Socket>();
  private totalPages?: number;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly idOffset: number,
  ) {
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a fake on 127.0.0.1:<free port>. */
  static async start(options: { idOffset?: number } = {}): Promise<FakeTmdbServer> {
    let fake: FakeTmdbServer | undefined;
    const server = createServer((request, response) => fake!.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeTmdbServer(
      server,
      `http://127.0.0.1:${(server.address() as AddressInfo).port}/3`,
      options.idOffset ?? 0,
    );
    return fake;
  }

  /** The id this fake serves for a snapshot film. */
  id(snapshotId: number): number {
    return snapshotId + this.idOffset;
  }

  /** Sets the fault of a request key, e.g. `fault('/movie/now_playing?page=2', { kind: 'truncated' })`. */
  fault(key: string, fault: TmdbFault): this {
    this.faults.set(key, { ...fault, used: 0 });
    return this;
  }

  /** Overrides fields of a film in its detail and list entries; `undefined` deletes a field. */
  patchMovie(tmdbId: number, patch: Record<string, unknown>): this {
    this.patches.set(tmdbId, { ...this.patches.get(tmdbId), ...patch });
    return this;
  }

  /** Makes now_playing pages claim `total_pages` (pages past the snapshot's answer 404 unless faulted). */
  claimTotalPages(totalPages: number | undefined): this {
    this.totalPages = totalPages;
    return this;
  }

  /** Removes every fault, patch and page claim, and forgets the requests. */
  reset(): void {
    this.faults.clear();
    this.patches.clear();
    this.totalPages = undefined;
    this.requests.length = 0;
  }

  /** Requests received for `key` (all keys when omitted). */
  count(key?: string): number {
    return key === undefined ? this.requests.length : this.requests.filter((request) => request.key === key).length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/3(?=\/)/, '');
    const page = url.searchParams.get('page');
    const key = path === '/movie/now_playing' ? `${path}?page=${page ?? 1}` : path;
    const record = (status: number) => this.requests.push({ key, status, at: Date.now() });

    const authorized =
      url.searchParams.get('api_key') === FAKE_TMDB_API_KEY ||
      request.headers.authorization === `Bearer ${FAKE_TMDB_READ_TOKEN}`;
    if (request.method !== 'GET' || !url.pathname.startsWith('/3/'))
      return replyJson(response, record, 404, notFoundBody());
    if (!authorized) return replyJson(response, record, 401, unauthorizedBody());

    const fault = this.faults.get(key);
    if (fault && this.applies(fault)) {
      fault.used++;
      switch (fault.kind) {
        case 'rate-limit':
          return replyJson(
            response,
            record,
            429,
            { status_code: 25, status_message: 'Your request count (41) is over the allowed limit of (40).' },
            {
              'retry-after': String(fault.retryAfterSeconds),
            },
          );
        case 'server-error':
          return replyJson(response, record, 500, {
            status_code: 11,
            status_message: 'Internal error: Something went wrong, contact TMDb.',
          });
        case 'unauthorized':
          return replyJson(response, record, 401, unauthorizedBody());
        case 'not-found':
          return replyJson(response, record, 404, notFoundBody());
        case 'hang':
          record(0);
          return; // never answered; close() destroys the socket
        case 'malformed':
          record(200);
          response.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
          return void response.end('{"page":1,"results":[}]}');
        case 'truncated': {
          record(200);
          const text = JSON.stringify(this.body(path, page));
          response.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
          return void response.end(text.slice(0, Math.floor(text.length / 2)));
        }
      }
    }
    const body = this.body(path, page);
    return body === undefined
      ? replyJson(response, record, 404, notFoundBody())
      : replyJson(response, record, 200, body);
  }

  private applies(fault: TmdbFault & { used: number }): boolean {
    const times =
      'times' in fault && fault.times !== undefined
        ? fault.times
        : fault.kind === 'rate-limit' || fault.kind === 'server-error'
          ? 1
          : Infinity;
    return fault.used < times;
  }

  /** The snapshot's answer for a request with patches applied, or undefined when it has none. */
  private body(path: string, page: string | null): unknown {
    const movie = /^\/movie\/(\d+)$/.exec(path);
    const snapshotPath = movie ? `/movie/${Number(movie[1]) - this.idOffset}` : path;
    const name = snapshotFileName(snapshotPath, page ? { page } : {});
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(readFileSync(join(SNAPSHOT_DIR, name ?? 'none'), 'utf8'));
    } catch {
      return undefined;
    }
    if (Array.isArray(body.results)) {
      body.results = (body.results as Record<string, unknown>[]).map((item) => this.patched(item));
      if (this.totalPages !== undefined) body.total_pages = this.totalPages;
      return body;
    }
    return this.patched(body);
  }

  private patched(movie: Record<string, unknown>): Record<string, unknown> {
    const patch = typeof movie.id === 'number' ? this.patches.get(movie.id) : undefined;
    const result: Record<string, unknown> = { ...movie, ...patch };
    if (typeof movie.id === 'number') result.id = movie.id + this.idOffset;
    if (!patch) return result;
    for (const [field, value] of Object.entries(patch)) if (value === undefined) delete result[field];
    return result;
  }
}

function unauthorizedBody() {
  return { status_code: 7, status_message: 'Invalid API key: You must be granted a valid key.', success: false };
}

function notFoundBody() {
  return { success: false, status_code: 34, status_message: 'The resource you requested could not be found.' };
}

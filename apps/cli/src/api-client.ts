import type { ServerEntry } from '@app/contracts';
import { Unreachable } from './cli-errors';
import { nodeTransport, Transport, TransportError } from './http-transport';

/** One request to the API, relative to `/api` (e.g. `/shows/7/reservations`). */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A try that gave no usable answer. `mayHaveRun`: the server may have carried the request out. */
export interface FailedTry {
  server: ServerEntry;
  reason: string;
  mayHaveRun: boolean;
}

/** A server's answer: status, parsed JSON body (or the raw text), and the tries that failed before it. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  server: ServerEntry;
  failedTries: FailedTry[];
}

/** Where the client reports what it is doing (stderr lines). */
export interface ClientNotes {
  failover(line: string): void;
  verbose(line: string): void;
}

/** Network errors that prove the request never reached a server. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** `server 2 (10.0.0.2:3000)` */
export function describeServer(server: ServerEntry): string {
  return `server ${server.id} (${server.host}:${server.port})`;
}

/**
 * HTTP to the cluster with failover (DESIGN.md "Command-line client"). Servers are tried in the
 * given order (see serverOrder), starting from the one that answered last; a try that is refused,
 * breaks off, gets no answer within `timeoutMs`, or gets a 5xx answer moves on to the next server,
 * each server at most once per request. Requests that are retried must be safe to repeat: the
 * reservation carries an Idempotency-Key, so its retry returns the first result.
 */
export class ApiClient {
  private next = 0;

  constructor(
    private readonly servers: readonly ServerEntry[],
    private readonly timeoutMs: number,
    private readonly notes: ClientNotes,
    private readonly transport: Transport = nodeTransport,
  ) {}

  /**
   * Sends `request`, failing over as described above; returns the first usable answer (any
   * status below 500).
   * @throws Unreachable listing each server's failure when no server answered usably.
   */
  async send(request: ApiRequest): Promise<ApiAnswer> {
    const failedTries: FailedTry[] = [];
    for (let offset = 0; offset < this.servers.length; offset++) {
      const index = (this.next + offset) % this.servers.length;
      const server = this.servers[index];
      const outcome = await this.try(server, request);
      if ('status' in outcome) {
        this.next = index;
        return { ...outcome, server, failedTries };
      }
      failedTries.push(outcome);
      if (offset + 1 < this.servers.length) {
        const following = this.servers[(index + 1) % this.servers.length];
        this.notes.failover(`${describeServer(server)} ${outcome.reason}; trying ${describeServer(following)}`);
      }
    }
    this.next = (this.next + 1) % this.servers.length;
    const tried = failedTries.map((failure) => `${describeServer(failure.server)} ${failure.reason}`).join('; ');
    throw new Unreachable(`no server answered (${tried})`);
  }

  /** One try on one server, within `timeoutMs` for the whole answer. */
  private async try(
    server: ServerEntry,
    request: ApiRequest,
  ): Promise<Omit<ApiAnswer, 'server' | 'failedTries'> | FailedTry> {
    const url = urlOf(server, request);
    this.notes.verbose(`${request.method} ${url}`);
    try {
      const reply = await this.transport({
        method: request.method,
        url,
        headers: {
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...request.headers,
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        timeoutMs: this.timeoutMs,
      });
      this.notes.verbose(`${describeServer(server)} answered ${reply.status}`);
      if (reply.status >= 500)
        return { server, reason: `answered ${reply.status}${errorCodeOf(reply.text)}`, mayHaveRun: true };
      return { status: reply.status, body: parseBody(reply.text) };
    } catch (error) {
      if (!(error instanceof TransportError)) throw error;
      return { server, reason: reasonOf(error, this.timeoutMs), mayHaveRun: !NEVER_SENT.has(error.code) };
    }
  }
}

function urlOf(server: ServerEntry, request: ApiRequest): URL {
  const url = new URL(`http://${server.host}:${server.port}/api${request.path}`);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** ` (INTERNAL)` from a JSON error body, for the failover note. */
function errorCodeOf(text: string): string {
  const body = parseBody(text) as { error?: unknown } | undefined;
  return typeof body === 'object' && body && typeof body.error === 'string' ? ` (${body.error})` : '';
}

/** A failure as a note says it: `refused the connection`, `did not answer within 5000 ms`. */
function reasonOf(error: TransportError, timeoutMs: number): string {
  switch (error.code) {
    case 'TIMEOUT':
      return `did not answer within ${timeoutMs} ms`;
    case 'TOO_LARGE':
      return `sent an answer too large to be Marquee's (${error.message})`;
    case 'ECONNREFUSED':
      return 'refused the connection';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'could not be found (unknown host)';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'is unreachable';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'closed the connection without an answer';
    default:
      return `failed (${error.code}: ${error.message})`;
  }
}

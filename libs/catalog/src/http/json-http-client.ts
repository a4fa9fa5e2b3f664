import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { describeRequest, parseJsonBody, SourceQuery } from './json-body';
import { SourceErrorFactory, SourceRequestFailed } from './source-request-failed';

/** Settings of a {@link JsonHttpClient}. */
export interface JsonHttpSettings {
  /** e.g. `https://api.themoviedb.org/3`. */
  baseUrl: string;
  /** The source in messages: `TMDB`, `the showtimes API`. */
  label: string;
  /** Headers sent with every request (credentials, Accept). */
  headers?: Record<string, string>;
  /** Query parameters added to every request and never shown in messages (e.g. `api_key`). */
  secretQuery?: SourceQuery;
  /** Deadline of one attempt in milliseconds, body included. */
  timeoutMs: number;
  /** Retries after the first attempt for 429, 5xx, timeouts and network errors. */
  maxRetries: number;
  /** Longest wait a 429's Retry-After may impose, in milliseconds (default 30 000). */
  maxRetryAfterMs?: number;
  /** First backoff in milliseconds, doubled per retry with ±25 % jitter (default 250). */
  backoffMs?: number;
  /** Largest body accepted, bytes (default 5 MiB). */
  maxBodyBytes?: number;
  /** Builds the source's error class. */
  fail: SourceErrorFactory;
  /** Text the source put in an error body, e.g. TMDB's `status_message` (shown after the status). */
  errorDetail?: (body: string) => string;
}

const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
const RETRYABLE_STATUSES = new Set([500, 502, 503, 504]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
]);

/** What one attempt came to: a body, or a failure with whether it is worth another attempt. */
type Attempt =
  | { kind: 'ok'; body: unknown }
  | { kind: 'retry'; error: SourceRequestFailed; waitMs?: number }
  | { kind: 'fail'; error: SourceRequestFailed };

/**
 * GET of JSON from an import source over HTTP(S) with axios, shared by the TMDB and showtimes
 * sources. Bodies are read as text and parsed here so truncated JSON is told apart from
 * malformed JSON. Per request: 429 waits the `Retry-After` seconds (or HTTP date; capped by
 * `maxRetryAfterMs`) and retries; 5xx, timeouts and network errors retry with exponential
 * backoff; 401, 403, 404, other 4xx, malformed and truncated JSON fail at once. All of it ends
 * after `maxRetries` retries.
 * @throws the source's SourceRequestFailed naming the request, never the credentials.
 */
export class JsonHttpClient {
  private readonly http: AxiosInstance;
  private readonly maxBodyBytes: number;

  constructor(
    private readonly settings: JsonHttpSettings,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    this.maxBodyBytes = settings.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.http = axios.create({
      baseURL: settings.baseUrl.replace(/\/+$/, ''),
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxContentLength: this.maxBodyBytes,
      maxRedirects: 3,
      headers: { Accept: 'application/json', ...settings.headers },
    });
  }

  /** The parsed JSON body of `GET path?query`, after retries. */
  async get(path: string, query: SourceQuery = {}): Promise<unknown> {
    const request = describeRequest(path, query);
    const attempts = this.settings.maxRetries + 1;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(path, query, request);
      if (outcome.kind === 'ok') return outcome.body;
      if (outcome.kind === 'fail') throw outcome.error;
      if (attempt >= attempts) {
        const error = outcome.error;
        throw this.settings.fail(
          error.failure,
          `${error.message} (gave up after ${attempts} attempt${attempts > 1 ? 's' : ''})`,
          request,
          error.status,
        );
      }
      await this.sleep(outcome.waitMs ?? this.backoff(attempt));
    }
  }

  private async attempt(path: string, query: SourceQuery, request: string): Promise<Attempt> {
    const { label, fail } = this.settings;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.settings.timeoutMs);
    try {
      const params = { ...query, ...this.settings.secretQuery };
      // One deadline for the whole exchange, body included (axios' own timeout is per socket idle).
      const response = await this.http.get<string>(path, { params, signal: controller.signal });
      return this.classify(response, request);
    } catch (error) {
      if (controller.signal.aborted || axios.isCancel(error)) {
        const message = `${label} did not answer ${request} within ${this.settings.timeoutMs} ms`;
        return { kind: 'retry', error: fail('timeout', message, request) };
      }
      const code = (error as { code?: string }).code ?? 'ERR_UNKNOWN';
      if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(String((error as Error).message))) {
        const message = `${label} sent more than ${this.maxBodyBytes} bytes for ${request}`;
        return { kind: 'fail', error: fail('malformed', message, request) };
      }
      const message = `${label} could not be reached for ${request} (${code}: ${(error as Error).message})`;
      const failure = fail('network', message, request);
      return NETWORK_CODES.has(code) || code === 'ERR_NETWORK' || code === 'ERR_BAD_RESPONSE'
        ? { kind: 'retry', error: failure }
        : { kind: 'fail', error: failure };
    } finally {
      clearTimeout(timer);
    }
  }

  private classify(response: AxiosResponse<string>, request: string): Attempt {
    const { label, fail } = this.settings;
    const { status } = response;
    const body = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    if (status >= 200 && status < 300) {
      const contentType = response.headers['content-type'] as string | undefined;
      try {
        return { kind: 'ok', body: parseJsonBody(body, request, label, fail, contentType) };
      } catch (error) {
        return { kind: 'fail', error: error as SourceRequestFailed };
      }
    }
    const said = this.settings.errorDetail?.(body) ?? '';
    if (status === 401) {
      const message = `${label} rejected the credentials (401) for ${request}${said}`;
      return { kind: 'fail', error: fail('credentials', message, request, status) };
    }
    if (status === 403) {
      const message = `${label} refused ${request} (403: the key may not read it, e.g. a country outside the plan)${said}`;
      return { kind: 'fail', error: fail('forbidden', message, request, status) };
    }
    if (status === 404) {
      return { kind: 'fail', error: fail('not-found', `${label} has no ${request} (404)${said}`, request, status) };
    }
    if (status === 429) {
      const error = fail('rate-limited', `${label} rate-limited ${request} (429)`, request, status);
      return { kind: 'retry', error, waitMs: this.retryAfterMs(response.headers['retry-after']) };
    }
    const error = fail('status', `${label} answered ${request} with HTTP ${status}${said}`, request, status);
    return RETRYABLE_STATUSES.has(status) ? { kind: 'retry', error } : { kind: 'fail', error };
  }

  /** Retry-After in seconds (or an HTTP date), capped; undefined when absent or unreadable. */
  private retryAfterMs(header: unknown): number | undefined {
    const cap = this.settings.maxRetryAfterMs ?? 30_000;
    const value = Array.isArray(header) ? header[0] : header;
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    const seconds = Number(value.trim());
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - Date.now();
    return Number.isFinite(ms) ? Math.min(Math.max(0, ms), cap) : undefined;
  }

  private backoff(attempt: number): number {
    const base = (this.settings.backoffMs ?? 250) * 2 ** (attempt - 1);
    return Math.min(10_000, Math.round(base * (0.75 + Math.random() * 0.5)));
  }
}

import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { AppConfigService } from '@app/common';
import { parseTmdbJson } from './tmdb-json';
import { describeRequest, TmdbQuery, TmdbSource } from './tmdb-source';
import { TmdbRequestFailed } from './tmdb.exception';

/** Settings of {@link HttpTmdbSource}; the `from config` values are TMDB_* variables. */
export interface HttpTmdbSettings {
  /** e.g. `https://api.themoviedb.org/3` (TMDB_BASE_URL). */
  baseUrl: string;
  /** v3 API key, sent as the `api_key` query parameter (TMDB_API_KEY). */
  apiKey?: string;
  /** v4 read access token, sent as `Authorization: Bearer` (TMDB_READ_TOKEN); preferred when both are set. */
  readToken?: string;
  /** Deadline of one attempt in milliseconds, body included (TMDB_TIMEOUT_MS). */
  timeoutMs: number;
  /** Retries after the first attempt for 429, 5xx, timeouts and network errors (TMDB_MAX_RETRIES). */
  maxRetries: number;
  /** Longest wait a 429's Retry-After may impose, in milliseconds (default 30 000). */
  maxRetryAfterMs?: number;
  /** First backoff in milliseconds, doubled per retry with ±25 % jitter (default 250). */
  backoffMs?: number;
}

/** Largest body accepted (bytes): a now_playing page is ~10 KB, a detail ~3 KB. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
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
  | { kind: 'retry'; error: TmdbRequestFailed; waitMs?: number }
  | { kind: 'fail'; error: TmdbRequestFailed };

/**
 * The live TMDB API v3 over HTTPS (axios). Bodies are read as text and parsed here so truncated
 * JSON is told apart from malformed JSON. Per request: 429 waits the `Retry-After` seconds
 * (capped by `maxRetryAfterMs`) and retries; 5xx, timeouts and network errors retry with
 * exponential backoff; 401, 404, other 4xx, malformed and truncated JSON fail at once.
 * All of it ends after `maxRetries` retries.
 * @throws TmdbRequestFailed (IMPORT_FAILED) naming the request, never the key.
 */
export class HttpTmdbSource extends TmdbSource {
  readonly description: string;
  private readonly http: AxiosInstance;

  constructor(
    private readonly settings: HttpTmdbSettings,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    super();
    if (!settings.apiKey && !settings.readToken) {
      throw new TmdbRequestFailed(
        'unconfigured',
        'TMDB credentials are missing: set TMDB_API_KEY (v3 API key) or TMDB_READ_TOKEN (v4 read access token)',
      );
    }
    this.description = `TMDB ${settings.baseUrl}`;
    this.http = axios.create({
      baseURL: settings.baseUrl.replace(/\/+$/, ''),
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      maxContentLength: MAX_BODY_BYTES,
      maxRedirects: 3,
      headers: {
        Accept: 'application/json',
        ...(settings.readToken ? { Authorization: `Bearer ${settings.readToken}` } : {}),
      },
    });
  }

  /**
   * Builds one from TMDB_BASE_URL, TMDB_API_KEY / TMDB_READ_TOKEN, TMDB_TIMEOUT_MS, TMDB_MAX_RETRIES.
   * @throws TmdbRequestFailed `'unconfigured'` when neither TMDB_API_KEY nor TMDB_READ_TOKEN is set.
   */
  static fromConfig(config: AppConfigService): HttpTmdbSource {
    return new HttpTmdbSource({
      baseUrl: config.get('TMDB_BASE_URL'),
      apiKey: config.get('TMDB_API_KEY'),
      readToken: config.get('TMDB_READ_TOKEN'),
      timeoutMs: config.get('TMDB_TIMEOUT_MS'),
      maxRetries: config.get('TMDB_MAX_RETRIES'),
    });
  }

  async get(path: string, query: TmdbQuery = {}): Promise<unknown> {
    const request = describeRequest(path, query);
    const attempts = this.settings.maxRetries + 1;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(path, query, request);
      if (outcome.kind === 'ok') return outcome.body;
      if (outcome.kind === 'fail') throw outcome.error;
      if (attempt >= attempts) {
        const error = outcome.error;
        throw new TmdbRequestFailed(
          error.failure,
          `${error.message} (gave up after ${attempts} attempt${attempts > 1 ? 's' : ''})`,
          request,
          error.status,
        );
      }
      await this.sleep(outcome.waitMs ?? this.backoff(attempt));
    }
  }

  private async attempt(path: string, query: TmdbQuery, request: string): Promise<Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.settings.timeoutMs);
    try {
      const params = this.settings.readToken ? query : { ...query, api_key: this.settings.apiKey };
      // One deadline for the whole exchange, body included (axios' own timeout is per socket idle).
      const response = await this.http.get<string>(path, { params, signal: controller.signal });
      return this.classify(response, request);
    } catch (error) {
      if (controller.signal.aborted || axios.isCancel(error)) {
        return {
          kind: 'retry',
          error: new TmdbRequestFailed(
            'timeout',
            `TMDB did not answer ${request} within ${this.settings.timeoutMs} ms`,
            request,
          ),
        };
      }
      const code = (error as { code?: string }).code ?? 'ERR_UNKNOWN';
      if (code === 'ERR_BAD_RESPONSE' && /maxContentLength/i.test(String((error as Error).message))) {
        return {
          kind: 'fail',
          error: new TmdbRequestFailed(
            'malformed',
            `TMDB sent more than ${MAX_BODY_BYTES} bytes for ${request}`,
            request,
          ),
        };
      }
      const message = `TMDB could not be reached for ${request} (${code}: ${(error as Error).message})`;
      const failure = new TmdbRequestFailed('network', message, request);
      return NETWORK_CODES.has(code) || code === 'ERR_NETWORK' || code === 'ERR_BAD_RESPONSE'
        ? { kind: 'retry', error: failure }
        : { kind: 'fail', error: failure };
    } finally {
      clearTimeout(timer);
    }
  }

  private classify(response: AxiosResponse<string>, request: string): Attempt {
    const { status } = response;
    const body = typeof response.data === 'string' ? response.data : String(response.data ?? '');
    if (status >= 200 && status < 300) {
      const contentType = response.headers['content-type'] as string | undefined;
      try {
        return { kind: 'ok', body: parseTmdbJson(body, request, contentType) };
      } catch (error) {
        return { kind: 'fail', error: error as TmdbRequestFailed };
      }
    }
    const said = tmdbStatusMessage(body);
    if (status === 401)
      return {
        kind: 'fail',
        error: new TmdbRequestFailed(
          'credentials',
          `TMDB rejected the credentials (401) for ${request}${said}`,
          request,
          status,
        ),
      };
    if (status === 404)
      return {
        kind: 'fail',
        error: new TmdbRequestFailed('not-found', `TMDB has no ${request} (404)${said}`, request, status),
      };
    if (status === 429) {
      const error = new TmdbRequestFailed('rate-limited', `TMDB rate-limited ${request} (429)`, request, status);
      return { kind: 'retry', error, waitMs: this.retryAfterMs(response.headers['retry-after']) };
    }
    const error = new TmdbRequestFailed(
      'status',
      `TMDB answered ${request} with HTTP ${status}${said}`,
      request,
      status,
    );
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

/** `: "Invalid API key: You must be granted a valid key."` from TMDB's `{ status_message }` body, if any. */
function tmdbStatusMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { status_message?: unknown };
    return typeof parsed?.status_message === 'string' ? `: "${parsed.status_message.slice(0, 200)}"` : '';
  } catch {
    return '';
  }
}

import { AppConfigService } from '@app/common';
import { JsonHttpClient } from '../http/json-http-client';
import { TmdbQuery, TmdbSource } from './tmdb-source';
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

/**
 * The live TMDB API v3 over HTTPS, through the shared {@link JsonHttpClient} (axios; retries of
 * 429 after `Retry-After`, 5xx, timeouts and network errors; 401, 404, other 4xx, malformed and
 * truncated JSON fail at once). The v3 key goes as the `api_key` query parameter, the read token
 * as `Authorization: Bearer`.
 * @throws TmdbRequestFailed (IMPORT_FAILED) naming the request, never the key.
 */
export class HttpTmdbSource extends TmdbSource {
  readonly description: string;
  private readonly http: JsonHttpClient;

  constructor(settings: HttpTmdbSettings, sleep?: (ms: number) => Promise<void>) {
    super();
    if (!settings.apiKey && !settings.readToken) {
      throw new TmdbRequestFailed(
        'unconfigured',
        'TMDB credentials are missing: set TMDB_API_KEY (v3 API key) or TMDB_READ_TOKEN (v4 read access token)',
      );
    }
    this.description = `TMDB ${settings.baseUrl}`;
    this.http = new JsonHttpClient(
      {
        ...settings,
        label: 'TMDB',
        headers: settings.readToken ? { Authorization: `Bearer ${settings.readToken}` } : {},
        secretQuery: settings.readToken ? {} : { api_key: settings.apiKey! },
        fail: (...args) => new TmdbRequestFailed(...args),
        errorDetail: tmdbStatusMessage,
      },
      sleep,
    );
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

  get(path: string, query: TmdbQuery = {}): Promise<unknown> {
    return this.http.get(path, query);
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

import { AppConfigService } from '@app/common';
import { SourceQuery } from '../http/json-body';
import { JsonHttpClient } from '../http/json-http-client';
import { ShowtimesSource } from './showtimes-source';
import { ShowtimesRequestFailed } from './showtimes.exception';

/** Settings of {@link HttpShowtimesSource}; the `from config` values are SHOWTIMES_* variables. */
export interface HttpShowtimesSettings {
  /** e.g. `https://api.internationalshowtimes.com/v4` (SHOWTIMES_BASE_URL). */
  baseUrl: string;
  /** Sent as the `X-API-Key` header (SHOWTIMES_API_KEY). */
  apiKey?: string;
  /** Deadline of one attempt in milliseconds, body included (SHOWTIMES_TIMEOUT_MS). */
  timeoutMs: number;
  /** Retries for 429, 5xx, timeouts and network errors (SHOWTIMES_MAX_RETRIES). */
  maxRetries: number;
  maxRetryAfterMs?: number;
  backoffMs?: number;
}

/**
 * The live International Showtimes API over HTTPS through the shared {@link JsonHttpClient}
 * (the same retries, Retry-After, timeouts and JSON checks as the TMDB import); the key goes in
 * the `X-API-Key` header.
 * @throws ShowtimesRequestFailed (IMPORT_FAILED): `'credentials'` for 401, `'forbidden'` for
 *   403, `'rate-limited'`, `'status'`, `'timeout'`, `'network'` after the retries,
 *   `'malformed'` / `'truncated'` bodies; `'unconfigured'` without a key.
 */
export class HttpShowtimesSource extends ShowtimesSource {
  readonly description: string;
  private readonly http: JsonHttpClient;

  constructor(settings: HttpShowtimesSettings, sleep?: (ms: number) => Promise<void>) {
    super();
    if (!settings.apiKey) {
      throw new ShowtimesRequestFailed('unconfigured', 'the showtimes API key is missing: set SHOWTIMES_API_KEY');
    }
    this.description = `showtimes API ${settings.baseUrl}`;
    this.http = new JsonHttpClient(
      {
        ...settings,
        label: 'the showtimes API',
        headers: { 'X-API-Key': settings.apiKey },
        fail: (...args) => new ShowtimesRequestFailed(...args),
        errorDetail: errorMessage,
      },
      sleep,
    );
  }

  /** From SHOWTIMES_BASE_URL, SHOWTIMES_API_KEY, SHOWTIMES_TIMEOUT_MS, SHOWTIMES_MAX_RETRIES. */
  static fromConfig(config: AppConfigService): HttpShowtimesSource {
    return new HttpShowtimesSource({
      baseUrl: config.get('SHOWTIMES_BASE_URL'),
      apiKey: config.get('SHOWTIMES_API_KEY'),
      timeoutMs: config.get('SHOWTIMES_TIMEOUT_MS'),
      maxRetries: config.get('SHOWTIMES_MAX_RETRIES'),
    });
  }

  get(path: string, query: SourceQuery = {}): Promise<unknown> {
    return this.http.get(path, query);
  }
}

/** `: "Invalid API key"` from an error body `{ error: { message } }` or `{ message }`, if any. */
function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: { message?: unknown } | unknown };
    const nested =
      typeof parsed?.error === 'object' && parsed.error ? (parsed.error as { message?: unknown }).message : undefined;
    const message =
      typeof parsed?.message === 'string' ? parsed.message : typeof nested === 'string' ? nested : undefined;
    return message ? `: "${message.slice(0, 200)}"` : '';
  } catch {
    return '';
  }
}

import { DomainError, ErrorCode } from '@app/common';

/** Why a TMDB request failed. */
export type TmdbFailure =
  | 'credentials' // 401: key or token rejected
  | 'not-found' // 404
  | 'status' // another non-retryable status, or a retryable one after the last attempt
  | 'rate-limited' // 429 after the last attempt
  | 'timeout' // no complete answer within TMDB_TIMEOUT_MS, after the last attempt
  | 'network' // connection refused/reset, DNS, … after the last attempt
  | 'malformed' // the body is not JSON
  | 'truncated' // the body is JSON cut off before its end
  | 'invalid' // JSON of the wrong shape (zod)
  | 'unconfigured'; // no credentials or no snapshot to read from

/**
 * A TMDB API v3 request (or the snapshot read standing in for one) that did not produce a usable
 * payload. Code IMPORT_FAILED; the message names the request (`GET /movie/now_playing?page=2`,
 * never the api_key) and why, e.g. `TMDB rejected the credentials (401) for GET /genre/movie/list`.
 */
export class TmdbRequestFailed extends DomainError {
  constructor(
    readonly failure: TmdbFailure,
    message: string,
    readonly request?: string,
    readonly status?: number,
  ) {
    super(ErrorCode.ImportFailed, message, { failure, ...(request ? { request } : {}), ...(status ? { status } : {}) });
  }
}

import { DomainError, ErrorCode } from '@app/common';

/** Why a request to an import source (TMDB, the showtimes API) failed. */
export type SourceFailure =
  | 'credentials' // 401: key or token rejected
  | 'forbidden' // 403: the key may not read this (e.g. a country outside the plan)
  | 'not-found' // 404
  | 'status' // another non-retryable status, or a retryable one after the last attempt
  | 'rate-limited' // 429 after the last attempt
  | 'timeout' // no complete answer within the timeout, after the last attempt
  | 'network' // connection refused/reset, DNS, … after the last attempt
  | 'malformed' // the body is not JSON
  | 'truncated' // the body is JSON cut off before its end
  | 'invalid' // JSON of the wrong shape (zod)
  | 'unstable' // paged results changed between requests more often than retried
  | 'unconfigured'; // no credentials or no snapshot to read from

/**
 * A request to an import source (or the snapshot read standing in for one) that did not produce a
 * usable payload. Code IMPORT_FAILED; the message names the request (`GET /showtimes?page=2`,
 * never a key) and why. Each source has its subclass (TmdbRequestFailed, ShowtimesRequestFailed).
 */
export class SourceRequestFailed extends DomainError {
  constructor(
    readonly failure: SourceFailure,
    message: string,
    readonly request?: string,
    readonly status?: number,
  ) {
    super(ErrorCode.ImportFailed, message, { failure, ...(request ? { request } : {}), ...(status ? { status } : {}) });
  }
}

/** Builds a source's error: `new TmdbRequestFailed(…)` or `new ShowtimesRequestFailed(…)`. */
export type SourceErrorFactory = (
  failure: SourceFailure,
  message: string,
  request?: string,
  status?: number,
) => SourceRequestFailed;

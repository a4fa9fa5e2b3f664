import { SourceFailure, SourceRequestFailed } from '../http/source-request-failed';

/** Why a TMDB request failed (see {@link SourceFailure}). */
export type TmdbFailure = SourceFailure;

/**
 * A TMDB API v3 request (or the snapshot read standing in for one) that did not produce a usable
 * payload. Code IMPORT_FAILED; the message names the request (`GET /movie/now_playing?page=2`,
 * never the api_key) and why, e.g. `TMDB rejected the credentials (401) for GET /genre/movie/list`.
 */
export class TmdbRequestFailed extends SourceRequestFailed {}

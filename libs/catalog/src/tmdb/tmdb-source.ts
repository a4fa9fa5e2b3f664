import { SourceQuery } from '../http/json-body';

/** Query parameters of a TMDB request (api_key is added by the HTTP source, never by callers). */
export type TmdbQuery = SourceQuery;

/**
 * Where TMDB API v3 payloads come from: the live API ({@link HttpTmdbSource}) or the committed
 * snapshot ({@link FileTmdbSource}). Both answer the same paths (`/genre/movie/list`,
 * `/movie/now_playing` with `page`, `/movie/{id}`) with the parsed JSON body, unvalidated;
 * {@link TmdbClient} validates it.
 */
export abstract class TmdbSource {
  /** A short description for logs and messages, e.g. `TMDB https://api.themoviedb.org/3`. */
  abstract readonly description: string;

  /**
   * The JSON body of `GET path?query`.
   * @throws TmdbRequestFailed (IMPORT_FAILED) saying which request failed and why; `failure` is
   *   `'not-found'` for a 404 (or a missing snapshot file), so callers can skip one movie.
   */
  abstract get(path: string, query?: TmdbQuery): Promise<unknown>;
}

export { describeRequest } from '../http/json-body';

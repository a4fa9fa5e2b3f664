import { z } from 'zod';
import { describeRequest, TmdbQuery, TmdbSource } from './tmdb-source';
import { TmdbRequestFailed } from './tmdb.exception';
import {
  describeIssues,
  genreListSchema,
  movieDetailSchema,
  nowPlayingPageSchema,
  TmdbGenreList,
  TmdbMovieDetail,
  TmdbNowPlayingPage,
} from './tmdb.schemas';

/**
 * The three TMDB API v3 calls the importer makes, validated with the zod schemas of
 * tmdb.schemas.ts. `language=en-US` is asked for so titles come in English (original titles keep
 * their script).
 * @throws TmdbRequestFailed from the source, or `'invalid'` naming the request and the fields
 *   that did not fit.
 */
export class TmdbClient {
  constructor(readonly source: TmdbSource) {}

  /** `GET /genre/movie/list`: `{ genres: [{ id, name }] }`. */
  genres(): Promise<TmdbGenreList> {
    return this.fetch('/genre/movie/list', { language: 'en-US' }, genreListSchema);
  }

  /** `GET /movie/now_playing?page=N` (N from 1): `{ page, total_pages, results[] }`. */
  nowPlaying(page: number): Promise<TmdbNowPlayingPage> {
    return this.fetch('/movie/now_playing', { language: 'en-US', page }, nowPlayingPageSchema);
  }

  /** `GET /movie/{id}`: the movie with `runtime` (minutes or null) and `genres`. */
  async movie(id: number): Promise<TmdbMovieDetail> {
    const detail = await this.fetch(`/movie/${id}`, { language: 'en-US' }, movieDetailSchema);
    if (detail.id !== id) {
      const request = describeRequest(`/movie/${id}`);
      throw new TmdbRequestFailed('invalid', `TMDB answered ${request} with movie ${detail.id}`, request);
    }
    return detail;
  }

  private async fetch<S extends z.ZodTypeAny>(path: string, query: TmdbQuery, schema: S): Promise<z.output<S>> {
    const body = await this.source.get(path, query);
    const result = schema.safeParse(body);
    if (!result.success) {
      const request = describeRequest(path, query);
      throw new TmdbRequestFailed(
        'invalid',
        `TMDB answered ${request} with an unexpected payload: ${describeIssues(result.error)}`,
        request,
      );
    }
    return result.data;
  }
}

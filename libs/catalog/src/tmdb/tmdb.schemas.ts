import { z } from 'zod';

/**
 * zod schemas of the TMDB API v3 payloads the importer reads. Strict where Marquee depends on a
 * field (`id`, `title`, `page`, `total_pages`, `results`), lenient where TMDB is: `poster_path`,
 * `overview`, `original_language` may be null or missing, `release_date` may be `''`, `runtime`
 * may be 0 or null. Unknown fields are ignored (TMDB adds fields over time).
 */

const tmdbId = z.number().int().positive().max(2_147_483_647);

/** A string that TMDB may send as null, `''` or not at all; read as `string | null`. */
const optionalText = z
  .string()
  .nullish()
  .transform((value) => (value === undefined || value === null || value.trim() === '' ? null : value));

/** `YYYY-MM-DD`, or null for `''`, null, missing or any other shape (TMDB sends `''` for unknown). */
const releaseDate = z
  .unknown()
  .transform((value) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null));

/** A TMDB image path like `/abc.jpg`, or null when absent or not path-shaped. */
const imagePath = z
  .unknown()
  .transform((value) => (typeof value === 'string' && /^\/[A-Za-z0-9._-]{1,190}$/.test(value) ? value : null));

/** A number TMDB may omit or send as null; read as 0 then. */
const score = z
  .number()
  .finite()
  .nullish()
  .transform((value) => value ?? 0);

const genre = z.object({ id: z.number().int(), name: z.string().trim().min(1) });

/** `GET /genre/movie/list`: `{ genres: [{ id, name }] }`. */
export const genreListSchema = z.object({ genres: z.array(genre) });
export type TmdbGenreList = z.infer<typeof genreListSchema>;

/** One entry of a movie list page (`results[]` of `/movie/now_playing`). */
export const movieListItemSchema = z.object({
  id: tmdbId,
  title: z.string().trim().min(1),
  original_title: optionalText,
  original_language: optionalText,
  overview: optionalText,
  poster_path: imagePath,
  release_date: releaseDate,
  genre_ids: z
    .array(z.number().int())
    .nullish()
    .transform((ids) => ids ?? []),
  popularity: score,
  vote_average: score,
});
export type TmdbMovieListItem = z.infer<typeof movieListItemSchema>;

/** `GET /movie/now_playing?page=N`: `{ page, total_pages, total_results, results[], dates? }`. */
export const nowPlayingPageSchema = z.object({
  page: z.number().int().min(1),
  total_pages: z.number().int().min(0),
  total_results: z.number().int().min(0).optional(),
  results: z.array(movieListItemSchema),
});
export type TmdbNowPlayingPage = z.infer<typeof nowPlayingPageSchema>;

/**
 * `GET /movie/{id}`: the list fields plus `runtime` (minutes; 0 or null when unknown, read as
 * null) and `genres[{ id, name }]` (missing is read as `[]`).
 */
export const movieDetailSchema = movieListItemSchema.omit({ genre_ids: true }).extend({
  runtime: z
    .number()
    .int()
    .min(0)
    .max(2_000)
    .nullish()
    .transform((minutes) => (minutes ? minutes : null)),
  genres: z
    .array(genre)
    .nullish()
    .transform((genres) => genres ?? []),
});
export type TmdbMovieDetail = z.infer<typeof movieDetailSchema>;

/**
 * Describes zod issues in one line, e.g. `results.3.title: Required; page: Expected number`.
 * Used in import error messages so an operator sees which field of which payload was wrong.
 */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const issues = error.issues.slice(0, limit).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  const more = error.issues.length > limit ? `; and ${error.issues.length - limit} more` : '';
  return issues.join('; ') + more;
}

/** TMDB image base for posters, 342 px wide (TMDB API v3 `/configuration` size `w342`). */
export const POSTER_BASE_URL = 'https://image.tmdb.org/t/p/w342';

/** The poster URL of a TMDB `poster_path` such as `/abc.jpg`, or null without one. */
export function posterUrl(posterPath: string | null | undefined): string | null {
  return posterPath ? `${POSTER_BASE_URL}${posterPath.startsWith('/') ? '' : '/'}${posterPath}` : null;
}

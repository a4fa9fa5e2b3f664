import { parseJsonBody } from '../http/json-body';
import { TmdbRequestFailed } from './tmdb.exception';

/**
 * Parses a TMDB body that was read as text (see {@link parseJsonBody}).
 * @param request how the request is named in messages (`GET /movie/550`).
 * @throws TmdbRequestFailed `'truncated'` or `'malformed'`.
 */
export function parseTmdbJson(text: string, request: string, contentType?: string): unknown {
  return parseJsonBody(text, request, 'TMDB', (...args) => new TmdbRequestFailed(...args), contentType);
}

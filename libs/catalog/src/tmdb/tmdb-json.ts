import { TmdbRequestFailed } from './tmdb.exception';

/**
 * Parses a TMDB body that was read as text, telling truncated JSON (cut off before its end, e.g.
 * a connection dropped mid-body) from malformed JSON (not JSON at all, e.g. an HTML error page).
 * @param request how the request is named in messages (`GET /movie/550`).
 * @throws TmdbRequestFailed `'truncated'` or `'malformed'`.
 */
export function parseTmdbJson(text: string, request: string, contentType?: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (text.trim() !== '' && isTruncated(text, error)) {
      throw new TmdbRequestFailed(
        'truncated',
        `TMDB sent truncated JSON for ${request} (the body ends after ${bytes} bytes)`,
        request,
      );
    }
    const start = JSON.stringify(text.slice(0, 60));
    const type = contentType ? `, content-type ${contentType}` : '';
    throw new TmdbRequestFailed(
      'malformed',
      `TMDB sent malformed JSON for ${request} (${bytes} bytes${type}, starting ${start})`,
      request,
    );
  }
}

/**
 * True when JSON.parse failed only because the input ended: V8 says "Unexpected end of JSON
 * input", "Unterminated string …", or reports an error position at the end of the text.
 */
function isTruncated(text: string, error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  if (/end of JSON input|Unterminated string/i.test(message)) return true;
  const position = /at position (\d+)/.exec(message);
  const start = text.trimStart();
  return position !== null && Number(position[1]) >= text.trimEnd().length && /^[[{]/.test(start);
}

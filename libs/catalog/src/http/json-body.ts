import { SourceErrorFactory } from './source-request-failed';

/**
 * Parses a body that was read as text, telling truncated JSON (cut off before its end, e.g. a
 * connection dropped mid-body) from malformed JSON (not JSON at all, e.g. an HTML error page).
 * @param label the source in messages (`TMDB`, `the showtimes API`).
 * @param request how the request is named in messages (`GET /movie/550`).
 * @throws the factory's error, `'truncated'` or `'malformed'`.
 */
export function parseJsonBody(
  text: string,
  request: string,
  label: string,
  fail: SourceErrorFactory,
  contentType?: string,
): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (text.trim() !== '' && isTruncated(text, error)) {
      throw fail(
        'truncated',
        `${label} sent truncated JSON for ${request} (the body ends after ${bytes} bytes)`,
        request,
      );
    }
    const start = JSON.stringify(text.slice(0, 60));
    const type = contentType ? `, content-type ${contentType}` : '';
    throw fail(
      'malformed',
      `${label} sent malformed JSON for ${request} (${bytes} bytes${type}, starting ${start})`,
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

/** Query parameters of a source request. */
export type SourceQuery = Record<string, string | number>;

/** `GET /movie/now_playing?page=2`: how a request is named in messages (no credentials). */
export function describeRequest(path: string, query: SourceQuery = {}): string {
  const search = new URLSearchParams(Object.entries(query).map(([key, value]) => [key, String(value)])).toString();
  return `GET ${path}${search ? `?${search}` : ''}`;
}

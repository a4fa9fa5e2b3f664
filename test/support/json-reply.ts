import type { ServerResponse } from 'node:http';

/**
 * Answers `status` with `body` as JSON (UTF-8, with its Content-Length) plus `headers`, after
 * telling `record` the status: the fake API servers' one way to reply.
 */
export function replyJson(
  response: ServerResponse,
  record: (status: number) => void,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  record(status);
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

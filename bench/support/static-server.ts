/**
 * The read ceiling for bench:seatmap: a bare Node `http` server, in its own process like the API,
 * answering every GET with the same bytes (BODY_FILE) and the payload headers the seat-map
 * controller sets (Content-Type, ETag, Cache-Control), nothing else. Listens on HOST:PORT and
 * prints `static server listening on <port>` when ready.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.env.BODY_FILE ?? '');
const etag = process.env.ETAG ?? '';
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 0);
const headers = {
  'Content-Type': 'application/json; charset=utf-8',
  'Content-Length': String(body.length),
  ETag: etag,
  'Cache-Control': 'no-cache',
};

const server = createServer((request, response) => {
  if (request.method !== 'GET') {
    response.writeHead(405).end();
    return;
  }
  response.writeHead(200, headers).end(body);
});
server.listen(port, host, () => {
  const address = server.address();
  console.log(`static server listening on ${typeof address === 'object' && address ? address.port : port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));

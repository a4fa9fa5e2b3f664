import { createServer, IncomingHttpHeaders, request as httpRequest, Server } from 'node:http';
import { createServer as createTcpServer, AddressInfo, Server as TcpServer, Socket } from 'node:net';

/** A loopback server for failover tests, and how to stop it. */
export interface StubServer {
  port: number;
  close(): Promise<void>;
}

/** What a proxy saw: each request's method, path and headers, and the answers it got from the API. */
export interface ProxyLog {
  requests: { method: string; url: string; headers: IncomingHttpHeaders }[];
  answers: { status: number; headers: IncomingHttpHeaders; body: string }[];
}

function track(server: Server | TcpServer): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

async function listen(server: Server | TcpServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** A free loopback port with nothing listening on it (connections are refused). */
export async function refusedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts connections and reads requests, but never answers. */
export async function silentServer(): Promise<StubServer> {
  const server = createTcpServer((socket) => socket.resume());
  const close = track(server);
  return { port: await listen(server), close };
}

/** Answers every request with `status` and an API-shaped error body. */
export async function failingServer(status: number): Promise<StubServer> {
  const server = createServer((_request, response) => {
    response
      .writeHead(status, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: 'BUSY', message: 'try later' }));
  });
  const close = track(server);
  return { port: await listen(server), close };
}

/**
 * A proxy to the API on `targetPort` that logs what passes. With `withhold`, it forwards each
 * request and records the API's answer, but never passes the answer back: the request ran, and
 * its answer is lost — the case a client retry with the same Idempotency-Key must survive.
 */
export async function proxyTo(
  targetPort: number,
  options: { withhold?: boolean } = {},
): Promise<StubServer & { log: ProxyLog }> {
  const log: ProxyLog = { requests: [], answers: [] };
  const server = createServer((incoming, outgoing) => {
    log.requests.push({ method: incoming.method ?? '', url: incoming.url ?? '', headers: incoming.headers });
    const forward = httpRequest(
      { host: '127.0.0.1', port: targetPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          log.answers.push({ status: answer.statusCode ?? 0, headers: answer.headers, body: body.toString() });
          if (options.withhold) return;
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers).end(body);
        });
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  const close = track(server);
  return { port: await listen(server), close, log };
}

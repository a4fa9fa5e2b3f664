import { request as httpRequest } from 'node:http';

/** One HTTP exchange as the API client asks for it. */
export interface HttpExchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange (connect, send, the full answer) must finish within this many ms. */
  timeoutMs: number;
}

/** The answer: status and body text (UTF-8). */
export interface HttpReply {
  status: number;
  text: string;
}

/** Sends one exchange. @throws TransportError when no complete answer came. */
export type Transport = (exchange: HttpExchange) => Promise<HttpReply>;

/** Why an exchange got no answer: `TIMEOUT`, `TOO_LARGE`, or the system code (`ECONNREFUSED`, …). */
export class TransportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** Largest answer body accepted, bytes. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * HTTP/1.1 over `node:http`, one connection per exchange (nothing lingers after the CLI's work).
 * Unlike `fetch`, it reaches any port a servers file may list (fetch refuses "bad ports" such as 6000).
 * @throws TransportError: `TIMEOUT` after `timeoutMs` without the complete answer, `TOO_LARGE`
 *   past 16 MiB, else the socket error's code.
 */
export const nodeTransport: Transport = (exchange) =>
  new Promise<HttpReply>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (error: TransportError) => {
      settle(() => reject(error));
      request.destroy();
    };
    const headers = {
      ...exchange.headers,
      ...(exchange.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(exchange.body)) }),
    };
    const request = httpRequest(exchange.url, { method: exchange.method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) fail(new TransportError('TOO_LARGE', `answer larger than ${MAX_BODY_BYTES} bytes`));
        else chunks.push(chunk);
      });
      response.on('end', () =>
        settle(() => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })),
      );
      response.on('error', (error: NodeJS.ErrnoException) =>
        fail(new TransportError(error.code ?? 'ECONNRESET', error.message)),
      );
      response.on('close', () => {
        if (!response.complete)
          fail(new TransportError('ECONNRESET', 'the connection closed before the answer was complete'));
      });
    });
    const timer = setTimeout(
      () => fail(new TransportError('TIMEOUT', `no answer within ${exchange.timeoutMs} ms`)),
      exchange.timeoutMs,
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      fail(new TransportError(error.code ?? 'EUNKNOWN', error.message)),
    );
    request.end(exchange.body);
  });

import type { Request } from 'express';

/**
 * The client's address as limits and caps count it: Express's `req.ip`, which believes
 * `X-Forwarded-For` only from the `TRUSTED_PROXIES` (configureApp sets `trust proxy`), else the
 * socket's peer. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is written as IPv4.
 */
export function clientAddress(request: Pick<Request, 'ip' | 'socket'>): string {
  const address = request.ip ?? request.socket?.remoteAddress ?? 'unknown';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { isVisitorId } from './admission-token';

/** The cookie naming a browser to the waiting room (one place per browser). */
export const VISITOR_COOKIE = 'marquee_visitor';

/** The cookie (and header) carrying a show's admission token. */
export const tokenCookie = (showId: number) => `marquee_queue_${showId}`;
export const TOKEN_HEADER = 'queue-token';

/** The value of cookie `name` in the request's Cookie header, undefined when absent. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The request's visitor id, when its cookie has the right shape. */
export function visitorOf(request: Request): string | undefined {
  const value = readCookie(request, VISITOR_COOKIE);
  return isVisitorId(value) ? value : undefined;
}

/** The request's visitor id, or a new one set as a cookie on `response` (HttpOnly, SameSite=Lax, 30 days). */
export function ensureVisitor(request: Request, response: Response): string {
  const known = visitorOf(request);
  if (known) return known;
  const id = randomBytes(18).toString('base64url');
  response.cookie(VISITOR_COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 30 * 86_400_000 });
  return id;
}

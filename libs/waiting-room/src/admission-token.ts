import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an admission token binds: the show, the customer (browser cookie id and e-mail), the expiry. */
export interface AdmissionClaims {
  showId: number;
  /** The customer's browser id (the `marquee_visitor` cookie). */
  visitorId: string;
  /** The e-mail the customer queued with, lower-cased. */
  email: string;
  /** Epoch ms after which the token is refused. */
  expiresAt: number;
}

/** Why a token was refused. */
export type TokenProblem = 'malformed' | 'signature' | 'expired' | 'show' | 'customer';

/** The verdict of {@link AdmissionTokens.verify}. */
export type TokenVerdict = { ok: true; claims: AdmissionClaims } | { ok: false; problem: TokenProblem };

const PREFIX = 'v1';
const VISITOR_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * Signed, short-lived admission tokens: `v1.<base64url JSON claims>.<base64url HMAC-SHA256>`
 * (node:crypto). Every node shares the secret (WAITING_ROOM_SECRET), so any node verifies a token
 * without Redis or the node that issued it: tokens survive a node crash.
 */
export class AdmissionTokens {
  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error('the admission token secret must be at least 16 characters');
  }

  /** A token for `claims`. */
  sign(claims: AdmissionClaims): string {
    const body = Buffer.from(
      JSON.stringify({ s: claims.showId, v: claims.visitorId, e: claims.email, x: claims.expiresAt }),
    ).toString('base64url');
    return `${PREFIX}.${body}.${this.mac(body)}`;
  }

  /**
   * Checks `token` for `showId` and the customer asking (`visitorId` from the cookie, `email` from
   * the request body when it has one) at `now` (epoch ms). Never throws.
   */
  verify(token: string, expect: { showId: number; visitorId?: string; email?: string }, now: number): TokenVerdict {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== PREFIX || token.length > 1_000) return { ok: false, problem: 'malformed' };
    const given = Buffer.from(parts[2], 'base64url');
    const wanted = Buffer.from(this.mac(parts[1]), 'base64url');
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return { ok: false, problem: 'signature' };
    const claims = parseClaims(parts[1]);
    if (!claims) return { ok: false, problem: 'malformed' };
    if (claims.expiresAt <= now) return { ok: false, problem: 'expired' };
    if (claims.showId !== expect.showId) return { ok: false, problem: 'show' };
    if (expect.visitorId !== claims.visitorId) return { ok: false, problem: 'customer' };
    if (expect.email !== undefined && expect.email.trim().toLowerCase() !== claims.email)
      return { ok: false, problem: 'customer' };
    return { ok: true, claims };
  }

  /** The claims of a token without checking it (e.g. for a page to prefill the e-mail); null when malformed. */
  static peek(token: string): AdmissionClaims | null {
    const parts = token.split('.');
    return parts.length === 3 ? parseClaims(parts[1]) : null;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(`${PREFIX}.${body}`).digest('base64url');
  }
}

function parseClaims(body: string): AdmissionClaims | null {
  try {
    const raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { s, v, e, x } = raw;
    if (!Number.isSafeInteger(s) || (s as number) < 1) return null;
    if (typeof v !== 'string' || !VISITOR_PATTERN.test(v)) return null;
    if (typeof e !== 'string' || e.length > 254) return null;
    if (!Number.isSafeInteger(x)) return null;
    return { showId: s as number, visitorId: v, email: e, expiresAt: x as number };
  } catch {
    return null;
  }
}

/** True when `id` has the shape of a visitor cookie id. */
export function isVisitorId(id: unknown): id is string {
  return typeof id === 'string' && VISITOR_PATTERN.test(id);
}

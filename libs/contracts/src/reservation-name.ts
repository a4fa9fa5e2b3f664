import { createHash, randomBytes } from 'node:crypto';

// Pure rules with no imports beyond Node: the command-line client (apps/cli) applies the same
// ones before it sends a request, without loading Nest.

/** Longest reservation name, in UTF-16 code units (the `customer_name` column holds 100 characters). */
export const RESERVATION_NAME_MAX_LENGTH = 100;

/**
 * The reserved domain of the placeholder emails given to reservations made by name (RFC 2606:
 * `.invalid` never resolves, so no mail can ever go to such an address).
 */
export const RESERVATION_EMAIL_DOMAIN = 'reservations.marquee.invalid';

/** Control characters (C0, DEL, C1), lone surrogates and the line/paragraph separators. */
const UNPRINTABLE = /[\p{Cc}\p{Cs}\u2028\u2029]/u;

/** A name as compared and stored: Unicode NFC, surrounding white space trimmed. */
export function normaliseReservationName(raw: string): string {
  return raw.normalize('NFC').trim();
}

/**
 * What is wrong with an already normalised name, or undefined when it is a valid one:
 * 1–100 printable characters. Names are case-sensitive (`Ada` and `ada` are two customers).
 */
export function reservationNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (name.length > RESERVATION_NAME_MAX_LENGTH) return `must be at most ${RESERVATION_NAME_MAX_LENGTH} characters`;
  if (UNPRINTABLE.test(name)) return 'must contain printable characters only';
  return undefined;
}

/** A reservation's secret: 32 lowercase hex digits (128 bits). */
export const RESERVATION_SECRET_PATTERN = /^[0-9a-f]{32}$/;

/**
 * The start of the placeholder emails of the customer called `name` (normalised):
 * `name-<first 24 hex digits of SHA-256(name)>-`. Hashing keeps the address short and ASCII
 * whatever the name, and keeps `Ada` and `ada` apart even under a case-insensitive collation.
 */
export function reservationEmailPrefix(name: string): string {
  return `name-${createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 24)}-`;
}

/**
 * The placeholder email of `name`'s reservation with `secret`:
 * `name-<hash of name>-<secret>@reservations.marquee.invalid`. Without the secret the address
 * cannot be derived from the name, so a name alone opens neither the booking nor its ticket.
 */
export function reservationEmail(name: string, secret: string): string {
  return `${reservationEmailPrefix(name)}${secret}@${RESERVATION_EMAIL_DOMAIN}`;
}

/**
 * The secret of a reservation: derived from the request's Idempotency-Key when there is one (a
 * retry of the same request, on any node, books the same customer and gets the same secret; the
 * key is a random value only the client knows), else random.
 */
export function reservationSecret(idempotencyKey?: string): string {
  return idempotencyKey === undefined
    ? randomBytes(16).toString('hex')
    : createHash('sha256').update(`marquee-reservation-secret:${idempotencyKey}`, 'utf8').digest('hex').slice(0, 32);
}

/** The secret inside a reservation's placeholder email, or undefined for any other address. */
export function secretOfReservationEmail(email: string): string | undefined {
  const match = /^name-[0-9a-f]{24}-([0-9a-f]{32})@/.exec(email);
  return match?.[1];
}

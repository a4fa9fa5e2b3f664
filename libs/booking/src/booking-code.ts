import { randomBytes } from 'node:crypto';
import { InvalidInput } from '@app/common';

/** Crockford's base32 alphabet: no I, L, O, U, so codes read aloud and typed by hand survive. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A random booking code of 8 characters (40 bits) from Crockford's base32, e.g. `7KQ2M9XD`. */
export function newBookingCode(): string {
  const bytes = randomBytes(8);
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

/** True for a string shaped like a booking code (case-insensitive). */
export function isBookingCode(value: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{8}$/i.test(value);
}

/**
 * A booking code from a request path, upper-cased.
 * @throws InvalidInput (400, field `code`) unless it is shaped like a booking code.
 */
export function parseBookingCode(code: string): string {
  if (!isBookingCode(code)) throw new InvalidInput('code', 'must be an 8-character booking code');
  return code.toUpperCase();
}

import { Injectable, Logger } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppConfigService } from '@app/common';

/** What a ticket's signed code names: one seat (`booking_seat` row) of one booking of one show. */
export interface TicketClaims {
  bookingCode: string;
  /** The `booking_seat` row's id: the ticket. */
  ticketId: number;
  showId: number;
}

/** Format and key version of the codes this build signs (the first field of every code). */
const VERSION = 'MQ1';

/** Signature length: the HMAC-SHA256 truncated to 128 bits (NIST SP 800-107 §5.3.3 allows truncation to ≥ 64 bits). */
const SIGNATURE_BYTES = 16;

/** RFC 4648 base32: upper-case letters and 2-7, all in the QR code's alphanumeric mode. */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `MQ1:<booking code>:<ticket id>:<show id>:<26 base32 characters>`. */
const CODE = /^MQ1:([0-9A-HJKMNP-TV-Z]{8}):([1-9][0-9]{0,9}):([1-9][0-9]{0,9}):([A-Z2-7]{26})$/;

/** The longest code {@link TicketSigner.verify} is asked about (a door's input is refused above). */
export const TICKET_CODE_MAX_LENGTH = 80;

/** Known only to the code: the key used when neither TICKET_SIGNING_SECRET nor ADMIN_TOKEN is set. */
const EMBEDDED_SECRET = 'marquee-embedded-ticket-signing-key: set TICKET_SIGNING_SECRET in production';

/**
 * Signs and checks tickets' QR codes so the door can refuse a forged or altered code without
 * trusting the phone that shows it: `MQ1:7KQ2M9XD:1234:42:<signature>`, the signature being the
 * HMAC-SHA256 (RFC 2104) of the fields before it, under the server secret, truncated to 128 bits
 * and base32-encoded (RFC 4648, no padding). Every character is in the QR code's alphanumeric
 * mode (ISO/IEC 18004 §7.4.4), so the code stays at version 3-4 and any scanner reads it.
 *
 * The key: TICKET_SIGNING_SECRET; else HMAC-SHA256(ADMIN_TOKEN, "marquee ticket signing v1"), which
 * every node of a cluster derives alike; else an embedded default (logged: anyone with the source
 * can forge tickets then). `MQ1` names the format and the key version.
 */
@Injectable()
export class TicketSigner {
  private readonly key: Buffer;

  constructor(config: AppConfigService) {
    const secret = config.get('TICKET_SIGNING_SECRET');
    const adminToken = config.get('ADMIN_TOKEN');
    if (secret) this.key = Buffer.from(secret, 'utf8');
    else if (adminToken) this.key = createHmac('sha256', adminToken).update('marquee ticket signing v1').digest();
    else {
      new Logger(TicketSigner.name).warn(
        'neither TICKET_SIGNING_SECRET nor ADMIN_TOKEN is set: tickets are signed with the embedded default key',
      );
      this.key = Buffer.from(EMBEDDED_SECRET, 'utf8');
    }
  }

  /** The signed code of a ticket, e.g. `MQ1:7KQ2M9XD:1234:42:GEZDGNBVGY3TQOJQGEZDGNBVGY`. */
  sign(claims: TicketClaims): string {
    const body = `${VERSION}:${claims.bookingCode.toUpperCase()}:${claims.ticketId}:${claims.showId}`;
    return `${body}:${base32(this.mac(body))}`;
  }

  /**
   * The claims of a code whose signature is right, or null for anything else (malformed, altered,
   * signed with another key). Leading and trailing spaces and letter case are forgiven (typed codes).
   */
  verify(code: string): TicketClaims | null {
    if (code.length > TICKET_CODE_MAX_LENGTH) return null;
    const match = CODE.exec(code.trim().toUpperCase());
    if (!match) return null;
    const [, bookingCode, ticketId, showId, signature] = match;
    const expected = Buffer.from(base32(this.mac(`${VERSION}:${bookingCode}:${ticketId}:${showId}`)), 'ascii');
    if (!timingSafeEqual(expected, Buffer.from(signature, 'ascii'))) return null;
    return { bookingCode, ticketId: Number(ticketId), showId: Number(showId) };
  }

  private mac(body: string): Buffer {
    return createHmac('sha256', this.key).update(body, 'utf8').digest().subarray(0, SIGNATURE_BYTES);
  }
}

/** RFC 4648 §6 base32 of `bytes`, without padding. */
function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

import { Injectable } from '@nestjs/common';
import { toString as qrSvg } from 'qrcode';
import { BookingCancelled } from './booking.exception';
import { BookingService } from './booking.service';

/**
 * What an e-ticket's QR code says: `MARQUEE:TICKET:<code>:SHOW:<showId>`, e.g.
 * `MARQUEE:TICKET:7KQ2M9XD:SHOW:42`. Only QR alphanumeric-mode characters, so the code stays
 * small and any scanner reads it; the door checks the code against the show it is scanned at.
 */
export function ticketPayload(code: string, showId: number): string {
  return `MARQUEE:TICKET:${code.toUpperCase()}:SHOW:${showId}`;
}

/** E-tickets: the QR code of a confirmed booking, drawn by the `qrcode` library. */
@Injectable()
export class TicketService {
  constructor(private readonly bookings: BookingService) {}

  /**
   * The QR code of booking `code` as an SVG document (black on white, quiet zone of 2 modules,
   * error correction M), provided it was made with `email`.
   * @throws NotFound (unknown code or another email: the same answer); BookingCancelled.
   */
  async qrSvg(code: string, email: string): Promise<string> {
    const booking = await this.bookings.get(code, email);
    if (booking.state === 'cancelled') throw new BookingCancelled(booking.code);
    return qrSvg(ticketPayload(booking.code, booking.showId), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
      color: { dark: '#000000', light: '#ffffff' },
    });
  }
}

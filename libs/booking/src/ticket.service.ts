import { Injectable } from '@nestjs/common';
import { toBuffer as qrPng, toString as qrSvg, QRCodeRenderersOptions } from 'qrcode';
import { NotFound } from '@app/common';
import { DatabaseService } from '@app/database';
import { BookingCancelled } from './booking.exception';
import { BookingRepository } from './booking.repository';
import { BookingService } from './booking.service';
import { BookingView } from './booking.types';
import { TicketClaims, TicketSigner } from './ticket-code';
import { AdmissionCounts, TicketRecord, TicketRepository } from './ticket.repository';
import { ticketTypeLabel } from './ticket-type-label';

/** One ticket of a booking as the API answers it: a seat with its signed code. */
export interface TicketView {
  /** The ticket's id (its `booking_seat` row). */
  id: number;
  seat: { id: number; label: string; kind: string; priceCents: number };
  /** The ticket type's label (see {@link ticketTypeLabel}). */
  type: string;
  /** The signed code its QR code encodes (see {@link TicketSigner}). */
  code: string;
  /** When it was let in at the door (ISO-8601), or null. */
  admittedAt: string | null;
}

/** A booking with its tickets. */
export interface BookingTickets {
  booking: BookingView;
  tickets: TicketView[];
}

/** How every ticket QR code is drawn: error correction M, a quiet zone of 2 modules, black on white. */
const QR_OPTIONS: QRCodeRenderersOptions = {
  errorCorrectionLevel: 'M',
  margin: 2,
  color: { dark: '#000000', light: '#ffffff' },
};

/**
 * E-tickets: one per seat of a booking, each with its own signed code ({@link TicketSigner}) and
 * QR code (drawn by the `qrcode` library); and the door's port to tickets (find, admit, count).
 */
@Injectable()
export class TicketService {
  constructor(
    private readonly bookings: BookingService,
    private readonly bookingRows: BookingRepository,
    private readonly tickets: TicketRepository,
    private readonly signer: TicketSigner,
    private readonly db: DatabaseService,
  ) {}

  /** The tickets of booking `code` made with `email`. @throws NotFound (unknown code or another email). */
  async forCustomer(code: string, email: string): Promise<BookingTickets> {
    await this.bookings.get(code, email);
    return this.forBooking(code);
  }

  /** The booking `code` with its tickets, whoever made it (jobs: the confirmation e-mail). @throws NotFound. */
  async forBooking(code: string): Promise<BookingTickets> {
    const row = await this.bookingRows.findByCode(code);
    if (!row) throw new NotFound('booking', code);
    const [booking] = await this.bookingRows.views(this.db.manager, [row]);
    const seats = await this.tickets.ofBooking(row.id);
    const tickets = seats.map((seat) => ({
      id: seat.id,
      seat: { id: seat.seatId, label: seat.label, kind: seat.kind, priceCents: seat.priceCents },
      type: ticketTypeLabel(seat),
      code: this.signer.sign({ bookingCode: row.code, ticketId: seat.id, showId: row.showId }),
      admittedAt: seat.admittedAt ? new Date(seat.admittedAt).toISOString() : null,
    }));
    return { booking, tickets };
  }

  /**
   * The QR code (SVG) of ticket `ticketId` of booking `code` made with `email`.
   * @throws NotFound (unknown code, other email, or a ticket of another booking); BookingCancelled.
   */
  async qrSvg(code: string, email: string, ticketId: number): Promise<string> {
    const { booking, tickets } = await this.forCustomer(code, email);
    if (booking.state === 'cancelled') throw new BookingCancelled(booking.code);
    const ticket = tickets.find((candidate) => candidate.id === ticketId);
    if (!ticket) throw new NotFound('ticket', ticketId);
    return qrSvg(ticket.code, { ...QR_OPTIONS, type: 'svg' });
  }

  /** A QR code of `text` as a PNG, `width` pixels wide (e-mails: mail clients show PNG, not SVG). */
  qrPng(text: string, width = 240): Promise<Buffer> {
    return qrPng(text, { ...QR_OPTIONS, type: 'png', width });
  }

  /** The claims of a ticket code if its signature holds, else null (forged, altered or malformed). */
  verify(code: string): TicketClaims | null {
    return this.signer.verify(code);
  }

  /** Ticket `ticketId` with its booking's code, state and show, or null. */
  find(ticketId: number): Promise<TicketRecord | null> {
    return this.tickets.find(ticketId);
  }

  /** Admits ticket `ticketId` once (see {@link TicketRepository.admit}); `at` on the database's clock. */
  admit(ticketId: number, door: string, at: Date): Promise<boolean> {
    return this.tickets.admit(ticketId, door, at);
  }

  /** Admitted and expected tickets of `showId`. */
  counts(showId: number): Promise<AdmissionCounts> {
    return this.tickets.counts(showId);
  }
}

import { Injectable } from '@nestjs/common';
import { affectedRows, DatabaseService } from '@app/database';
import { Booking } from './entities/booking.entity';
import { BookingSeat } from './entities/booking-seat.entity';

/** One ticket (a `booking_seat` row) with what the door checks about its booking. */
export interface TicketRecord {
  ticketId: number;
  bookingCode: string;
  bookingState: 'confirmed' | 'cancelled';
  showId: number;
  seatLabel: string;
  seatKind: string;
  /** The ticket type's name as sold; null for seats booked before ticket types. */
  ticketTypeName: string | null;
  priceCents: number;
  admittedAt: Date | null;
  admittedDoor: string | null;
}

/** Admitted and expected tickets of a show (seats of its confirmed bookings). */
export interface AdmissionCounts {
  admitted: number;
  expected: number;
}

/**
 * Tickets at the door: reads of `booking_seat` rows with their booking, and the one conditional
 * UPDATE that admits a ticket. booking_seat is libs/booking's; the door lib comes through here.
 */
@Injectable()
export class TicketRepository {
  constructor(private readonly db: DatabaseService) {}

  /** The ticket `ticketId` with its booking, or null. Read on the primary: it must see the latest admission. */
  async find(ticketId: number): Promise<TicketRecord | null> {
    const row = await this.db.manager
      .createQueryBuilder(BookingSeat, 'bs')
      .innerJoin(Booking, 'b', 'b.id = bs.bookingId')
      .select([
        'bs.id AS ticketId',
        'b.code AS bookingCode',
        'b.state AS bookingState',
        'b.showId AS showId',
        'bs.label AS seatLabel',
        'bs.kind AS seatKind',
        'bs.ticketTypeName AS ticketTypeName',
        'bs.priceCents AS priceCents',
        'bs.admittedAt AS admittedAt',
        'bs.admittedDoor AS admittedDoor',
      ])
      .where('bs.id = :ticketId', { ticketId })
      .getRawOne<Record<string, unknown>>();
    if (!row) return null;
    return {
      ticketId: Number(row.ticketId),
      bookingCode: String(row.bookingCode),
      bookingState: row.bookingState as TicketRecord['bookingState'],
      showId: Number(row.showId),
      seatLabel: String(row.seatLabel),
      seatKind: String(row.seatKind),
      ticketTypeName: row.ticketTypeName == null ? null : String(row.ticketTypeName),
      priceCents: Number(row.priceCents),
      admittedAt: row.admittedAt === null || row.admittedAt === undefined ? null : toDate(row.admittedAt),
      admittedDoor: row.admittedDoor === null || row.admittedDoor === undefined ? null : String(row.admittedDoor),
    };
  }

  /**
   * Admits ticket `ticketId` at `at` through `door`: one conditional UPDATE (not admitted yet, and
   * its booking still confirmed), so a ticket is let in once across every node, as seats are sold
   * once. @returns true when this call admitted it; false when it was admitted already or cancelled.
   */
  async admit(ticketId: number, door: string, at: Date): Promise<boolean> {
    const result = await this.db.manager
      .createQueryBuilder()
      .update(BookingSeat)
      .set({ admittedAt: at, admittedDoor: door })
      .where('id = :ticketId AND admittedAt IS NULL', { ticketId })
      .andWhere(
        `bookingId IN ${this.db.manager.createQueryBuilder().subQuery().select('b.id').from(Booking, 'b').where('b.state = :confirmed').getQuery()}`,
        { confirmed: 'confirmed' },
      )
      .execute();
    return affectedRows(result) === 1;
  }

  /** Admitted and expected tickets of `showId` (cancelled bookings count for neither). */
  async counts(showId: number): Promise<AdmissionCounts> {
    const row = await this.db.manager
      .createQueryBuilder(BookingSeat, 'bs')
      .innerJoin(Booking, 'b', 'b.id = bs.bookingId')
      .select('COUNT(*)', 'expected')
      .addSelect('SUM(CASE WHEN bs.admittedAt IS NULL THEN 0 ELSE 1 END)', 'admitted')
      .where('b.showId = :showId AND b.state = :confirmed', { showId, confirmed: 'confirmed' })
      .getRawOne<{ expected: unknown; admitted: unknown }>();
    return { expected: Number(row?.expected ?? 0), admitted: Number(row?.admitted ?? 0) };
  }

  /** The tickets (`booking_seat` rows) of booking `bookingId`, by id. */
  ofBooking(bookingId: number): Promise<BookingSeat[]> {
    return this.db.manager.find(BookingSeat, { where: { bookingId }, order: { id: 'ASC' } });
  }
}

/** A DATETIME as the drivers give it back: a Date (mysql2) or `YYYY-MM-DD HH:MM:SS.mmm` in UTC (SQLite). */
function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

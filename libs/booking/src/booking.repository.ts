import { Injectable } from '@nestjs/common';
import { EntityManager, In, Like } from 'typeorm';
import { Show } from '@app/catalog';
import { AppConfigService } from '@app/common';
import { NodeIdentity, VectorTimestamp } from '@app/cluster';
import { affectedRows, DatabaseService, insertRow, isUniqueViolation } from '@app/database';
import { Booking } from './entities/booking.entity';
import { BookingSeat } from './entities/booking-seat.entity';
import { newBookingCode } from './booking-code';
import { BookingView, Customer, SeatView } from './booking.types';
import { PricedSeat, pricedSeatView } from './ticket-pricing';

/** What a new booking row needs: its seats priced (integer cents, in `currencyCode`, ISO 4217). */
export interface NewBooking {
  showId: number;
  customer: Customer;
  seats: PricedSeat[];
  currencyCode: string;
  idempotencyKey?: string;
  requestHash?: string;
  holdId?: string;
}

/** What a cancellation stamps on the booking row. */
export interface CancelStamp {
  at: Date;
  lamportTs: number;
  nodeId: number;
  vectorClock: VectorTimestamp;
}

/**
 * The only place the `booking` and `booking_seat` tables are read and written: inserts, look-ups,
 * the conditional cancel, and the API views. Each booking is stamped with this node's id, a
 * Lamport timestamp (Lamport 1978), so the cluster's writes are totally ordered, and a vector
 * timestamp (Fidge/Mattern 1988), so the audit can tell causal order from concurrency. Methods taking an
 * `EntityManager` run inside the caller's transaction.
 */
@Injectable()
export class BookingRepository {
  constructor(
    private readonly node: NodeIdentity,
    private readonly db: DatabaseService,
    private readonly config: AppConfigService,
  ) {}

  /** The booking with `id`, or null. */
  findById(manager: EntityManager, id: number): Promise<Booking | null> {
    return manager.findOne(Booking, { where: { id } });
  }

  /** The booking with `code` (case-insensitive: codes are stored upper-case), or null. */
  findByCode(code: string): Promise<Booking | null> {
    return this.db.manager.findOne(Booking, { where: { code: code.toUpperCase() } });
  }

  /** The booking made with Idempotency-Key `key`, or null. */
  findByIdempotencyKey(key: string): Promise<Booking | null> {
    return this.db.manager.findOne(Booking, { where: { idempotencyKey: key } });
  }

  /** Up to `take` bookings made with `email` (already normalised), newest first. */
  listByEmail(email: string, take: number): Promise<Booking[]> {
    return this.db.manager.find(Booking, {
      where: { customerEmail: email },
      order: { createdAt: 'DESC', id: 'DESC' },
      take,
    });
  }

  /** Confirmed bookings of `showId` whose email matches the SQL LIKE `emailPattern`, oldest first. */
  confirmedByEmailLike(manager: EntityManager, showId: number, emailPattern: string): Promise<Booking[]> {
    return manager.find(Booking, {
      where: { showId, customerEmail: Like(emailPattern), state: 'confirmed' },
      order: { id: 'ASC' },
    });
  }

  /**
   * Confirmed → cancelled, stamped. Returns false when the booking was not confirmed any more
   * (a concurrent cancel won).
   */
  async cancel(manager: EntityManager, id: number, stamp: CancelStamp): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Booking)
      .set({
        state: 'cancelled',
        cancelledAt: stamp.at,
        cancelLamportTs: stamp.lamportTs,
        cancelNodeId: stamp.nodeId,
        cancelVectorClock: stamp.vectorClock,
      })
      .where('id = :id AND state = :confirmed', { id, confirmed: 'confirmed' })
      .execute();
    return affectedRows(result) > 0;
  }

  /**
   * Serialises transactions on one show (MySQL only; SQLite's single writer already does): a
   * locking read of the show row, taken as the transaction's first statement so it holds no
   * snapshot from before the lock was granted.
   */
  async lockShow(manager: EntityManager, showId: number): Promise<void> {
    if (!this.db.isMysql) return;
    await manager
      .createQueryBuilder(Show, 'sh')
      .select('sh.id')
      .where('sh.id = :showId', { showId })
      .setLock('pessimistic_write')
      .getRawOne();
  }

  /** The latest booking and the latest cancellation `nodeId` stamped (by Lamport time), or null. */
  async latestStamped(nodeId: number): Promise<{ booked: Booking | null; cancelled: Booking | null }> {
    const [booked, cancelled] = await Promise.all([
      this.db.manager.findOne(Booking, { where: { nodeId }, order: { lamportTs: 'DESC' } }),
      this.db.manager.findOne(Booking, { where: { cancelNodeId: nodeId }, order: { cancelLamportTs: 'DESC' } }),
    ]);
    return { booked, cancelled };
  }

  /** The highest Lamport timestamp `nodeId` stamped on a booking or a cancellation (0 if none). */
  async maxLamportTs(nodeId: number): Promise<number> {
    const [row] = await this.db.manager.query(
      'SELECT MAX(lamport_ts) AS booked, MAX(cancel_lamport_ts) AS cancelled FROM booking WHERE node_id = ? OR cancel_node_id = ?',
      [nodeId, nodeId],
    );
    return Math.max(Number(row?.booked ?? 0), Number(row?.cancelled ?? 0));
  }

  /**
   * Inserts a confirmed booking (not yet its seats); retries a colliding code. Every column is
   * given, and the row is not read back, so the insert is one round trip.
   */
  async insert(manager: EntityManager, request: NewBooking): Promise<Booking> {
    const stamp = this.node.stamp();
    for (let attempt = 0; ; attempt++) {
      const booking = manager.create(Booking, {
        code: newBookingCode(),
        showId: request.showId,
        customerName: request.customer.name,
        customerEmail: request.customer.email,
        seatCount: request.seats.length,
        totalCents: request.seats.reduce((sum, seat) => sum + seat.priceCents, 0),
        currencyCode: request.currencyCode,
        state: 'confirmed',
        lamportTs: stamp.lamport,
        nodeId: this.node.nodeId,
        vectorClock: stamp.vector,
        idempotencyKey: request.idempotencyKey ?? null,
        requestHash: request.requestHash ?? null,
        holdId: request.holdId ?? null,
        createdAt: new Date(),
        cancelledAt: null,
        cancelLamportTs: null,
        cancelNodeId: null,
        cancelVectorClock: null,
      });
      try {
        booking.id = await insertRow(manager, Booking, booking);
        return booking;
      } catch (error) {
        // A code collision (40 bits) is retried; an idempotency-key collision is the caller's.
        if (attempt >= 2 || !isUniqueViolation(error) || !/uq_booking_code|booking\.code/.test(String(error)))
          throw error;
      }
    }
  }

  /**
   * Inserts the booking's seat rows with the ticket type (id and name copied) and the price paid
   * for each, so later price or name changes never alter the booking.
   */
  async insertSeats(manager: EntityManager, booking: Booking, seats: PricedSeat[]): Promise<void> {
    await manager.insert(
      BookingSeat,
      seats.map((seat) => ({
        bookingId: booking.id,
        seatId: seat.id,
        label: seat.label,
        kind: seat.kind,
        priceCents: seat.priceCents,
        ticketTypeId: seat.ticketTypeId,
        ticketTypeName: seat.ticketTypeName,
        surchargeCents: seat.surchargeCents,
      })),
    );
  }

  /** Views of bookings with their seats, in the order given. */
  async views(manager: EntityManager, bookings: Booking[]): Promise<BookingView[]> {
    if (!bookings.length) return [];
    const seats = await manager.find(BookingSeat, {
      where: { bookingId: In(bookings.map((b) => b.id)) },
      order: { id: 'ASC' },
    });
    return bookings.map((booking) =>
      toView(
        booking,
        seats.filter((seat) => seat.bookingId === booking.id),
        this.config.get('DEFAULT_CURRENCY'),
      ),
    );
  }
}

/**
 * The API view of a booking and its seats (stored rows, or the seats just priced);
 * `defaultCurrency` for bookings stored before they recorded theirs.
 */
export function toView(booking: Booking, seats: (BookingSeat | PricedSeat)[], defaultCurrency: string): BookingView {
  return {
    code: booking.code,
    showId: booking.showId,
    state: booking.state,
    customer: { name: booking.customerName, email: booking.customerEmail },
    seats: seats.map((seat): SeatView => ('seatId' in seat ? storedSeatView(seat) : pricedSeatView(seat))),
    total: booking.totalCents,
    currency: 'cents',
    currencyCode: booking.currencyCode ?? defaultCurrency,
    lamportTs: booking.lamportTs,
    nodeId: booking.nodeId,
    createdAt: new Date(booking.createdAt).toISOString(),
    cancelledAt: booking.cancelledAt ? new Date(booking.cancelledAt).toISOString() : null,
  };
}

/** The API view of a stored booking seat. */
function storedSeatView(seat: BookingSeat): SeatView {
  return {
    id: seat.seatId,
    label: seat.label,
    kind: seat.kind,
    priceCents: seat.priceCents,
    ticketType:
      seat.ticketTypeId !== null && seat.ticketTypeName !== null
        ? { id: seat.ticketTypeId, name: seat.ticketTypeName }
        : null,
    surchargeCents: seat.surchargeCents,
  };
}

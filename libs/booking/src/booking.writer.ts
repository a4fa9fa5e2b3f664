import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { NodeIdentity } from '@app/cluster';
import { insertRow, isUniqueViolation } from '@app/database';
import { Booking } from './entities/booking.entity';
import { BookingSeat } from './entities/booking-seat.entity';
import { newBookingCode } from './booking-code';
import { BookingView, Customer, SeatView } from './booking.types';
import { ShowSeatInfo } from './show-seating';

/** What a new booking row needs. */
export interface NewBooking {
  showId: number;
  customer: Customer;
  seats: ShowSeatInfo[];
  idempotencyKey?: string;
  requestHash?: string;
  holdId?: string;
}

/**
 * Writes booking rows and reads them back as API views. Each booking is stamped with this node's
 * id, a Lamport timestamp (Lamport 1978), so the cluster's writes are totally ordered, and a vector
 * timestamp (Fidge/Mattern 1988), so the audit can tell causal order from concurrency.
 */
@Injectable()
export class BookingWriter {
  constructor(private readonly node: NodeIdentity) {}

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

  /** Inserts the booking's seat rows with the price paid for each. */
  async insertSeats(manager: EntityManager, booking: Booking, seats: ShowSeatInfo[]): Promise<void> {
    await manager.insert(
      BookingSeat,
      seats.map((seat) => ({
        bookingId: booking.id,
        seatId: seat.id,
        label: seat.label,
        kind: seat.kind,
        priceCents: seat.priceCents,
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
      ),
    );
  }
}

/** The API view of a booking and its seats. */
export function toView(booking: Booking, seats: (BookingSeat | ShowSeatInfo)[]): BookingView {
  return {
    code: booking.code,
    showId: booking.showId,
    state: booking.state,
    customer: { name: booking.customerName, email: booking.customerEmail },
    seats: seats.map((seat): SeatView => ({
      id: 'seatId' in seat ? seat.seatId : seat.id,
      label: seat.label,
      kind: seat.kind,
      priceCents: seat.priceCents,
    })),
    total: booking.totalCents,
    currency: 'cents',
    lamportTs: booking.lamportTs,
    nodeId: booking.nodeId,
    createdAt: new Date(booking.createdAt).toISOString(),
    cancelledAt: booking.cancelledAt ? new Date(booking.cancelledAt).toISOString() : null,
  };
}

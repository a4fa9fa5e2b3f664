import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, NotFound } from '@app/common';
import { NodeIdentity, VectorTimestamp } from '@app/cluster';
import { PriceList, priceSeats } from '@app/pricing';
import { DatabaseClock, DatabaseService, isUniqueViolation } from '@app/database';
import { Booking } from './entities/booking.entity';
import { BookingCancelled, IdempotencyKeyReused, SeatUnavailable, ShowStarted } from './booking.exception';
import { BookingView, CancelResult, Customer, normaliseCustomer } from './booking.types';
import { BookingRepository, toView } from './booking.repository';
import { SeatGuards } from './seat-guards';
import { SeatInventoryRepository } from './seat-inventory.repository';
import { SeatSelection } from './seat-selection';
import { ShowSeatInfo, ShowSeating, ShowSeatingCache } from './show-seating.cache';
import { SeatEvents } from './seat-events';
import { SeatMapService } from './seat-map.service';
import { priced, PricedSeats, TicketPricing } from './ticket-pricing';
import { BookingNotices } from './booking-notices';

/** A direct booking request: either `seatIds` or `count` (best seats side by side). */
export interface BookingRequest {
  showId: number;
  seatIds?: number[];
  count?: number;
  /**
   * Ticket type per seat, aligned with `seatIds` (or with the seats picked for `count`, best
   * first); absent: every seat takes the theater's default type.
   */
  ticketTypeIds?: number[];
  customer: Customer;
  /** Client-chosen key; a retry with the same key returns the first booking (DESIGN.md invariant 4). */
  idempotencyKey?: string;
  /**
   * Runs first in the booking transaction, inside the show's guard, before seats are picked
   * (not on an idempotent replay); throw to refuse the booking, e.g. ReservationService's
   * one-reservation-per-name rule. Not part of the request's idempotency hash.
   */
  precondition?: (manager: EntityManager) => Promise<void>;
}

/** A booking and whether it is a replay of an earlier request with the same Idempotency-Key. */
export interface BookingOutcome {
  booking: BookingView;
  replayed: boolean;
}

/** Attempts of a by-count booking whose picked seats were taken meanwhile by another node. */
const PICK_ATTEMPTS = 3;

/**
 * Bookings: book chosen seats or the best `count` seats in one transaction, all or nothing; look
 * them up by email and code; cancel them. Correctness rests on the conditional UPDATEs of
 * {@link SeatInventoryRepository}; {@link SeatGuards} only keep contention off the database.
 */
@Injectable()
export class BookingService {
  constructor(
    private readonly clock: DatabaseClock,
    private readonly db: DatabaseService,
    private readonly node: NodeIdentity,
    private readonly guards: SeatGuards,
    private readonly inventory: SeatInventoryRepository,
    private readonly seating: ShowSeatingCache,
    private readonly selection: SeatSelection,
    private readonly bookings: BookingRepository,
    private readonly events: SeatEvents,
    private readonly seatMaps: SeatMapService,
    private readonly pricing: TicketPricing,
    private readonly notices: BookingNotices,
  ) {}

  /**
   * Books seats. With an `idempotencyKey` seen before for the same request, returns that booking
   * (`replayed: true`) and books nothing.
   * @throws NotFound; SeatsNotInShow; ShowStarted; SeatUnavailable; NotEnoughSeats;
   *   InvalidInput (field `ticketTypeIds…`) for ticket types not one per seat or not on sale at
   *   the show's theater; IdempotencyKeyReused when the key came with a different request.
   */
  async book(request: BookingRequest): Promise<BookingOutcome> {
    this.selection.checkRequest(request.seatIds, request.count);
    const customer = normaliseCustomer(request.customer);
    const requestHash = request.idempotencyKey ? hashRequest(request, customer) : undefined;
    if (request.idempotencyKey) {
      const replay = await this.replay(request.idempotencyKey, requestHash!);
      if (replay) return replay;
    }
    const seating = await this.seating.get(request.showId);
    const chosen = request.seatIds ? this.selection.resolve(seating, request.seatIds) : undefined;
    const prices = await this.pricing.list(seating);
    // Bad ticket types are refused before any transaction (by-count seats are priced once picked).
    if (!chosen) priceSeats(prices, Array<string>(request.count!).fill('standard'), request.ticketTypeIds);
    const pricedChosen = chosen && priced(prices, chosen, request.ticketTypeIds);
    try {
      const booking = await this.guards.forShow(request.showId, async () => {
        if (chosen) await this.refuseKnownTaken(seating, chosen);
        for (let attempt = 1; ; attempt++) {
          try {
            return await this.db.transaction((manager) =>
              this.bookOnce(manager, request, seating, customer, pricedChosen ?? prices, requestHash),
            );
          } catch (error) {
            // Seats picked by count may go to another node between read and claim: pick again.
            const lostRace = error instanceof DomainError && error.code === ErrorCode.SeatUnavailable;
            if (chosen || !lostRace || attempt >= PICK_ATTEMPTS) throw error;
          }
        }
      });
      this.events.changed(request.showId);
      this.notices.publish({ kind: 'booked', code: booking.code });
      return { booking, replayed: false };
    } catch (error) {
      // A concurrent retry with the same key committed first (seen as a unique-key violation, or
      // as its seats being taken by that very booking): answer with its booking.
      if (request.idempotencyKey && (isUniqueViolation(error) || error instanceof SeatUnavailable)) {
        const replay = await this.replay(request.idempotencyKey, requestHash!);
        if (replay) return replay;
      }
      throw error;
    }
  }

  /** Answers 409 at once, without a transaction, for seats the seat map shows taken. */
  private async refuseKnownTaken(seating: ShowSeating, seats: ShowSeatInfo[]): Promise<void> {
    const taken = await this.seatMaps.knownTaken(
      seating.showId,
      seats.map((seat) => seat.id),
      this.clock.now(),
    );
    if (taken.length) throw new SeatUnavailable(taken.map((id) => ({ id, label: seating.byId.get(id)!.label })));
  }

  /**
   * One booking transaction: insert the booking, claim its seats (all or none), insert its seat
   * rows. `chosen` are the seats asked for, priced; or the price list to price the seats picked by count.
   */
  private async bookOnce(
    manager: EntityManager,
    request: BookingRequest,
    seating: ShowSeating,
    customer: Customer,
    chosen: PricedSeats | PriceList,
    requestHash: string | undefined,
  ): Promise<BookingView> {
    await request.precondition?.(manager);
    const now = this.clock.now();
    this.selection.assertNotStarted(seating, now);
    const { seats, currencyCode } =
      'seats' in chosen
        ? chosen
        : priced(chosen, await this.selection.pick(manager, seating, request.count!, now), request.ticketTypeIds);
    const booking = await this.bookings.insert(manager, {
      showId: request.showId,
      customer,
      seats,
      currencyCode,
      idempotencyKey: request.idempotencyKey,
      requestHash,
    });
    await this.selection.claimOrExplain(manager, seating, seats, { state: 'booked', bookingId: booking.id }, now);
    await this.bookings.insertSeats(manager, booking, seats);
    return toView(booking, seats, currencyCode);
  }

  /** The booking with `code` if it was made with `email`. @throws NotFound otherwise (same answer either way). */
  async get(code: string, email: string): Promise<BookingView> {
    const booking = await this.findOwned(code, email);
    const [view] = await this.bookings.views(this.db.manager, [booking]);
    return view;
  }

  /**
   * All bookings made with `email`, newest first, provided `code` is one of them (the code is the
   * customer's proof of owning the address). @throws NotFound otherwise.
   */
  async listForCustomer(email: string, code: string): Promise<BookingView[]> {
    await this.findOwned(code, email);
    const bookings = await this.bookings.listByEmail(email.trim().toLowerCase(), 100);
    return this.bookings.views(this.db.manager, bookings);
  }

  /**
   * Cancels a booking made with `email`; its seats return to sale. Stamped with a Lamport timestamp.
   * @throws NotFound (unknown code or other email); BookingCancelled; ShowStarted.
   */
  async cancel(code: string, email: string): Promise<CancelResult> {
    const booking = await this.findOwned(code, email);
    const seating = await this.seating.get(booking.showId);
    const result = await this.guards.forShow(booking.showId, () =>
      this.db.transaction(async (manager) => {
        const now = this.clock.now();
        if (new Date(seating.startsAt).getTime() <= now) throw new ShowStarted(booking.showId);
        const stamp = this.node.stamp();
        const cancelled = await this.bookings.cancel(manager, booking.id, {
          at: new Date(now),
          lamportTs: stamp.lamport,
          nodeId: this.node.nodeId,
          vectorClock: stamp.vector,
        });
        if (!cancelled) throw new BookingCancelled(booking.code);
        const released = await this.inventory.releaseBooking(manager, booking.id);
        const available = (await this.inventory.states(booking.showId, now, manager)).filter(
          (row) => row.state === 'available',
        ).length;
        return { code: booking.code, released, available };
      }),
    );
    this.events.changed(booking.showId);
    this.notices.publish({ kind: 'cancelled', code: booking.code });
    return result;
  }

  /** Seats of `showId` available now. @throws NotFound. */
  async available(showId: number): Promise<number> {
    await this.seating.get(showId);
    return (await this.inventory.states(showId, this.clock.now())).filter((row) => row.state === 'available').length;
  }

  /**
   * Moves this node's Lamport clock past every timestamp it stored before a restart, and its own
   * vector entry past the one of its latest stored booking and cancellation (its entry only grows,
   * so the latest by Lamport time holds the largest).
   */
  async restoreLamportClock(): Promise<void> {
    this.node.clock.advanceTo(await this.bookings.maxLamportTs(this.node.nodeId));
    const { booked, cancelled } = await this.bookings.latestStamped(this.node.nodeId);
    const own = (vector: VectorTimestamp | null | undefined) => vector?.[this.node.vector.key] ?? 0;
    this.node.vector.advanceOwnTo(Math.max(own(booked?.vectorClock), own(cancelled?.cancelVectorClock)));
  }

  private async replay(key: string, requestHash: string): Promise<BookingOutcome | undefined> {
    const existing = await this.bookings.findByIdempotencyKey(key);
    if (!existing) return undefined;
    if (existing.requestHash !== requestHash) throw new IdempotencyKeyReused();
    const [booking] = await this.bookings.views(this.db.manager, [existing]);
    return { booking, replayed: true };
  }

  private async findOwned(code: string, email: string): Promise<Booking> {
    const booking = await this.bookings.findByCode(code);
    if (!booking || booking.customerEmail !== email.trim().toLowerCase()) throw new NotFound('booking', code);
    return booking;
  }
}

/** SHA-256 of what identifies a booking request, to tell a retry from a different request. */
function hashRequest(request: BookingRequest, customer: Customer): string {
  const seats = request.seatIds ? [...request.seatIds].sort((a, b) => a - b) : null;
  const identity: Record<string, unknown> = { showId: request.showId, seats, count: request.count ?? null, customer };
  // Only when given, so requests without types hash as they did before ticket types.
  if (request.ticketTypeIds)
    identity.types = request.seatIds
      ? request.seatIds.map((id, index) => [id, request.ticketTypeIds![index]]).sort((a, b) => a[0] - b[0])
      : request.ticketTypeIds;
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Show } from '@app/catalog';
import { InvalidInput } from '@app/common';
import { DatabaseService } from '@app/database';
import { Booking } from '../entities/booking.entity';
import { BookingCancelled } from '../booking.exception';
import { BookingOutcome, BookingRequest, BookingService } from '../booking.service';
import { Customer } from '../booking.types';
import { BookingWriter } from '../booking.writer';
import { ShowSeatingCache } from '../show-seating';
import { AlreadyBooked, NoReservation } from './reservation.exception';
import { normaliseReservationName, reservationEmail, reservationNameProblem } from '@app/contracts';
import { ReleaseView, ReservationView } from './reservation.types';

/** A reservation and whether it is the replay of an earlier request with the same Idempotency-Key. */
export interface ReservationOutcome {
  reservation: ReservationView;
  replayed: boolean;
}

/**
 * Reservations by name, for the command-line client (DESIGN.md "Command-line client"): a
 * customer is a name (1–100 printable characters, case-sensitive) per show, and holds at most
 * one reservation per show. A reservation is an ordinary booking of the best `count` seats made
 * through {@link BookingService.book} (same seat selection, guards, idempotency and conditional
 * UPDATEs), for the customer `{ name, email: reservationEmail(name) }` — a deterministic
 * placeholder address under `reservations.marquee.invalid`.
 *
 * One reservation per name: the check runs inside the booking's transaction and the show's
 * node-local guard, so one node never books a name twice. Across nodes on MySQL it also locks the
 * show's row (`SELECT … FOR UPDATE`) first, which serialises the reservations of a show — only
 * those: plain bookings do not take that lock — cluster-wide; SQLite is single-writer anyway.
 * What it does not cover: a plain `POST /api/bookings` that uses a placeholder address directly
 * bypasses the check; {@link find} and {@link release} then see all of that name's bookings.
 */
@Injectable()
export class ReservationService {
  constructor(
    private readonly db: DatabaseService,
    private readonly bookings: BookingService,
    private readonly writer: BookingWriter,
    private readonly seating: ShowSeatingCache,
  ) {}

  /**
   * Reserves the best `count` seats side by side of `showId` for `name`. With an
   * `idempotencyKey` seen before for the same request, answers that reservation (`replayed`).
   * @throws InvalidInput for a bad name or count; NotFound (show); ShowStarted; NotEnoughSeats
   *   (`requested`, `available`); AlreadyBooked with the name's seats; IdempotencyKeyReused.
   */
  async reserve(showId: number, name: string, count: number, idempotencyKey?: string): Promise<ReservationOutcome> {
    const customer = customerNamed(name);
    if (!Number.isInteger(count) || count < 1)
      throw new InvalidInput('count', 'must be a whole number of seats, at least 1');
    const request: BookingRequest = {
      showId,
      count,
      customer,
      idempotencyKey,
      precondition: (manager) => this.assertNoReservation(manager, showId, customer),
    };
    let outcome: BookingOutcome;
    try {
      outcome = await this.bookings.book(request);
    } catch (error) {
      // The first attempt of this very request committed while this one waited for the show's
      // guard or lock (a client retry after a timeout): book() now answers it as a replay.
      const ownAttempt =
        idempotencyKey !== undefined &&
        error instanceof AlreadyBooked &&
        error.idempotencyKeys.includes(idempotencyKey);
      if (!ownAttempt) throw error;
      outcome = await this.bookings.book(request);
    }
    const { booking, replayed } = outcome;
    return {
      reservation: {
        name: booking.customer.name,
        showId,
        seats: booking.seats.map((seat) => seat.label),
        bookingCode: booking.code,
      },
      replayed,
    };
  }

  /** The reservation of `name` for `showId`. @throws InvalidInput; NotFound (show); NoReservation. */
  async find(showId: number, name: string): Promise<ReservationView> {
    const customer = customerNamed(name);
    await this.seating.get(showId);
    const held = await this.confirmed(this.db.manager, showId, customer);
    if (!held.length) throw new NoReservation(showId, customer.name);
    return {
      name: customer.name,
      showId,
      seats: await this.seatLabels(this.db.manager, held),
      bookingCode: held[0].code,
    };
  }

  /**
   * Cancels the reservation of `name` for `showId`; its seats return to sale.
   * @throws InvalidInput; NotFound (show); NoReservation (none, or released meanwhile); ShowStarted.
   */
  async release(showId: number, name: string): Promise<ReleaseView> {
    const customer = customerNamed(name);
    await this.seating.get(showId);
    let released = 0;
    let available: number | undefined;
    for (const booking of await this.confirmed(this.db.manager, showId, customer)) {
      try {
        const result = await this.bookings.cancel(booking.code, customer.email);
        released += result.released;
        available = result.available;
      } catch (error) {
        if (!(error instanceof BookingCancelled)) throw error; // a concurrent release won
      }
    }
    if (available === undefined) throw new NoReservation(showId, customer.name);
    return { name: customer.name, showId, released, available };
  }

  /** The booking precondition: @throws AlreadyBooked when the customer already holds seats of the show. */
  private async assertNoReservation(manager: EntityManager, showId: number, customer: Customer): Promise<void> {
    if (this.db.isMysql) {
      // First statement of the transaction, and a locking read: it takes no snapshot, so the plain
      // read below is taken after any reservation that held this lock has committed.
      await manager
        .createQueryBuilder(Show, 'sh')
        .select('sh.id')
        .where('sh.id = :showId', { showId })
        .setLock('pessimistic_write')
        .getRawOne();
    }
    const held = await this.confirmed(manager, showId, customer);
    if (!held.length) return;
    const keys = held.map((booking) => booking.idempotencyKey).filter((key): key is string => key !== null);
    throw new AlreadyBooked(showId, customer.name, await this.seatLabels(manager, held), keys);
  }

  private confirmed(manager: EntityManager, showId: number, customer: Customer): Promise<Booking[]> {
    return manager.find(Booking, {
      where: { showId, customerEmail: customer.email, state: 'confirmed' },
      order: { id: 'ASC' },
    });
  }

  private async seatLabels(manager: EntityManager, bookings: Booking[]): Promise<string[]> {
    return (await this.writer.views(manager, bookings)).flatMap((view) => view.seats.map((seat) => seat.label));
  }
}

/**
 * The customer of a reservation: the normalised name and its placeholder email.
 * @throws InvalidInput (400, field `name`) unless the name is 1–100 printable characters.
 */
function customerNamed(raw: string): Customer {
  const name = normaliseReservationName(raw);
  const problem = reservationNameProblem(name);
  if (problem) throw new InvalidInput('name', problem);
  return { name, email: reservationEmail(name) };
}

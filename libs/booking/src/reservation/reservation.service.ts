import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClusterLock } from '@app/cluster';
import { AppConfigService, DomainError, ErrorCode, InvalidInput } from '@app/common';
import { DatabaseService } from '@app/database';
import { Booking } from '../entities/booking.entity';
import { BookingCancelled, NotEnoughSeats } from '../booking.exception';
import { BookingOutcome, BookingRequest, BookingService } from '../booking.service';
import { Customer } from '../booking.types';
import { BookingRepository } from '../booking.repository';
import { ShowSeatingCache } from '../show-seating.cache';
import { AlreadyBooked, NoReservation } from './reservation.exception';
import {
  normaliseReservationName,
  RESERVATION_EMAIL_DOMAIN,
  reservationEmail,
  reservationEmailPrefix,
  reservationNameProblem,
  reservationSecret,
  secretOfReservationEmail,
} from '@app/contracts';
import { ReleaseView, ReservationView } from './reservation.types';

/** A reservation and whether it is the replay of an earlier request with the same Idempotency-Key. */
export interface ReservationOutcome {
  reservation: ReservationView & { secret: string };
  replayed: boolean;
}

/**
 * What a caller may see of a name's reservation: with `byName` (the admin token, or
 * RESERVATION_NAME_ACCESS=open) any reservation of the name; otherwise only the one whose
 * `secret` it holds.
 */
export interface ReservationAccess {
  secret?: string;
  byName: boolean;
}

/** A name-only look-up without the secret or the admin token (401). */
export class ReservationSecretRequired extends DomainError {
  constructor() {
    super(
      ErrorCode.Unauthorized,
      'a reservation is looked up or released with its secret (the Reservation-Secret header, from the reservation answer) or the admin token',
    );
  }
}

/**
 * Reservations by name, for the command-line client (DESIGN.md "Command-line client"): a
 * customer is a name (1–100 printable characters, case-sensitive) per show, and holds at most
 * one reservation per show. A reservation is an ordinary booking of the best `count` seats made
 * through {@link BookingService.book} (same seat selection, guards, idempotency and conditional
 * UPDATEs), for the customer `{ name, email: reservationEmail(name, secret) }` — a placeholder
 * address under `reservations.marquee.invalid` that holds the reservation's secret, so it cannot be
 * derived from the name. The secret is answered once, to the client that reserved; looking the
 * name up or releasing it needs the secret, unless the caller may act by name
 * ({@link ReservationAccess}: the admin token or RESERVATION_NAME_ACCESS=open).
 *
 * One reservation per name: the check runs inside the booking's transaction and the show's
 * node-local guard, so one node never books a name twice. Across nodes on MySQL it also locks the
 * show's row (`SELECT … FOR UPDATE`) first, which serialises the reservations of a show — only
 * those: plain bookings do not take that lock — cluster-wide; SQLite is single-writer anyway.
 * Reserve and release also run under the cluster lock of the name (Lamport mutual exclusion,
 * `reservation:<show>:<name hash>`), so one name's requests arriving at several nodes take turns;
 * the checks above stay the guarantee.
 * What it does not cover: a plain `POST /api/bookings` that uses a placeholder address directly
 * bypasses the check; {@link find} and {@link release} then see all of that name's bookings.
 */
@Injectable()
export class ReservationService {
  constructor(
    private readonly db: DatabaseService,
    private readonly bookings: BookingService,
    private readonly bookingRows: BookingRepository,
    private readonly seating: ShowSeatingCache,
    private readonly config: AppConfigService,
    private readonly lock: ClusterLock,
  ) {}

  /**
   * Reserves the best `count` seats side by side of `showId` for `name`. With an
   * `idempotencyKey` seen before for the same request, answers that reservation (`replayed`).
   * @throws InvalidInput for a bad name or count; NotFound (show); ShowStarted; NotEnoughSeats
   *   (`requested`, `available`); AlreadyBooked, with the name's seats only when `access` may see
   *   them; IdempotencyKeyReused; InvalidInput (`ticketTypeIds…`) for types not `count` long or
   *   not on sale at the show's theater. `ticketTypeIds`: one per seat (absent: the default type).
   */
  async reserve(
    showId: number,
    name: string,
    count: number,
    idempotencyKey?: string,
    access: ReservationAccess = { byName: false },
    ticketTypeIds?: number[],
  ): Promise<ReservationOutcome> {
    const secret = reservationSecret(idempotencyKey);
    const customer = customerNamed(name, secret);
    return this.lock.withLock(lockName(showId, customer.name), () =>
      this.reserveLocked(showId, customer, secret, count, idempotencyKey, access, ticketTypeIds),
    );
  }

  /** {@link reserve} under the cluster lock of the name. */
  private async reserveLocked(
    showId: number,
    customer: Customer,
    secret: string,
    count: number,
    idempotencyKey: string | undefined,
    access: ReservationAccess,
    ticketTypeIds: number[] | undefined,
  ): Promise<ReservationOutcome> {
    if (!Number.isInteger(count) || count < 1)
      throw new InvalidInput('count', 'must be a whole number of seats, at least 1');
    await this.assertEnoughLeft(showId, count);
    const request: BookingRequest = {
      showId,
      count,
      ticketTypeIds,
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
      if (error instanceof AlreadyBooked && !ownAttempt) throw redacted(error, access);
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
        secret,
      },
      replayed,
    };
  }

  /**
   * The reservation of `name` for `showId`, as `access` may see it.
   * @throws InvalidInput; NotFound (show); ReservationSecretRequired; NoReservation (none, or
   *   none with that secret).
   */
  async find(showId: number, name: string, access: ReservationAccess): Promise<ReservationView> {
    const customer = customerNamed(name);
    await this.seating.get(showId);
    const held = await this.visible(showId, customer, access);
    if (!held.length) throw new NoReservation(showId, customer.name);
    return {
      name: customer.name,
      showId,
      seats: await this.seatLabels(this.db.manager, held),
      bookingCode: held[0].code,
    };
  }

  /**
   * Cancels the reservation of `name` for `showId` that `access` may see; its seats return to sale.
   * @throws InvalidInput; NotFound (show); ReservationSecretRequired; NoReservation (none, none
   *   with that secret, or released meanwhile); ShowStarted.
   */
  async release(showId: number, name: string, access: ReservationAccess): Promise<ReleaseView> {
    const customer = customerNamed(name);
    return this.lock.withLock(lockName(showId, customer.name), () => this.releaseLocked(showId, customer, access));
  }

  /** {@link release} under the cluster lock of the name. */
  private async releaseLocked(showId: number, customer: Customer, access: ReservationAccess): Promise<ReleaseView> {
    await this.seating.get(showId);
    let released = 0;
    let available: number | undefined;
    for (const booking of await this.visible(showId, customer, access)) {
      try {
        const result = await this.bookings.cancel(booking.code, booking.customerEmail);
        released += result.released;
        available = result.available;
      } catch (error) {
        if (!(error instanceof BookingCancelled)) throw error; // a concurrent release won
      }
    }
    if (available === undefined) throw new NoReservation(showId, customer.name);
    return { name: customer.name, showId, released, available };
  }

  /**
   * The contract answers "only <left> seats left" before "too many seats per booking": a count
   * above MAX_SEATS_PER_BOOKING is first checked against the seats left (an advisory read; below
   * the maximum the booking's own pick reports it, inside the transaction).
   * @throws NotFound (show); NotEnoughSeats.
   */
  private async assertEnoughLeft(showId: number, count: number): Promise<void> {
    if (count <= this.config.get('MAX_SEATS_PER_BOOKING')) return;
    const left = await this.bookings.available(showId);
    if (count > left) throw new NotEnoughSeats(count, left);
  }

  /** The booking precondition: @throws AlreadyBooked when the customer already holds seats of the show. */
  private async assertNoReservation(manager: EntityManager, showId: number, customer: Customer): Promise<void> {
    // First statement of the transaction, and a locking read: it takes no snapshot, so the plain
    // read below is taken after any reservation that held this lock has committed.
    await this.bookingRows.lockShow(manager, showId);
    const held = await this.confirmed(manager, showId, customer);
    if (!held.length) return;
    const keys = held.map((booking) => booking.idempotencyKey).filter((key): key is string => key !== null);
    const secrets = held.map((booking) => secretOfReservationEmail(booking.customerEmail) ?? '');
    throw new AlreadyBooked(showId, customer.name, await this.seatLabels(manager, held), keys, secrets);
  }

  /** The name's confirmed bookings of the show `access` may see. @throws ReservationSecretRequired. */
  private async visible(showId: number, customer: Customer, access: ReservationAccess): Promise<Booking[]> {
    if (!access.byName && access.secret === undefined) throw new ReservationSecretRequired();
    const held = await this.confirmed(this.db.manager, showId, customer);
    return access.byName
      ? held
      : held.filter((booking) => secretOfReservationEmail(booking.customerEmail) === access.secret);
  }

  /** Every confirmed reservation booking of the name for the show, whatever its secret. */
  private confirmed(manager: EntityManager, showId: number, customer: Customer): Promise<Booking[]> {
    return this.bookingRows.confirmedByEmailLike(
      manager,
      showId,
      `${reservationEmailPrefix(customer.name)}%@${RESERVATION_EMAIL_DOMAIN}`,
    );
  }

  private async seatLabels(manager: EntityManager, bookings: Booking[]): Promise<string[]> {
    return (await this.bookingRows.views(manager, bookings)).flatMap((view) => view.seats.map((seat) => seat.label));
  }
}

/**
 * The cluster lock of a name's reservations for a show, whatever their secrets:
 * `reservation:<show>:name-<hash of name>-` (names are up to 100 characters of any script).
 */
function lockName(showId: number, name: string): string {
  return `reservation:${showId}:${reservationEmailPrefix(name)}`;
}

/**
 * The customer of a reservation: the normalised name and its placeholder email with `secret`
 * (without one, an address no booking has: look-ups go by the name's prefix).
 * @throws InvalidInput (400, field `name`) unless the name is 1–100 printable characters.
 */
function customerNamed(raw: string, secret = '0'.repeat(32)): Customer {
  const name = normaliseReservationName(raw);
  const problem = reservationNameProblem(name);
  if (problem) throw new InvalidInput('name', problem);
  return { name, email: reservationEmail(name, secret) };
}

/** `error` without the seats unless `access` may see them (its secret is the reservation's, or by name). */
function redacted(error: AlreadyBooked, access: ReservationAccess): AlreadyBooked {
  if (access.byName || (access.secret !== undefined && error.secrets.includes(access.secret))) return error;
  return new AlreadyBooked(error.showId, error.customerName, undefined, error.idempotencyKeys, error.secrets);
}

import { DomainError, ErrorCode } from '@app/common';

/** Some of the requested seats are held or booked by someone else (409). Lists their labels and ids. */
export class SeatUnavailable extends DomainError {
  constructor(readonly seats: { id: number; label: string }[]) {
    super(
      ErrorCode.SeatUnavailable,
      `seat${seats.length === 1 ? '' : 's'} ${seats.map((seat) => seat.label).join(', ')} ${seats.length === 1 ? 'is' : 'are'} no longer available`,
      {
        seats,
      },
    );
  }
}

/** A by-count request asks for more seats than are left (409). */
export class NotEnoughSeats extends DomainError {
  constructor(
    readonly requested: number,
    readonly available: number,
  ) {
    super(ErrorCode.NotEnoughSeats, `only ${available} seats left but ${requested} seats are requested`, {
      requested,
      available,
    });
  }
}

/** Seat ids that are not seats of the show, or repeated (400). */
export class SeatsNotInShow extends DomainError {
  constructor(showId: number, seatIds: number[]) {
    super(ErrorCode.SeatsNotInShow, `seat ids ${seatIds.join(', ')} are not seats of show ${showId}`, {
      showId,
      seatIds,
      fields: [{ field: 'seatIds', problems: [`${seatIds.join(', ')} are not seats of show ${showId}`] }],
    });
  }
}

/** The hold lapsed, was released, or lost a seat after lapsing (410). */
export class HoldExpired extends DomainError {
  constructor(holdId: string) {
    super(ErrorCode.HoldExpired, `hold ${holdId} has expired; pick the seats again`, { holdId });
  }
}

/** The show has started (or ended); it is no longer sold or refunded (409). */
export class ShowStarted extends DomainError {
  constructor(showId: number) {
    super(ErrorCode.ShowStarted, `show ${showId} has already started`, { showId });
  }
}

/** The booking was cancelled already (409). */
export class BookingCancelled extends DomainError {
  constructor(code: string) {
    super(ErrorCode.BookingCancelled, `booking ${code} is already cancelled`, { code });
  }
}

/** An Idempotency-Key seen before with a different request (409). */
export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super(ErrorCode.IdempotencyKeyReused, 'this Idempotency-Key was used for a different request; use a new key');
  }
}

/** A customer (by email) or a client address has as many unexpired holds as allowed (429). */
export class HoldLimitReached extends DomainError {
  constructor(per: 'customer' | 'client', limit: number) {
    super(
      ErrorCode.LimitReached,
      `this ${per === 'customer' ? 'customer' : 'client address'} already has ${limit} unexpired holds; confirm or release one first`,
      { resource: 'hold', per, limit },
    );
  }
}

/** A client address has as many open seat-map event streams on this node as allowed (429). */
export class StreamLimitReached extends DomainError {
  constructor(limit: number) {
    super(ErrorCode.LimitReached, `this client address already has ${limit} open event streams; close one first`, {
      resource: 'event-stream',
      per: 'client',
      limit,
    });
  }
}

import { DomainError, ErrorCode } from '@app/common';

/**
 * `name` already holds a confirmed reservation for the show (409 ALREADY_BOOKED), with its seat
 * labels when the caller may see them (undefined: not told). `idempotencyKeys` and `secrets` (not
 * sent to clients) are the keys of that reservation's requests, so a retry that finds its own
 * first attempt can be answered with it instead, and its secrets, to tell who may see the seats.
 */
export class AlreadyBooked extends DomainError {
  constructor(
    readonly showId: number,
    readonly customerName: string,
    readonly seats: string[] | undefined,
    readonly idempotencyKeys: string[] = [],
    readonly secrets: string[] = [],
  ) {
    super(
      ErrorCode.AlreadyBooked,
      seats
        ? `${customerName} has booked the following seats: ${seats.join(',')}`
        : `${customerName} already has a reservation for this show`,
      seats ? { showId, name: customerName, seats } : { showId, name: customerName },
    );
  }
}

/** `name` holds no reservation for the show (404 NOT_FOUND, `resource: 'reservation'`). */
export class NoReservation extends DomainError {
  constructor(showId: number, customerName: string) {
    super(ErrorCode.NotFound, `no reservation is made by ${customerName}`, {
      resource: 'reservation',
      showId,
      name: customerName,
    });
  }
}

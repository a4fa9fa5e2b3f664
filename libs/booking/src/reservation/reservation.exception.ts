import { DomainError, ErrorCode } from '@app/common';

/**
 * `name` already holds a confirmed reservation for the show (409 ALREADY_BOOKED), with its seat
 * labels. `idempotencyKeys` (not sent to clients) are the keys of that reservation's requests, so
 * a retry that finds its own first attempt can be answered with it instead.
 */
export class AlreadyBooked extends DomainError {
  constructor(
    readonly showId: number,
    readonly customerName: string,
    readonly seats: string[],
    readonly idempotencyKeys: string[] = [],
  ) {
    super(ErrorCode.AlreadyBooked, `${customerName} has booked the following seats: ${seats.join(',')}`, {
      showId,
      name: customerName,
      seats,
    });
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

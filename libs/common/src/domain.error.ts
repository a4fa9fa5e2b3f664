/**
 * The codes of every domain error. The HTTP exception filter maps each one to a status with an
 * exhaustive switch, so adding a code without a status does not compile.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  NotFound = 'NOT_FOUND',
  SeatUnavailable = 'SEAT_UNAVAILABLE',
  NotEnoughSeats = 'NOT_ENOUGH_SEATS',
  /** A name already holds a reservation for the show (the command-line client's customers). */
  AlreadyBooked = 'ALREADY_BOOKED',
  SeatsNotInShow = 'SEATS_NOT_IN_SHOW',
  HoldExpired = 'HOLD_EXPIRED',
  ShowHasBookings = 'SHOW_HAS_BOOKINGS',
  ShowStarted = 'SHOW_STARTED',
  ShowOverlap = 'SHOW_OVERLAP',
  ScreenHasShows = 'SCREEN_HAS_SHOWS',
  TheaterHasScreens = 'THEATER_HAS_SCREENS',
  AlreadyExists = 'ALREADY_EXISTS',
  BookingCancelled = 'BOOKING_CANCELLED',
  IdempotencyKeyReused = 'IDEMPOTENCY_KEY_REUSED',
  ImportFailed = 'IMPORT_FAILED',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  Busy = 'BUSY',
  /** A hold or booking of a show behind the waiting room came without an admission token (403). */
  QueueTokenRequired = 'QUEUE_TOKEN_REQUIRED',
  /** The admission token is forged, expired, or for another show or customer (403). */
  QueueTokenInvalid = 'QUEUE_TOKEN_INVALID',
  /** Too many requests (or failed admin authentications) from one client; `retryAfterSeconds`. */
  RateLimited = 'RATE_LIMITED',
  /** A per-customer or per-client cap (holds, event streams) is reached. */
  LimitReached = 'LIMIT_REACHED',
  /** The database primary cannot take writes now (it failed, or is being replaced); retry. */
  DatabaseUnavailable = 'DATABASE_UNAVAILABLE',
  /** The cluster-wide lock (Lamport mutual exclusion) was not granted in time; retry. */
  ClusterLockTimeout = 'CLUSTER_LOCK_TIMEOUT',
}

/**
 * Base class of Marquee's domain errors: a stable `code`, a human message and optional details
 * that the HTTP layer copies into the JSON body (`{ error: code, message, ...details }`).
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** An id that names nothing (404). */
export class NotFound extends DomainError {
  constructor(what: string, id: string | number) {
    super(ErrorCode.NotFound, `${what} ${id} was not found`, { resource: what, id });
  }
}

/** Input that passed shape validation but breaks a rule (400), e.g. a layout without seats. */
export class InvalidInput extends DomainError {
  constructor(field: string, problem: string) {
    super(ErrorCode.ValidationFailed, `${field} ${problem}`, { fields: [{ field, problems: [problem] }] });
  }
}

/** A create that collides with an existing unique name (409). */
export class AlreadyExists extends DomainError {
  constructor(what: string, name: string) {
    super(ErrorCode.AlreadyExists, `${what} "${name}" already exists`, { resource: what, name });
  }
}

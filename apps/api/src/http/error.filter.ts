import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { DomainError, ErrorCode } from '@app/common';
import { DatabaseUnavailable, isDatabaseUnavailable } from '@app/database';

/** HTTP status of each domain error code; the switch is exhaustive, so a new code must be mapped. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
    case ErrorCode.SeatsNotInShow:
      return HttpStatus.BAD_REQUEST;
    case ErrorCode.Unauthorized:
      return HttpStatus.UNAUTHORIZED;
    case ErrorCode.Forbidden:
    case ErrorCode.QueueTokenRequired:
    case ErrorCode.QueueTokenInvalid:
      return HttpStatus.FORBIDDEN;
    case ErrorCode.NotFound:
      return HttpStatus.NOT_FOUND;
    case ErrorCode.SeatUnavailable:
    case ErrorCode.NotEnoughSeats:
    case ErrorCode.AlreadyBooked:
    case ErrorCode.ShowHasBookings:
    case ErrorCode.ShowStarted:
    case ErrorCode.ShowOverlap:
    case ErrorCode.ScreenHasShows:
    case ErrorCode.TheaterHasScreens:
    case ErrorCode.AlreadyExists:
    case ErrorCode.BookingCancelled:
    case ErrorCode.IdempotencyKeyReused:
      return HttpStatus.CONFLICT;
    case ErrorCode.HoldExpired:
      return HttpStatus.GONE;
    case ErrorCode.RateLimited:
    case ErrorCode.LimitReached:
      return HttpStatus.TOO_MANY_REQUESTS;
    case ErrorCode.ImportFailed:
      return HttpStatus.BAD_GATEWAY;
    case ErrorCode.Busy:
    case ErrorCode.DatabaseUnavailable:
    case ErrorCode.ClusterLockTimeout:
      return HttpStatus.SERVICE_UNAVAILABLE;
    default: {
      const unmapped: never = code;
      throw new Error(`error code ${String(unmapped)} has no HTTP status`);
    }
  }
}

/** Codes for framework exceptions that are not domain errors. */
function codeOfStatus(status: number): string {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'RATE_LIMITED';
    default:
      return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  }
}

/**
 * The one place errors become HTTP answers: `{ error: CODE, message, ...details }`.
 * Domain errors by {@link statusOf}; Nest HTTP exceptions keep their 4xx status (body-parser
 * errors are answered before, by bodyErrors); a database that cannot be reached is a 503
 * DATABASE_UNAVAILABLE (retry); anything else is a bug: a plain 500 with a correlation id, cause
 * logged.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.describe(exception);
    if (response.headersSent) return;
    if (typeof body.retryAfterSeconds === 'number') response.setHeader('Retry-After', String(body.retryAfterSeconds));
    response.status(status).json(body);
  }

  private describe(exception: unknown): [number, Record<string, unknown>] {
    // A read outside a transaction that met a dead or fenced primary (e.g. during a failover).
    if (isDatabaseUnavailable(exception)) exception = new DatabaseUnavailable('the database server cannot be reached');
    if (exception instanceof DomainError) {
      return [statusOf(exception.code), { error: exception.code, message: exception.message, ...exception.details }];
    }
    if (exception instanceof ThrottlerException) {
      return [429, { error: 'RATE_LIMITED', message: 'too many requests; slow down and retry later' }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string' ? payload : ((payload as { message?: unknown }).message ?? exception.message);
      if (status < 500)
        return [
          status,
          { error: codeOfStatus(status), message: Array.isArray(message) ? message.join('; ') : String(message) },
        ];
    }
    const correlationId = randomUUID();
    this.logger.error(
      `unhandled error ${correlationId}`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return [500, { error: 'INTERNAL', message: 'internal error', correlationId }];
  }
}

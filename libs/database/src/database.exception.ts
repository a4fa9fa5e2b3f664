import { DomainError, ErrorCode } from '@app/common';

/**
 * The database cannot take the request now (503): the primary is down or being replaced, or this
 * node's write epoch is not the primary's. Nothing was committed, except when the connection
 * was lost at COMMIT (`atCommit`), where the outcome is unknown; a booking retried with the same
 * Idempotency-Key returns the booking if it was made, or makes it once.
 */
export class DatabaseUnavailable extends DomainError {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super(ErrorCode.DatabaseUnavailable, `the database cannot take this request now (${reason}); retry shortly`, {
      retryable: true,
      ...details,
    });
  }
}

/**
 * A fault test's client history, in the manner of Jepsen (Kingsbury, jepsen.io): every operation a
 * client invokes is recorded with when it was sent and how it ended — `ok` (the server said it
 * happened), `fail` (the server said it did not: a 4xx, or a 503 that says nothing was written) or
 * `unknown` (no answer, a timeout, a cut connection, a 503 at commit: it may or may not have
 * happened). After the faults heal, test/support/history/checker.ts holds the history against the
 * final database.
 */

/** What a client asked for. */
export type OperationKind = 'book' | 'confirm' | 'cancel';

export type Outcome = 'ok' | 'fail' | 'unknown';

/** One client operation, from invocation to its outcome. Times are epoch ms of the client's clock. */
export interface Operation {
  /** Position in the history (invocation order). */
  id: number;
  kind: OperationKind;
  /** The Idempotency-Key it was sent with: retries of one logical request share it. */
  key?: string;
  request: {
    showId?: number;
    seatIds?: number[];
    count?: number;
    /** cancel: the booking code; confirm: none. */
    code?: string;
    holdId?: string;
  };
  invokedAt: number;
  /** Undefined while in flight; a history is checked only once every operation completed. */
  completedAt?: number;
  outcome?: Outcome;
  /** HTTP status, when one came. */
  status?: number;
  /** What an `ok` answer said: the booking's code and seats. */
  answer?: { code?: string; seatIds?: number[] };
}

/** Records operations as a test's clients run them. */
export class HistoryRecorder {
  private readonly operations: Operation[] = [];

  /** Records the invocation of `kind` and returns the operation, to be passed to {@link complete}. */
  invoke(kind: OperationKind, request: Operation['request'], key?: string): Operation {
    const operation: Operation = { id: this.operations.length, kind, key, request, invokedAt: Date.now() };
    this.operations.push(operation);
    return operation;
  }

  /** Records how `operation` ended. @throws Error when it was already completed. */
  complete(
    operation: Operation,
    outcome: Outcome,
    details: { status?: number; answer?: Operation['answer'] } = {},
  ): Operation {
    if (operation.outcome) throw new Error(`operation ${operation.id} completed twice`);
    Object.assign(operation, { outcome, completedAt: Date.now(), ...details });
    return operation;
  }

  /** The operations so far, in invocation order. */
  history(): Operation[] {
    return [...this.operations];
  }
}

/**
 * How a booking API answer classifies: 2xx ok; 503 with `atCommit` (the connection was lost at
 * COMMIT) unknown, any other 503 fail (nothing was written); other 4xx fail; 5xx unknown.
 */
export function outcomeOfStatus(status: number, body?: { atCommit?: boolean }): Outcome {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 503) return body?.atCommit ? 'unknown' : 'fail';
  if (status >= 400 && status < 500) return 'fail';
  return 'unknown';
}

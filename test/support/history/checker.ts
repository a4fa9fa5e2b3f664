import { Operation } from './history';

/** A booking as the final database holds it. */
export interface StoredBooking {
  code: string;
  showId: number;
  state: 'confirmed' | 'cancelled';
  idempotencyKey: string | null;
  seatIds: number[];
  /** The hold it was confirmed from, if any, and that hold's expiry (database clock, epoch ms). */
  holdId?: string | null;
  holdExpiresAtMs?: number | null;
  /** When it was written (database clock, epoch ms; MariaDB's DATETIME keeps whole seconds). */
  createdAtMs: number;
}

/** One show_seat row. */
export interface StoredShowSeat {
  showId: number;
  seatId: number;
  state: 'available' | 'held' | 'booked';
  /** The code of the booking the row points at, when it points at one. */
  bookingCode: string | null;
}

/** What one server (the primary or a replica) reports for the comparison of servers. */
export interface ServerDigest {
  name: string;
  gtid: string;
  /** A digest of its booking and show_seat rows. */
  rows: string;
}

/** The database after the faults healed, read from the primary, plus each server's digest. */
export interface FinalState {
  bookings: StoredBooking[];
  showSeats: StoredShowSeat[];
  primary: ServerDigest;
  replicas: ServerDigest[];
}

/** The rules a history is held to; each violation names one. */
export type Rule =
  | 'sold-twice'
  | 'inventory'
  | 'lost'
  | 'cancel'
  | 'unresolved'
  | 'contradiction'
  | 'replica'
  | 'hold-ttl'
  | 'incomplete';

export interface Violation {
  rule: Rule;
  detail: string;
}

/** The checker's verdict with the figures a scenario prints. */
export interface CheckReport {
  attempts: number;
  ok: number;
  fail: number;
  unknown: number;
  /** `ok` bookings not in the final database with the seats they were answered with. */
  lost: number;
  /** Seats of a show in more than one confirmed booking. */
  soldTwice: number;
  violations: Violation[];
}

/** How far a booking may be confirmed past its hold's expiry (ms of database time). */
export const HOLD_TTL_SLACK_MS = 1_000;

/**
 * Holds a client history against the final database (Jepsen-style; see history.ts):
 * - sold-twice: no seat of a show is in two confirmed bookings;
 * - inventory: every confirmed booking's seats are `booked` pointing at it, and no `booked` row
 *   points elsewhere;
 * - lost: every `ok` book/confirm is present with the seats it was answered with, and confirmed
 *   unless an `ok` or `unknown` cancel of it was invoked;
 * - cancel: every `ok` cancellation's booking is cancelled and no seat row points at it;
 * - unresolved / contradiction: every `unknown` operation with an Idempotency-Key is followed by a
 *   retry with that key that ended `ok` or with a 4xx, the database agrees with that retry (a booking
 *   with the key exists exactly when a retry said ok), and two `ok` answers of one key name one code;
 * - replica: every replica has the primary's GTID position and row digest;
 * - hold-ttl: no booking was confirmed from a hold more than {@link HOLD_TTL_SLACK_MS} past the
 *   hold's expiry (database clock);
 * - incomplete: every operation has an outcome.
 * Pure: no I/O. Never throws; the report lists what it found.
 */
export function checkHistory(history: Operation[], state: FinalState): CheckReport {
  const violations: Violation[] = [];
  const report = (rule: Rule, detail: string) => violations.push({ rule, detail });
  const byCode = new Map(state.bookings.map((booking) => [booking.code, booking]));
  const byKey = new Map(
    state.bookings.filter((b) => b.idempotencyKey).map((booking) => [booking.idempotencyKey!, booking]),
  );

  for (const operation of history)
    if (!operation.outcome) report('incomplete', `operation ${operation.id} (${operation.kind}) has no outcome`);

  const soldTwice = checkSoldTwice(state, report);
  checkInventory(state, report);
  const lost = checkLost(history, byCode, report);
  checkCancellations(history, byCode, state, report);
  checkUnknowns(history, byKey, report);
  for (const replica of state.replicas) {
    if (replica.gtid !== state.primary.gtid)
      report('replica', `${replica.name} is at GTID ${replica.gtid}, the primary at ${state.primary.gtid}`);
    else if (replica.rows !== state.primary.rows)
      report('replica', `${replica.name}'s rows differ from the primary's at the same GTID ${replica.gtid}`);
  }
  for (const booking of state.bookings)
    if (booking.holdExpiresAtMs != null && booking.createdAtMs > booking.holdExpiresAtMs + HOLD_TTL_SLACK_MS)
      report(
        'hold-ttl',
        `booking ${booking.code} was confirmed ${booking.createdAtMs - booking.holdExpiresAtMs} ms after hold ${booking.holdId} expired`,
      );

  const count = (outcome: string) => history.filter((operation) => operation.outcome === outcome).length;
  return {
    attempts: history.length,
    ok: count('ok'),
    fail: count('fail'),
    unknown: count('unknown'),
    lost,
    soldTwice,
    violations,
  };
}

type Report = (rule: Rule, detail: string) => void;

function checkSoldTwice(state: FinalState, report: Report): number {
  const owners = new Map<string, string[]>();
  for (const booking of state.bookings.filter((b) => b.state === 'confirmed'))
    for (const seatId of booking.seatIds) {
      const seat = `${booking.showId}/${seatId}`;
      owners.set(seat, [...(owners.get(seat) ?? []), booking.code]);
    }
  let twice = 0;
  for (const [seat, codes] of owners)
    if (codes.length > 1) {
      twice++;
      report('sold-twice', `seat ${seat} (show/seat) is in confirmed bookings ${codes.join(', ')}`);
    }
  return twice;
}

function checkInventory(state: FinalState, report: Report): void {
  const rows = new Map(state.showSeats.map((row) => [`${row.showId}/${row.seatId}`, row]));
  const confirmed = new Map(state.bookings.filter((b) => b.state === 'confirmed').map((b) => [b.code, b]));
  for (const booking of confirmed.values())
    for (const seatId of booking.seatIds) {
      const row = rows.get(`${booking.showId}/${seatId}`);
      if (row?.state !== 'booked' || row.bookingCode !== booking.code)
        report(
          'inventory',
          `seat ${booking.showId}/${seatId} of booking ${booking.code} is ${row ? `${row.state} (${row.bookingCode ?? 'no booking'})` : 'missing'}`,
        );
    }
  for (const row of state.showSeats)
    if (row.state === 'booked' && !(row.bookingCode && confirmed.has(row.bookingCode)))
      report(
        'inventory',
        `seat ${row.showId}/${row.seatId} is booked by ${row.bookingCode ?? 'nobody'}, not a confirmed booking`,
      );
}

function checkLost(history: Operation[], byCode: Map<string, StoredBooking>, report: Report): number {
  const cancelAttempted = new Set(
    history.filter((op) => op.kind === 'cancel' && op.outcome !== 'fail').map((op) => op.request.code),
  );
  let lost = 0;
  for (const operation of history) {
    if (operation.kind === 'cancel' || operation.outcome !== 'ok') continue;
    const code = operation.answer?.code;
    const stored = code ? byCode.get(code) : undefined;
    const answered = [...(operation.answer?.seatIds ?? [])].sort((a, b) => a - b).join(',');
    const kept = stored ? [...stored.seatIds].sort((a, b) => a - b).join(',') : '';
    if (!stored || kept !== answered) {
      lost++;
      report(
        'lost',
        stored
          ? `booking ${code} was answered with seats ${answered}, the database has ${kept}`
          : `booking ${code ?? '(no code)'} answered ok to operation ${operation.id} is not in the database`,
      );
    } else if (stored.state !== 'confirmed' && !cancelAttempted.has(code)) {
      lost++;
      report('lost', `booking ${code} is ${stored.state} though no client cancelled it`);
    }
  }
  return lost;
}

function checkCancellations(
  history: Operation[],
  byCode: Map<string, StoredBooking>,
  state: FinalState,
  report: Report,
): void {
  for (const operation of history.filter((op) => op.kind === 'cancel' && op.outcome === 'ok')) {
    const code = operation.request.code ?? '';
    const stored = byCode.get(code);
    if (!stored || stored.state !== 'cancelled')
      report('cancel', `booking ${code} was cancelled ok but is ${stored ? stored.state : 'missing'}`);
    const still = state.showSeats.filter((row) => row.bookingCode === code);
    if (still.length)
      report(
        'cancel',
        `booking ${code} was cancelled ok but still holds seats ${still.map((r) => r.seatId).join(',')}`,
      );
  }
}

function checkUnknowns(history: Operation[], byKey: Map<string, StoredBooking>, report: Report): void {
  const byOperationKey = new Map<string, Operation[]>();
  for (const operation of history)
    if (operation.key && operation.kind !== 'cancel')
      byOperationKey.set(operation.key, [...(byOperationKey.get(operation.key) ?? []), operation]);
  for (const [key, operations] of byOperationKey) {
    const oks = operations.filter((op) => op.outcome === 'ok');
    const codes = new Set(oks.map((op) => op.answer?.code));
    if (codes.size > 1) report('contradiction', `key ${key} was answered ok with codes ${[...codes].join(', ')}`);
    for (const unknown of operations.filter((op) => op.outcome === 'unknown')) {
      // Resolved by a later retry that got a definite answer: ok, or a 4xx refusal. A 503 only
      // says that retry wrote nothing, not what the unknown one did.
      const resolution = operations.find(
        (op) =>
          op.invokedAt >= (unknown.completedAt ?? Infinity) &&
          (op.outcome === 'ok' || (op.outcome === 'fail' && (op.status ?? 0) >= 400 && (op.status ?? 0) < 500)),
      );
      if (!resolution) {
        report(
          'unresolved',
          `operation ${unknown.id} (key ${key}) ended unknown and no retry with its key resolved it`,
        );
        continue;
      }
      const stored = byKey.get(key);
      if (resolution.outcome === 'ok' && stored?.code !== resolution.answer?.code)
        report(
          'contradiction',
          `key ${key}: the retry said ${resolution.answer?.code}, the database has ${stored?.code ?? 'none'}`,
        );
      if (resolution.outcome === 'fail' && stored)
        report(
          'contradiction',
          `key ${key}: the retry failed, yet the database has booking ${stored.code} with that key`,
        );
    }
  }
}

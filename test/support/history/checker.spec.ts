import { checkHistory, FinalState, Rule, StoredBooking } from './checker';
import { Operation, outcomeOfStatus } from './history';

// Hand-made histories: one that holds, then one per rule that breaks it (the checker must catch each).

let nextId = 0;
function op(fields: Partial<Operation> & Pick<Operation, 'kind'>): Operation {
  const id = nextId++;
  return { id, request: {}, invokedAt: id * 10, completedAt: id * 10 + 5, outcome: 'ok', status: 201, ...fields };
}

function booking(code: string, seatIds: number[], fields: Partial<StoredBooking> = {}): StoredBooking {
  return { code, showId: 1, state: 'confirmed', idempotencyKey: `k-${code}`, seatIds, createdAtMs: 1_000, ...fields };
}

/** A consistent final state for the given bookings: seats booked by the confirmed ones, servers equal. */
function stateOf(bookings: StoredBooking[], seats = 10): FinalState {
  const showSeats = Array.from({ length: seats }, (_, index) => {
    const owner = bookings.find((b) => b.state === 'confirmed' && b.seatIds.includes(index + 1));
    return {
      showId: 1,
      seatId: index + 1,
      state: owner ? ('booked' as const) : ('available' as const),
      bookingCode: owner?.code ?? null,
    };
  });
  const primary = { name: 'primary', gtid: '0-1-100', rows: 'abc' };
  return { bookings, showSeats, primary, replicas: [{ ...primary, name: 'replica 2' }] };
}

const rules = (state: FinalState, history: Operation[]): Rule[] =>
  checkHistory(history, state).violations.map((violation) => violation.rule);

describe('checkHistory', () => {
  const goodHistory = () => [
    op({ kind: 'book', key: 'k-A', request: { showId: 1, seatIds: [1, 2] }, answer: { code: 'A', seatIds: [2, 1] } }),
    op({ kind: 'book', key: 'k-B', outcome: 'unknown', status: undefined }),
    op({ kind: 'book', key: 'k-B', answer: { code: 'B', seatIds: [3] }, status: 200 }),
    op({ kind: 'book', key: 'k-X', outcome: 'fail', status: 409 }),
    op({ kind: 'book', key: 'k-C', answer: { code: 'C', seatIds: [4] } }),
    op({ kind: 'cancel', request: { code: 'C' }, status: 200 }),
  ];
  const goodState = () => stateOf([booking('A', [1, 2]), booking('B', [3]), booking('C', [4], { state: 'cancelled' })]);

  it('passes a history the database agrees with, and counts it', () => {
    const report = checkHistory(goodHistory(), goodState());
    expect(report.violations).toEqual([]);
    expect(report).toMatchObject({ attempts: 6, ok: 4, fail: 1, unknown: 1, lost: 0, soldTwice: 0 });
  });

  it('catches a seat sold twice', () => {
    const state = goodState();
    state.bookings.push(booking('D', [2]));
    const report = checkHistory(goodHistory(), state);
    expect(report.soldTwice).toBe(1);
    expect(report.violations.map((v) => v.rule)).toContain('sold-twice');
  });

  it('catches an inventory that disagrees with the bookings', () => {
    const state = goodState();
    state.showSeats[0] = { ...state.showSeats[0], state: 'available', bookingCode: null };
    expect(rules(state, goodHistory())).toEqual(['inventory']);
    const stray = goodState();
    stray.showSeats[9] = { ...stray.showSeats[9], state: 'booked', bookingCode: 'C' }; // a cancelled booking
    expect(rules(stray, goodHistory())).toContain('inventory');
  });

  it('catches a lost booking: missing, other seats, or cancelled by nobody', () => {
    const missing = goodState();
    missing.bookings = missing.bookings.filter((b) => b.code !== 'A');
    missing.showSeats = stateOf(missing.bookings).showSeats;
    const report = checkHistory(goodHistory(), missing);
    expect(report.lost).toBe(1);
    expect(report.violations.map((v) => v.rule)).toEqual(['lost']);

    const otherSeats = stateOf([booking('A', [1, 5]), booking('B', [3]), booking('C', [4], { state: 'cancelled' })]);
    expect(rules(otherSeats, goodHistory())).toEqual(['lost']);

    const cancelled = stateOf([
      booking('A', [1, 2], { state: 'cancelled' }),
      booking('B', [3]),
      booking('C', [4], { state: 'cancelled' }),
    ]);
    expect(rules(cancelled, goodHistory())).toEqual(['lost']);
  });

  it('catches a cancellation answered ok that did not release the booking', () => {
    const state = stateOf([booking('A', [1, 2]), booking('B', [3]), booking('C', [4])]);
    expect(rules(state, goodHistory())).toEqual(['cancel', 'cancel']); // still confirmed; still holds seat 4
  });

  it('catches an unknown outcome no retry resolved, and a 503 is no resolution', () => {
    const history = [
      op({ kind: 'book', key: 'k-U', outcome: 'unknown', status: undefined }),
      op({ kind: 'book', key: 'k-U', outcome: 'fail', status: 503 }),
    ];
    expect(rules(stateOf([]), history)).toEqual(['unresolved']);
  });

  it('catches a database that contradicts the retry of an unknown', () => {
    const refused = [
      op({ kind: 'book', key: 'k-U', outcome: 'unknown', status: undefined }),
      op({ kind: 'book', key: 'k-U', outcome: 'fail', status: 409 }),
    ];
    expect(rules(stateOf([booking('U', [7], { idempotencyKey: 'k-U' })]), refused)).toEqual(['contradiction']);

    const answered = [
      op({ kind: 'book', key: 'k-V', outcome: 'unknown', status: undefined }),
      op({ kind: 'book', key: 'k-V', answer: { code: 'V', seatIds: [7] } }),
    ];
    expect(rules(stateOf([]), answered)).toEqual(['lost', 'contradiction']);
  });

  it('catches two ok answers of one key with different codes', () => {
    const history = [
      op({ kind: 'book', key: 'k-W', answer: { code: 'W1', seatIds: [1] } }),
      op({ kind: 'book', key: 'k-W', answer: { code: 'W2', seatIds: [2] } }),
    ];
    const state = stateOf([
      booking('W1', [1], { idempotencyKey: 'k-W' }),
      booking('W2', [2], { idempotencyKey: null }),
    ]);
    expect(rules(state, history)).toEqual(['contradiction']);
  });

  it('catches a replica behind the primary or with other rows', () => {
    const behind = goodState();
    behind.replicas[0] = { ...behind.replicas[0], gtid: '0-1-99' };
    expect(rules(behind, goodHistory())).toEqual(['replica']);
    const diverged = goodState();
    diverged.replicas[0] = { ...diverged.replicas[0], rows: 'abd' };
    expect(rules(diverged, goodHistory())).toEqual(['replica']);
  });

  it('catches a hold that outlived its TTL by more than 1 s of database time', () => {
    const late = stateOf([booking('H', [1], { holdId: 'h1', holdExpiresAtMs: 10_000, createdAtMs: 11_001 })]);
    expect(rules(late, [])).toEqual(['hold-ttl']);
    const inTime = stateOf([booking('H', [1], { holdId: 'h1', holdExpiresAtMs: 10_000, createdAtMs: 11_000 })]);
    expect(rules(inTime, [])).toEqual([]);
  });

  it('catches an operation without an outcome', () => {
    const history = [op({ kind: 'book', outcome: undefined, completedAt: undefined })];
    expect(rules(stateOf([]), history)).toEqual(['incomplete']);
  });
});

describe('outcomeOfStatus', () => {
  it('classifies answers: 2xx ok, 4xx fail, 503 fail unless lost at commit, other 5xx unknown', () => {
    expect(outcomeOfStatus(201)).toBe('ok');
    expect(outcomeOfStatus(409)).toBe('fail');
    expect(outcomeOfStatus(503, {})).toBe('fail');
    expect(outcomeOfStatus(503, { atCommit: true })).toBe('unknown');
    expect(outcomeOfStatus(502)).toBe('unknown');
  });
});

/**
 * A Lamport logical clock (L. Lamport, "Time, Clocks, and the Ordering of Events in a
 * Distributed System", CACM 21(7), 1978). Local events and sends `tick()`; a receive `merge()`s
 * the sender's timestamp: `max(local, received) + 1`. Timestamps are non-negative safe integers.
 * Ties between nodes are broken by node id, which gives the total order (lamportTs, nodeId).
 */
export class LamportClock {
  private value: number;

  constructor(start = 0) {
    this.value = LamportClock.check(start);
  }

  /** The current value, without advancing. */
  now(): number {
    return this.value;
  }

  /** Advances for a local event or a send; returns the event's timestamp. */
  tick(): number {
    this.value += 1;
    return this.value;
  }

  /**
   * Advances on receipt of a message stamped `received`; returns the receive event's timestamp.
   * @throws RangeError when `received` is not a non-negative safe integer.
   */
  merge(received: number): number {
    this.value = Math.max(this.value, LamportClock.check(received)) + 1;
    return this.value;
  }

  /** Moves the clock forward to at least `floor` (e.g. the highest timestamp stored before a restart). */
  advanceTo(floor: number): void {
    this.value = Math.max(this.value, LamportClock.check(floor));
  }

  /** Compares two (timestamp, node id) pairs: negative, zero or positive, as for `Array.sort`. */
  static compare(a: { lamportTs: number; nodeId: number }, b: { lamportTs: number; nodeId: number }): number {
    return a.lamportTs - b.lamportTs || a.nodeId - b.nodeId;
  }

  private static check(value: number): number {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`a Lamport timestamp must be a non-negative safe integer, got ${value}`);
    }
    return value;
  }
}

import { z } from 'zod';

/**
 * A vector timestamp: for each process (by its key: the node id, `w<id>` for a worker), how many
 * of its events the stamped event has seen. Absent keys count 0. JSON-safe, as stored and sent.
 */
export type VectorTimestamp = Record<string, number>;

/** The wire and storage shape of a {@link VectorTimestamp}: at most 64 entries of safe integer counts. */
export const VectorTimestampSchema = z
  .record(z.string().regex(/^w?[1-9][0-9]{0,8}$/), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER))
  .refine((value) => Object.keys(value).length <= 64, { message: 'at most 64 entries' });

/** How two events are related by causality. */
export type CausalOrder = 'before' | 'after' | 'concurrent' | 'equal';

/**
 * A vector clock (C. J. Fidge, "Timestamps in Message-Passing Systems That Preserve the Partial
 * Ordering", 11th Australian Computer Science Conference, 1988; F. Mattern, "Virtual Time and
 * Global States of Distributed Systems", Parallel and Distributed Algorithms, 1988). A local event
 * or a send increments this process's entry; a receive takes the entry-wise maximum with the
 * message's vector, then increments. Then `a` happened before `b` exactly when `a ≤ b`
 * entry-wise and `a ≠ b`; neither way round, they are concurrent — which a Lamport timestamp
 * alone cannot tell.
 */
export class VectorClock {
  private readonly entries = new Map<string, number>();

  /** @param self this process's key (a node id, or `w<id>` for a worker). */
  constructor(private self: string) {}

  /** This process's key. */
  get key(): string {
    return this.self;
  }

  /** Renames this process's entry before any event (a worker sharing its node's id). */
  rekey(self: string): void {
    if (this.entries.size) throw new Error('a vector clock can be rekeyed only before its first event');
    this.self = self;
  }

  /** The current vector, without advancing. */
  now(): VectorTimestamp {
    return Object.fromEntries([...this.entries].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
  }

  /** Advances for a local event or a send; returns the event's vector. */
  tick(): VectorTimestamp {
    this.entries.set(this.self, (this.entries.get(this.self) ?? 0) + 1);
    return this.now();
  }

  /** Merges a received vector (entry-wise maximum), then ticks; returns the receive event's vector. */
  merge(received: VectorTimestamp): VectorTimestamp {
    for (const [key, count] of Object.entries(received)) {
      if (count > (this.entries.get(key) ?? 0)) this.entries.set(key, count);
    }
    return this.tick();
  }

  /** Moves this process's own entry to at least `floor` (e.g. the highest it stored before a restart). */
  advanceOwnTo(floor: number): void {
    if (floor > (this.entries.get(this.self) ?? 0)) this.entries.set(this.self, floor);
  }

  /** How `a` relates to `b`: `before` when `a` happened before `b`, `after` the other way, else `concurrent` (or `equal`). */
  static compare(a: VectorTimestamp, b: VectorTimestamp): CausalOrder {
    let less = false;
    let greater = false;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const left = a[key] ?? 0;
      const right = b[key] ?? 0;
      if (left < right) less = true;
      if (left > right) greater = true;
    }
    if (less && greater) return 'concurrent';
    if (less) return 'before';
    if (greater) return 'after';
    return 'equal';
  }
}

import { Injectable } from '@nestjs/common';
import { CausalOrder, LamportClock, VectorClock, VectorTimestamp } from '@app/cluster';
import { NotFound } from '@app/common';
import { AuditLogRepository, AuditRow } from './audit-log.repository';

/** One write in the audit log. */
export interface AuditEvent {
  /** `<lamportTs>.<nodeId>`: names the event (for {@link AuditLogService.compare}) and is a page cursor. */
  id: string;
  /** A booking made, or a booking cancelled. */
  type: 'booking' | 'cancellation';
  /** Its Lamport timestamp and the node that made it: together its place in the total order. */
  lamportTs: number;
  nodeId: number;
  code: string;
  showId: number;
  seatCount: number;
  /** Wall-clock time on that node (ISO 8601); informative only, not the order. */
  at: string;
  /** Its vector timestamp (null for writes from before vector clocks). */
  vector: VectorTimestamp | null;
}

/** Two writes side by side: their causal relation (vector clocks) and their place in the total order. */
export interface AuditComparison {
  a: AuditEvent;
  b: AuditEvent;
  /**
   * `before`: a happened before b (b causally follows a); `after`: the other way; `concurrent`:
   * neither could have known of the other; `unknown` when either has no vector timestamp.
   */
  causal: CausalOrder | 'unknown';
  /** Which comes first in the total order (lamportTs, nodeId) — always one of them, concurrent or not. */
  totalOrder: 'a-first' | 'b-first' | 'same';
}

/** A page of the audit log; `next` is the cursor of the following page, null at the end. */
export interface AuditPage {
  events: AuditEvent[];
  next: string | null;
}

/**
 * The audit log (DESIGN.md "Cluster"): every booking and cancellation of the cluster, totally
 * ordered by (Lamport timestamp, node id) — Lamport's total order, which extends causality:
 * a write that happened after another (on the same node, or on a node that had heard of it
 * through any message) comes after it.
 */
@Injectable()
export class AuditLogService {
  constructor(private readonly repository: AuditLogRepository) {}

  /** The page of `limit` events after the cursor `after` (`<lamportTs>.<nodeId>`; from the start when absent). */
  async page(query: { after?: string; limit: number; showId?: number }): Promise<AuditPage> {
    const [afterTs, afterNode] = query.after ? query.after.split('.').map(Number) : [0, 0];
    const rows = await this.repository.page(afterTs, afterNode, query.limit, query.showId);
    const events = rows.map(toEvent);
    const last = events[events.length - 1];
    return { events, next: events.length === query.limit && last ? last.id : null };
  }

  /**
   * Compares the writes `a` and `b` (each `<lamportTs>.<nodeId>`): happened-before or concurrent
   * by their vector timestamps (Fidge/Mattern), and their order in the Lamport total order —
   * which orders concurrent writes too, so it alone cannot say whether one caused the other.
   * @throws NotFound (resource `audit event`) for an id that names no write.
   */
  async compare(a: string, b: string): Promise<AuditComparison> {
    const [first, second] = await Promise.all([this.event(a), this.event(b)]);
    const order = LamportClock.compare(first, second);
    return {
      a: first,
      b: second,
      causal: first.vector && second.vector ? VectorClock.compare(first.vector, second.vector) : 'unknown',
      totalOrder: order < 0 ? 'a-first' : order > 0 ? 'b-first' : 'same',
    };
  }

  private async event(id: string): Promise<AuditEvent> {
    const [lamportTs, nodeId] = id.split('.').map(Number);
    const row = await this.repository.find(lamportTs, nodeId);
    if (!row) throw new NotFound('audit event', id);
    return toEvent(row);
  }
}

function toEvent(row: AuditRow): AuditEvent {
  return {
    id: `${row.lamportTs}.${row.nodeId}`,
    type: row.kind,
    lamportTs: row.lamportTs,
    nodeId: row.nodeId,
    code: row.code,
    showId: row.showId,
    seatCount: row.seatCount,
    at: row.at.toISOString(),
    vector: row.vector,
  };
}

import { Injectable } from '@nestjs/common';
import { AuditLogRepository } from './audit-log.repository';

/** One write in the audit log. */
export interface AuditEvent {
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
    const events = rows.map((row): AuditEvent => ({
      type: row.kind,
      lamportTs: row.lamportTs,
      nodeId: row.nodeId,
      code: row.code,
      showId: row.showId,
      seatCount: row.seatCount,
      at: row.at.toISOString(),
    }));
    const last = events[events.length - 1];
    return { events, next: events.length === query.limit && last ? `${last.lamportTs}.${last.nodeId}` : null };
  }
}

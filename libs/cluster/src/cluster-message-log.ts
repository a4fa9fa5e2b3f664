import { Injectable } from '@nestjs/common';
import { VectorTimestamp } from './vector-clock';

/** One message this node sent or received, with its Lamport stamps. */
export interface LoggedMessage {
  /** Epoch ms on this node. */
  at: number;
  direction: 'sent' | 'received';
  /** a cluster message type, a reply (ANSWER/ACK), or SEATS (seat events over Redis). */
  type: string;
  /** The other node's id (for a published seat event: null, it goes to every node). */
  peer: number | null;
  /** The Lamport timestamp carried by the message. */
  stamp: number;
  /** This node's clock right after the event (equal to `stamp` for a send; above it for a receive). */
  clock: number;
  /** This node's vector clock right after the event (when the sender of the event kept one). */
  vector?: VectorTimestamp;
}

/** Messages kept. */
const CAPACITY = 500;

/**
 * The last {@link CAPACITY} messages between this node and the others, for the System Monitor and
 * for checking that Lamport timestamps grow along every message chain (GET /api/cluster/messages).
 */
@Injectable()
export class ClusterMessageLog {
  private readonly entries: LoggedMessage[] = [];

  /** Records one message. */
  record(entry: Omit<LoggedMessage, 'at'>): void {
    this.entries.push({ at: Date.now(), ...entry });
    if (this.entries.length > CAPACITY) this.entries.splice(0, this.entries.length - CAPACITY);
  }

  /** The last `limit` messages, oldest first. */
  recent(limit = CAPACITY): LoggedMessage[] {
    return this.entries.slice(-limit);
  }
}

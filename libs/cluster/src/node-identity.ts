import { Injectable } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { LamportClock } from './lamport-clock';
import { VectorClock, VectorTimestamp } from './vector-clock';

/** The logical time of one event: its Lamport timestamp and its vector timestamp. */
export interface CausalStamp {
  lamport: number;
  vector: VectorTimestamp;
}

/**
 * This node's identity in the cluster: its integer id (`NODE_ID`), its Lamport clock and its
 * vector clock, which advance together: {@link stamp} for a local event or a send,
 * {@link receive} for a receive.
 */
@Injectable()
export class NodeIdentity {
  readonly nodeId: number;
  readonly clock = new LamportClock();
  readonly vector: VectorClock;
  readonly startedAt = new Date();

  constructor(config: AppConfigService) {
    this.nodeId = config.get('NODE_ID');
    this.vector = new VectorClock(String(this.nodeId));
  }

  /** Ticks both clocks for a local event or a send; returns the event's stamps. */
  stamp(): CausalStamp {
    return { lamport: this.clock.tick(), vector: this.vector.tick() };
  }

  /**
   * Merges a received message's stamps (a sender without a vector, e.g. an older node, still
   * ticks this node's entry); returns the receive event's stamps.
   * @throws RangeError for a bad Lamport timestamp.
   */
  receive(lamport: number, vector: VectorTimestamp | undefined): CausalStamp {
    return { lamport: this.clock.merge(lamport), vector: vector ? this.vector.merge(vector) : this.vector.tick() };
  }
}

import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/** A change to some seats of a show; subscribers re-read the seat map. */
export interface SeatChange {
  showId: number;
  /** Epoch ms of the change on the node that made it. */
  at: number;
  /** Id of the node that made the change when it came from another node; absent when local. */
  origin?: number;
}

/**
 * Seat-change notifications inside this node: the seat-map cache drops the show's entry and open
 * live seat maps (Server-Sent Events) are told. A cluster bridge forwards local changes to the
 * other nodes (e.g. Redis pub/sub) and feeds theirs in through {@link receive}.
 */
@Injectable()
export class SeatEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  /** Announces that seats of `showId` changed on this node. */
  changed(showId: number): void {
    this.emitter.emit('change', { showId, at: Date.now() } satisfies SeatChange);
  }

  /** Delivers a change made on another node (`change.origin` set) to this node's subscribers. */
  receive(change: SeatChange & { origin: number }): void {
    this.emitter.emit('change', { ...change });
  }

  /** Calls `listener` on every change, local or remote; returns the unsubscribe function. */
  subscribe(listener: (change: SeatChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}

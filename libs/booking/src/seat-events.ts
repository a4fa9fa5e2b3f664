import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/** A change to some seats of a show; subscribers re-read the seat map. */
export interface SeatChange {
  showId: number;
  /** Epoch ms of the change on the node that made it. */
  at: number;
}

/**
 * Seat-change notifications inside this node: the seat-map cache drops the show's entry and open
 * live seat maps (Server-Sent Events) are told. The cluster issue bridges it over Redis pub/sub.
 */
@Injectable()
export class SeatEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  /** Announces that seats of `showId` changed. */
  changed(showId: number): void {
    this.emitter.emit('change', { showId, at: Date.now() } satisfies SeatChange);
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  subscribe(listener: (change: SeatChange) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}

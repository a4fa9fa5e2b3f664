import { Injectable } from '@nestjs/common';
import { Mutex, Semaphore } from 'async-mutex';
import { AppConfigService } from '@app/common';

/**
 * The node-local guards in front of the database (DESIGN.md invariant 6): an async-mutex per show,
 * which serialises this node's writes to a hot show so its transactions do not queue on the same
 * row locks, and a semaphore bounding this node's concurrent booking transactions
 * (`BOOKING_CONCURRENCY`, default 16). They make the hot path fast; the conditional UPDATEs in
 * the database are what make it correct, across nodes too.
 */
@Injectable()
export class SeatGuards {
  private readonly showLocks = new Map<number, { mutex: Mutex; users: number }>();
  private readonly transactions: Semaphore;

  constructor(config: AppConfigService) {
    this.transactions = new Semaphore(config.get('BOOKING_CONCURRENCY'));
  }

  /** Runs `work` holding the show's mutex and a transaction slot; returns its result. */
  async forShow<T>(showId: number, work: () => Promise<T>): Promise<T> {
    const entry = this.showLocks.get(showId) ?? { mutex: new Mutex(), users: 0 };
    entry.users += 1;
    this.showLocks.set(showId, entry);
    try {
      return await entry.mutex.runExclusive(() => this.transactions.runExclusive(work));
    } finally {
      entry.users -= 1;
      if (entry.users === 0) this.showLocks.delete(showId);
    }
  }
}

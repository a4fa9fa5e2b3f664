import { Injectable } from '@nestjs/common';
import { DatabaseClock, DatabaseService } from '@app/database';
import { SeatInventoryRepository } from './seat-inventory.repository';

/** Seats held (by live holds) and booked, over every show. */
export interface SeatTotals {
  held: number;
  booked: number;
}

/**
 * Cluster-wide seat counts for the metrics, read from a replica when there is one (a gauge may
 * trail the primary by the replication delay). A hold that lapsed before now counts as free, by
 * the inventory's rule.
 */
@Injectable()
export class SeatTotalsService {
  constructor(
    private readonly clock: DatabaseClock,
    private readonly db: DatabaseService,
    private readonly inventory: SeatInventoryRepository,
  ) {}

  /** Counts seats booked and seats held by live holds at `now` (epoch ms). */
  totals(now: number = this.clock.now()): Promise<SeatTotals> {
    return this.db.read((manager) => this.inventory.totals(manager, now));
  }
}

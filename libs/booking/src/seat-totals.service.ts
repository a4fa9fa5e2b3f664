import { Injectable } from '@nestjs/common';
import { DatabaseService } from '@app/database';
import { ShowSeat } from './entities/show-seat.entity';
import { LIVE_HOLD } from './seat-inventory.repository';

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
  constructor(private readonly db: DatabaseService) {}

  /** Counts seats booked and seats held by live holds at `now` (epoch ms). */
  async totals(now: number = Date.now()): Promise<SeatTotals> {
    const rows: { state: string; seats: number | string }[] = await this.db.read((manager) =>
      manager
        .createQueryBuilder(ShowSeat, 'ss')
        .select(['ss.state AS "state"', 'COUNT(*) AS "seats"'])
        .where(`state = 'booked' OR ${LIVE_HOLD}`, { now })
        .groupBy('ss.state')
        .getRawMany(),
    );
    const count = (state: string) => Number(rows.find((row) => row.state === state)?.seats ?? 0);
    return { held: count('held'), booked: count('booked') };
  }
}

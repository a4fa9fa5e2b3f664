import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DatabaseService } from '@app/database';
import { dbNumber } from '../db-values';
import { Seat } from '../entities/seat.entity';
import { ShowSeat } from '../entities/show-seat.entity';

/** Rows per multi-row INSERT (7 parameters a row; well under SQLite's and MySQL's limits). */
const INSERT_CHUNK = 500;
/** Ids per `IN (…)` list. */
const ID_CHUNK = 500;

/** Seat counts of one show; a held seat whose hold lapsed counts as available. */
export interface SeatCounts {
  capacity: number;
  available: number;
  held: number;
  sold: number;
}

/**
 * The catalogue's side of the seat inventory (`show_seat`, one row per seat per show): creating
 * it with a show, counting it, and finding the shows it must protect. Selling seats is
 * libs/booking's (SeatInventoryRepository); this never changes a row's state.
 */
@Injectable()
export class ShowInventoryRepository {
  constructor(private readonly db: DatabaseService) {}

  /**
   * Inserts one `available` row per seat of each show's screen, in multi-row INSERTs.
   * @returns the number of rows inserted.
   */
  async create(manager: EntityManager, shows: { id: number; screenId: number }[]): Promise<number> {
    if (!shows.length) return 0;
    const screenIds = [...new Set(shows.map((show) => show.screenId))];
    const seats = await manager
      .createQueryBuilder(Seat, 'seat')
      .select(['seat.id', 'seat.screenId'])
      .where('seat.screenId IN (:...screenIds)', { screenIds })
      .orderBy('seat.id')
      .getMany();
    const seatsOf = new Map<number, number[]>();
    for (const seat of seats) seatsOf.set(seat.screenId, [...(seatsOf.get(seat.screenId) ?? []), seat.id]);
    const rows = shows.flatMap((show) =>
      (seatsOf.get(show.screenId) ?? []).map((seatId) => ({
        showId: show.id,
        seatId,
        state: 'available' as const,
        holdId: null,
        bookingId: null,
        heldUntil: null,
        version: 0,
      })),
    );
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ShowSeat)
        .values(rows.slice(i, i + INSERT_CHUNK))
        .updateEntity(false)
        .execute();
    }
    return rows.length;
  }

  /** Seat counts of each show at `nowMs` (epoch ms); shows without rows are absent. */
  async counts(manager: EntityManager, showIds: number[], nowMs: number): Promise<Map<number, SeatCounts>> {
    const counts = new Map<number, SeatCounts>();
    for (const chunk of chunks(showIds)) {
      const rows = await manager
        .createQueryBuilder(ShowSeat, 'ss')
        .select('ss.showId', 'showId')
        .addSelect('COUNT(*)', 'capacity')
        .addSelect(
          `SUM(CASE WHEN ss.state = 'available' OR (ss.state = 'held' AND ss.heldUntil < :now) THEN 1 ELSE 0 END)`,
          'available',
        )
        .addSelect(`SUM(CASE WHEN ss.state = 'held' AND ss.heldUntil >= :now THEN 1 ELSE 0 END)`, 'held')
        .addSelect(`SUM(CASE WHEN ss.state = 'booked' THEN 1 ELSE 0 END)`, 'sold')
        .where('ss.showId IN (:...ids)', { ids: chunk })
        .setParameter('now', nowMs)
        .groupBy('ss.showId')
        .getRawMany<{ showId: number; capacity: string; available: string; held: string; sold: string }>();
      for (const row of rows) {
        counts.set(dbNumber(row.showId), {
          capacity: dbNumber(row.capacity),
          available: dbNumber(row.available),
          held: dbNumber(row.held),
          sold: dbNumber(row.sold),
        });
      }
    }
    return counts;
  }

  /**
   * Locks the inventory rows of `showIds` until the transaction ends (MySQL `FOR UPDATE`), so no
   * booking can slip in between a check and a delete. SQLite transactions are already exclusive.
   */
  async lock(manager: EntityManager, showIds: number[]): Promise<void> {
    if (!this.db.isMysql) return;
    for (const chunk of chunks(showIds)) {
      await manager
        .createQueryBuilder(ShowSeat, 'ss')
        .select('ss.id')
        .where('ss.showId IN (:...ids)', { ids: chunk })
        .setLock('pessimistic_write')
        .getRawMany();
    }
  }

  /**
   * The shows among `showIds` that must not be removed: a seat booked (state or booking id) or
   * any row in `booking` (libs/booking's table, cancelled ones included since the FK is RESTRICT),
   * and with `liveHoldsAt` (epoch ms) also a seat held past that instant.
   */
  async protectedShows(manager: EntityManager, showIds: number[], liveHoldsAt?: number): Promise<Set<number>> {
    const found = new Set<number>();
    for (const chunk of chunks(showIds)) {
      const seats = manager
        .createQueryBuilder(ShowSeat, 'ss')
        .select('DISTINCT ss.showId', 'showId')
        .where('ss.showId IN (:...ids)', { ids: chunk })
        .andWhere(
          liveHoldsAt === undefined
            ? `(ss.bookingId IS NOT NULL OR ss.state = 'booked')`
            : `(ss.bookingId IS NOT NULL OR ss.state = 'booked' OR (ss.state = 'held' AND ss.heldUntil >= :now))`,
          { now: liveHoldsAt },
        );
      const bookings = manager
        .createQueryBuilder()
        .select('DISTINCT b.show_id', 'showId')
        .from('booking', 'b')
        .where('b.show_id IN (:...ids)', { ids: chunk });
      for (const row of [...(await seats.getRawMany()), ...(await bookings.getRawMany())])
        found.add(dbNumber(row.showId));
    }
    return found;
  }

  /** Deletes the inventory rows of `showIds` (before the shows themselves). */
  async delete(manager: EntityManager, showIds: number[]): Promise<void> {
    for (const chunk of chunks(showIds)) {
      await manager
        .createQueryBuilder()
        .delete()
        .from(ShowSeat)
        .where('show_id IN (:...ids)', { ids: chunk })
        .execute();
    }
  }
}

function chunks(ids: number[]): number[][] {
  const result: number[][] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) result.push(ids.slice(i, i + ID_CHUNK));
  return result;
}

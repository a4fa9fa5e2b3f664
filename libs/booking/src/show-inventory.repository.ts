import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DatabaseService } from '@app/database';
import { Screen, Seat, SeatCounts, ShowSeatInventory } from '@app/catalog';
import { Booking } from './entities/booking.entity';
import { ShowSeat } from './entities/show-seat.entity';
import { FREE_SEAT, LIVE_HOLD } from './seat-inventory.repository';

/** Rows per multi-row INSERT (7 parameters a row; well under SQLite's and MySQL's limits). */
const INSERT_CHUNK = 500;
/** Ids per `IN (…)` list. */
const ID_CHUNK = 500;

/**
 * The seat inventory's life with its shows, for the catalogue (the {@link ShowSeatInventory} port):
 * creating the rows with a show, counting what is left, and finding the shows it must protect
 * before a removal. Selling seats is {@link SeatInventoryRepository}'s; this never changes a
 * row's state. Counts use the same free-seat rule as the sale ({@link FREE_SEAT}).
 */
@Injectable()
export class ShowInventoryRepository extends ShowSeatInventory {
  constructor(private readonly db: DatabaseService) {
    super();
  }

  async createFor(manager: EntityManager, shows: { id: number; screenId: number }[]): Promise<number> {
    if (!shows.length) return 0;
    const screenIds = [...new Set(shows.map((show) => show.screenId))];
    const query = manager
      .createQueryBuilder(Seat, 'seat')
      .innerJoin(Screen, 'screen', 'screen.id = seat.screenId AND seat.layoutVersion = screen.layoutVersion')
      .select(['seat.id', 'seat.screenId'])
      .where('seat.screenId IN (:...screenIds)', { screenIds })
      .orderBy('seat.id');
    // A layout change holds its screen FOR UPDATE: take the screens FOR SHARE first (the same order,
    // so no deadlock), then read the seats with a locking read, which sees the latest layout
    // rather than the transaction's older snapshot. Outside a transaction (a test fixture) there
    // is nothing to hold a lock for; SQLite transactions are exclusive anyway.
    if (this.db.isMysql && manager.queryRunner?.isTransactionActive) {
      await manager
        .createQueryBuilder(Screen, 'screen')
        .select('screen.id')
        .where('screen.id IN (:...screenIds)', { screenIds })
        .orderBy('screen.id')
        .setLock('pessimistic_read')
        .getRawMany();
      query.setLock('pessimistic_read');
    }
    const seats = await query.getMany();
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

  async counts(manager: EntityManager, showIds: number[], nowMs: number): Promise<Map<number, SeatCounts>> {
    const counts = new Map<number, SeatCounts>();
    for (const chunk of chunks(showIds)) {
      const rows = await manager
        .createQueryBuilder(ShowSeat, 'ss')
        .select('ss.showId', 'showId')
        .addSelect('COUNT(*)', 'capacity')
        .addSelect(`SUM(CASE WHEN ${FREE_SEAT} THEN 1 ELSE 0 END)`, 'available')
        .addSelect(`SUM(CASE WHEN ${LIVE_HOLD} THEN 1 ELSE 0 END)`, 'held')
        .addSelect(`SUM(CASE WHEN state = 'booked' THEN 1 ELSE 0 END)`, 'sold')
        .where('ss.showId IN (:...ids)', { ids: chunk })
        .setParameter('now', nowMs)
        .groupBy('ss.showId')
        .getRawMany<{ showId: number; capacity: string; available: string; held: string; sold: string }>();
      for (const row of rows) {
        counts.set(Number(row.showId), {
          capacity: Number(row.capacity),
          available: Number(row.available),
          held: Number(row.held),
          sold: Number(row.sold),
        });
      }
    }
    return counts;
  }

  /** MySQL `FOR UPDATE` on the rows; SQLite transactions are already exclusive. */
  async lockShows(manager: EntityManager, showIds: number[]): Promise<void> {
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

  async protectedShows(manager: EntityManager, showIds: number[], liveHoldsAt?: number): Promise<Set<number>> {
    const found = new Set<number>();
    for (const chunk of chunks(showIds)) {
      const seats = manager
        .createQueryBuilder(ShowSeat, 'ss')
        .select('DISTINCT ss.showId', 'showId')
        .where('ss.showId IN (:...ids)', { ids: chunk })
        .andWhere(
          liveHoldsAt === undefined
            ? `(booking_id IS NOT NULL OR state = 'booked')`
            : `(booking_id IS NOT NULL OR state = 'booked' OR ${LIVE_HOLD})`,
          { now: liveHoldsAt },
        );
      const bookings = manager
        .createQueryBuilder(Booking, 'b')
        .select('DISTINCT b.showId', 'showId')
        .where('b.showId IN (:...ids)', { ids: chunk });
      for (const row of [...(await seats.getRawMany()), ...(await bookings.getRawMany())])
        found.add(Number(row.showId));
    }
    return found;
  }

  async bookingCounts(manager: EntityManager, showIds: number[]): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (const chunk of chunks(showIds)) {
      const rows = await manager
        .createQueryBuilder(ShowSeat, 'ss')
        .select('ss.showId', 'showId')
        .addSelect('COUNT(DISTINCT ss.bookingId)', 'bookings')
        .where('ss.showId IN (:...ids)', { ids: chunk })
        .andWhere('ss.bookingId IS NOT NULL')
        .groupBy('ss.showId')
        .getRawMany<{ showId: number; bookings: string }>();
      for (const row of rows) counts.set(Number(row.showId), Number(row.bookings));
    }
    return counts;
  }

  async seatsInUse(manager: EntityManager, seatIds: number[]): Promise<Set<number>> {
    const used = new Set<number>();
    for (const chunk of chunks(seatIds)) {
      const rows = await manager
        .createQueryBuilder(ShowSeat, 'ss')
        .select('DISTINCT ss.seatId', 'seatId')
        .where('ss.seatId IN (:...ids)', { ids: chunk })
        .getRawMany<{ seatId: number | string }>();
      for (const row of rows) used.add(Number(row.seatId));
    }
    return used;
  }

  async deleteFor(manager: EntityManager, showIds: number[]): Promise<void> {
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

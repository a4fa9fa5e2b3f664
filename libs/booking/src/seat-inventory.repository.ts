import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { affectedRows, DatabaseService } from '@app/database';
import { ShowSeat, ShowSeatState } from './entities/show-seat.entity';

/** The state a customer sees: a held seat whose hold has lapsed shows as available. */
export type SeatState = ShowSeatState;

/** One seat's live state. */
export interface SeatStateRow {
  seatId: number;
  state: SeatState;
  /** Epoch ms when a live hold lapses; null unless `state` is `held`. */
  heldUntil: number | null;
}

/** What a claim writes into the claimed rows. */
export type ClaimTarget = { state: 'held'; holdId: string; heldUntil: number } | { state: 'booked'; bookingId: number };

/**
 * The one free-seat rule, as SQL on `show_seat` (parameter `:now`, epoch ms): available, or held by
 * a hold that lapsed before now — a lapsed hold frees its seats with no job run (invariant 3).
 */
export const LAPSED_HOLD = `(state = 'held' AND held_until < :now)`;
export const FREE_SEAT = `(state = 'available' OR ${LAPSED_HOLD})`;

/** Its complement among held rows: a hold still live at `:now`. */
export const LIVE_HOLD = `(state = 'held' AND held_until >= :now)`;

/** The same rule as {@link FREE_SEAT}, for a row already read. */
function isFree(state: SeatState, heldUntil: number | string | null, now: number): boolean {
  return state === 'available' || (state === 'held' && Number(heldUntil) < now);
}

/**
 * The only place the seat inventory (`show_seat`) is read and written for sale. Every change is
 * a conditional UPDATE whose WHERE clause states what the row must be now; callers compare the
 * affected-row count with what they asked for (DESIGN.md invariant 1).
 */
@Injectable()
export class SeatInventoryRepository {
  constructor(private readonly db: DatabaseService) {}

  /**
   * Claims `seatIds` of `showId` when each is available or its hold lapsed before `now` (epoch ms).
   * Returns the number of rows claimed; the caller rolls back unless it equals `seatIds.length`.
   */
  async claim(
    manager: EntityManager,
    showId: number,
    seatIds: number[],
    target: ClaimTarget,
    now: number,
  ): Promise<number> {
    const values =
      target.state === 'held'
        ? { state: 'held' as const, holdId: target.holdId, heldUntil: target.heldUntil, bookingId: null }
        : { state: 'booked' as const, bookingId: target.bookingId, holdId: null, heldUntil: null };
    const result = await manager
      .createQueryBuilder()
      .update(ShowSeat)
      .set({ ...values, version: () => 'version + 1' })
      .where('show_id = :showId', { showId })
      .andWhere('seat_id IN (:...seatIds)', { seatIds })
      .andWhere(FREE_SEAT, { now })
      .execute();
    return affectedRows(result);
  }

  /** Turns the seats of an unexpired hold into a booking. Returns rows changed. */
  async confirmHold(manager: EntityManager, holdId: string, bookingId: number, now: number): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(ShowSeat)
      .set({ state: 'booked', bookingId, holdId: null, heldUntil: null, version: () => 'version + 1' })
      .where('hold_id = :holdId', { holdId })
      .andWhere(LIVE_HOLD, { now })
      .execute();
    return affectedRows(result);
  }

  /** Returns a hold's seats to sale (the customer released it). Returns rows changed. */
  async releaseHold(manager: EntityManager, holdId: string): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(ShowSeat)
      .set({ state: 'available', holdId: null, heldUntil: null, version: () => 'version + 1' })
      .where('hold_id = :holdId', { holdId })
      .andWhere(`state = 'held'`)
      .execute();
    return affectedRows(result);
  }

  /** Returns to sale the seats of the given holds that lapsed before `now` (one UPDATE). Returns rows changed. */
  async releaseLapsedHolds(manager: EntityManager, holdIds: string[], now: number): Promise<number> {
    if (!holdIds.length) return 0;
    const result = await manager
      .createQueryBuilder()
      .update(ShowSeat)
      .set({ state: 'available', holdId: null, heldUntil: null, version: () => 'version + 1' })
      .where('hold_id IN (:...holdIds)', { holdIds })
      .andWhere(LAPSED_HOLD, { now })
      .execute();
    return affectedRows(result);
  }

  /** Returns a booking's seats to sale. Returns rows changed. */
  async releaseBooking(manager: EntityManager, bookingId: number): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(ShowSeat)
      .set({ state: 'available', bookingId: null, version: () => 'version + 1' })
      .where('booking_id = :bookingId', { bookingId })
      .andWhere(`state = 'booked'`)
      .execute();
    return affectedRows(result);
  }

  /** Seats booked and seats held by holds still live at `now` (epoch ms), over every show. */
  async totals(manager: EntityManager, now: number): Promise<{ held: number; booked: number }> {
    const rows: { state: string; seats: number | string }[] = await manager
      .createQueryBuilder(ShowSeat, 'ss')
      .select(['ss.state AS "state"', 'COUNT(*) AS "seats"'])
      .where(`state = 'booked' OR ${LIVE_HOLD}`, { now })
      .groupBy('ss.state')
      .getRawMany();
    const count = (state: string) => Number(rows.find((row) => row.state === state)?.seats ?? 0);
    return { held: count('held'), booked: count('booked') };
  }

  /** Live state of every seat of a show at `now` (lapsed holds read as available). */
  async states(showId: number, now: number, manager: EntityManager = this.db.manager): Promise<SeatStateRow[]> {
    const rows: { seatId: number | string; state: SeatState; heldUntil: number | string | null }[] = await manager
      .createQueryBuilder(ShowSeat, 'ss')
      .select(['ss.seat_id AS "seatId"', 'ss.state AS "state"', 'ss.held_until AS "heldUntil"'])
      .where('ss.show_id = :showId', { showId })
      .getRawMany();
    return rows.map((row) => {
      const state = isFree(row.state, row.heldUntil, now) ? 'available' : row.state;
      return { seatId: Number(row.seatId), state, heldUntil: state === 'held' ? Number(row.heldUntil) : null };
    });
  }

  /**
   * Seats of `seatIds` that someone other than `claimant` holds or has booked at `now`; used after
   * a short claim, inside its transaction, so the claimant's own partial claim is not counted.
   */
  async taken(
    manager: EntityManager,
    showId: number,
    seatIds: number[],
    claimant: ClaimTarget,
    now: number,
  ): Promise<number[]> {
    const query = manager
      .createQueryBuilder(ShowSeat, 'ss')
      .select([
        'ss.seat_id AS "seatId"',
        'ss.state AS "state"',
        'ss.held_until AS "heldUntil"',
        'ss.hold_id AS "holdId"',
        'ss.booking_id AS "bookingId"',
      ])
      .where('ss.show_id = :showId', { showId })
      .andWhere('ss.seat_id IN (:...seatIds)', { seatIds });
    // On MySQL a plain SELECT reads the transaction's snapshot, taken at its first read (e.g. the
    // by-count pick), from before another node's commit that made the claim fall short: a locking
    // read sees the latest committed rows instead. FOR UPDATE, not a shared lock: TypeORM's mysql
    // dialect writes a shared lock as MySQL 8's `FOR SHARE`, which MariaDB refuses, and the
    // transaction is about to roll back anyway. SQLite runs one writer at a time: no snapshot lag.
    if (manager.connection.options.type !== 'better-sqlite3') query.setLock('pessimistic_write');
    const rows: {
      seatId: number | string;
      state: SeatState;
      heldUntil: number | string | null;
      holdId: string | null;
      bookingId: number | string | null;
    }[] = await query.getRawMany();
    const mine = (row: (typeof rows)[number]) =>
      claimant.state === 'held' ? row.holdId === claimant.holdId : Number(row.bookingId) === claimant.bookingId;
    return rows.filter((row) => !mine(row) && !isFree(row.state, row.heldUntil, now)).map((row) => Number(row.seatId));
  }

  /** Seat ids whose row carries `holdId` (held, or lapsed and not yet taken). */
  async heldSeatIds(manager: EntityManager, holdId: string): Promise<number[]> {
    const rows: { seatId: number | string }[] = await manager
      .createQueryBuilder(ShowSeat, 'ss')
      .select('ss.seat_id', 'seatId')
      .where('ss.hold_id = :holdId', { holdId })
      .orderBy('ss.seat_id', 'ASC')
      .getRawMany();
    return rows.map((row) => Number(row.seatId));
  }
}

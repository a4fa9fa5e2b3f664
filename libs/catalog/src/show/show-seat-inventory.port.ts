import { EntityManager } from 'typeorm';

/** Seat counts of one show; a held seat whose hold lapsed counts as available. */
export interface SeatCounts {
  capacity: number;
  available: number;
  held: number;
  sold: number;
}

/**
 * What the catalogue needs from the seat inventory, which libs/booking owns (`show_seat` and the
 * one rule of a free seat): a port, implemented by booking's ShowInventoryRepository and provided
 * globally under this class, so the catalogue never builds SQL on booking's tables. Every method
 * runs in the caller's `manager` (its transaction, or a replica's for counts).
 */
export abstract class ShowSeatInventory {
  /**
   * Creates one `available` seat row per seat of each show's screen in its current layout (the
   * screen's `layoutVersion`), reading the screens with a shared lock so a concurrent layout change
   * comes before or after, never across. @returns the rows created.
   */
  abstract createFor(manager: EntityManager, shows: { id: number; screenId: number }[]): Promise<number>;

  /** Seats left (and held, sold) per show at `nowMs` (epoch ms); shows without rows are absent. */
  abstract counts(manager: EntityManager, showIds: number[], nowMs: number): Promise<Map<number, SeatCounts>>;

  /** Locks the shows' seat rows until the transaction ends, so no booking slips in before a removal. */
  abstract lockShows(manager: EntityManager, showIds: number[]): Promise<void>;

  /**
   * The shows among `showIds` that must not be removed: a seat booked or any booking (cancelled
   * ones included: they stay in the audit trail), and with `liveHoldsAt` (epoch ms) a live hold.
   */
  abstract protectedShows(manager: EntityManager, showIds: number[], liveHoldsAt?: number): Promise<Set<number>>;

  /** Bookings (distinct booking ids on the shows' seats) per show; shows without any are absent. */
  abstract bookingCounts(manager: EntityManager, showIds: number[]): Promise<Map<number, number>>;

  /** The seats among `seatIds` that any show's inventory uses (they must stay). */
  abstract seatsInUse(manager: EntityManager, seatIds: number[]): Promise<Set<number>>;

  /** Deletes the shows' seat rows (before the shows themselves). */
  abstract deleteFor(manager: EntityManager, showIds: number[]): Promise<void>;
}

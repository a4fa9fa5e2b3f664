import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { InvalidInput, NotFound } from '@app/common';
import { DatabaseService, isForeignKeyViolation } from '@app/database';
import { ShowHasBookings, ShowOverlap } from '../catalog.exception';
import { Movie } from '../entities/movie.entity';
import { Screen } from '../entities/screen.entity';
import { Show } from '../entities/show.entity';
import { ShowSeatInventory } from './show-seat-inventory.port';
import { CLEANING_GAP_MIN, showDurationMs } from './show-timing';

const MINUTE_MS = 60_000;
/** How far ahead a show may be planned. */
const MAX_AHEAD_MS = 366 * 86_400_000;
/** Largest price accepted, in cents. */
export const MAX_PRICE_CENTS = 100_000;

/** What a new show needs. Prices in integer cents. */
export interface NewShow {
  movieId: number;
  screenId: number;
  startsAt: Date;
  priceCents: number;
  /** Price of premium seats; default: `priceCents` × 1.5, rounded, at most 100000. */
  premiumPriceCents?: number;
  /** True when the scheduler makes it. */
  generated?: boolean;
}

/**
 * Shows: a film on a screen at a time, with its seat inventory. A show lasts trailers (15 min)
 * plus the film's runtime (120 min when unknown), and shows on a screen are at least 15 min apart
 * for cleaning (see show-timing.ts).
 */
@Injectable()
export class ShowService {
  constructor(
    private readonly db: DatabaseService,
    private readonly inventory: ShowSeatInventory,
  ) {}

  /**
   * Creates a show and its inventory (one `available` show_seat row per seat) in one
   * transaction; the screen row is locked so concurrent creates on a screen cannot both pass the
   * overlap check.
   * @throws InvalidInput (400) for a start not on a whole minute, in the past or over a year ahead,
   *   or a price outside 0..100000 cents; NotFound (404) for an unknown movie or screen;
   *   ShowOverlap (409) when it comes within the cleaning gap of another show on the screen.
   */
  async create(input: NewShow): Promise<Show> {
    const startMs = input.startsAt.getTime();
    const nowMs = Date.now();
    if (!Number.isFinite(startMs)) throw new InvalidInput('startsAt', 'must be a valid date-time');
    if (startMs % MINUTE_MS !== 0) throw new InvalidInput('startsAt', 'must be on a whole minute (no seconds)');
    if (startMs <= nowMs) throw new InvalidInput('startsAt', 'must be in the future');
    if (startMs > nowMs + MAX_AHEAD_MS) throw new InvalidInput('startsAt', 'must be at most 366 days ahead');
    const premiumPriceCents = input.premiumPriceCents ?? Math.min(MAX_PRICE_CENTS, Math.round(input.priceCents * 1.5));
    checkPrice('priceCents', input.priceCents);
    checkPrice('premiumPriceCents', premiumPriceCents);
    try {
      return await this.db.transaction(async (manager) => {
        const movie = await manager
          .createQueryBuilder(Movie, 'movie')
          .where('movie.id = :id', { id: input.movieId })
          .getOne();
        if (!movie) throw new NotFound('movie', input.movieId);
        await this.lockScreen(manager, input.screenId);
        const show = {
          movieId: movie.id,
          screenId: input.screenId,
          startsAt: input.startsAt,
          endsAt: new Date(startMs + showDurationMs(movie.runtimeMin)),
          priceCents: input.priceCents,
          premiumPriceCents,
          generated: input.generated ?? false,
        };
        const conflict = await this.firstConflict(manager, show);
        if (conflict) throw new ShowOverlap(show.screenId, conflict, CLEANING_GAP_MIN);
        const result = await manager.createQueryBuilder().insert().into(Show).values(show).execute();
        const id = Number(result.identifiers[0].id);
        await this.inventory.createFor(manager, [{ id, screenId: show.screenId }]);
        return (await manager.createQueryBuilder(Show, 'sh').where('sh.id = :id', { id }).getOne())!;
      });
    } catch (error) {
      // The movie or screen was removed while this transaction ran.
      if (isForeignKeyViolation(error)) throw new NotFound('movie or screen', `${input.movieId}/${input.screenId}`);
      throw error;
    }
  }

  /**
   * Removes a show and its inventory. Its seat rows are locked first, so a booking cannot slip in
   * between the check and the delete.
   * @throws NotFound (404); ShowHasBookings (409) when a seat carries a booking or the `booking`
   *   table has a row for it (cancelled bookings included: they stay in the audit trail).
   */
  async remove(id: number): Promise<void> {
    try {
      await this.db.transaction(async (manager) => {
        const show = await manager.createQueryBuilder(Show, 'sh').where('sh.id = :id', { id }).getOne();
        if (!show) throw new NotFound('show', id);
        await this.inventory.lockShows(manager, [id]);
        if ((await this.inventory.protectedShows(manager, [id])).size) throw new ShowHasBookings(id);
        await this.inventory.deleteFor(manager, [id]);
        await manager.createQueryBuilder().delete().from(Show).where('id = :id', { id }).execute();
      });
    } catch (error) {
      // booking.show_id is ON DELETE RESTRICT: a booking written meanwhile refuses the delete.
      if (isForeignKeyViolation(error)) throw new ShowHasBookings(id);
      throw error;
    }
  }

  /**
   * Locks a screen's row until the transaction ends (MySQL `FOR UPDATE`; SQLite transactions are
   * exclusive already). Show writers on one screen take it first, so overlap checks are serialised.
   * @throws NotFound (404) for an unknown screen.
   */
  async lockScreen(manager: EntityManager, screenId: number): Promise<Screen> {
    const query = manager.createQueryBuilder(Screen, 'screen').where('screen.id = :id', { id: screenId });
    if (this.db.isMysql) query.setLock('pessimistic_write');
    const screen = await query.getOne();
    if (!screen) throw new NotFound('screen', screenId);
    return screen;
  }

  /** The first show on the screen within the cleaning gap of `[startsAt, endsAt)`, if any. */
  private async firstConflict(
    manager: EntityManager,
    show: { screenId: number; startsAt: Date; endsAt: Date },
  ): Promise<Show | null> {
    const gapMs = CLEANING_GAP_MIN * MINUTE_MS;
    return manager
      .createQueryBuilder(Show, 'sh')
      .where('sh.screenId = :screenId', { screenId: show.screenId })
      .andWhere('sh.startsAt < :latest', { latest: new Date(show.endsAt.getTime() + gapMs) })
      .andWhere('sh.endsAt > :earliest', { earliest: new Date(show.startsAt.getTime() - gapMs) })
      .orderBy('sh.startsAt')
      .getOne();
  }
}

function checkPrice(field: string, cents: number): void {
  if (!Number.isInteger(cents) || cents < 0 || cents > MAX_PRICE_CENTS) {
    throw new InvalidInput(field, `must be a whole number of cents from 0 to ${MAX_PRICE_CENTS}`);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ClusterLock } from '@app/cluster';
import { AppConfigService, InvalidInput, NotFound } from '@app/common';
import { DatabaseService } from '@app/database';
import { Movie } from '../entities/movie.entity';
import { Screen } from '../entities/screen.entity';
import { Show } from '../entities/show.entity';
import { Theater } from '../entities/theater.entity';
import { ShowSeatInventory } from '../show/show-seat-inventory.port';
import { addDays, localDate, localDayBounds, localMinuteOfDay } from './local-time';
import { planShows } from './schedule-planner';

const DAY_MS = 86_400_000;
/** Prices of generated shows, integer cents: matinee (start before 17:00 local) and evening. */
export const MATINEE_PRICE_CENTS = 1_000;
export const EVENING_PRICE_CENTS = 1_300;
/** Premium seats cost this much more than standard ones (×1.5). */
const PREMIUM_FACTOR = 1.5;
const EVENING_FROM_MIN = 17 * 60;

/** What to generate. */
export interface GenerateOptions {
  /** Local days from today, 1..31; default `SCHEDULE_DAYS` (7). */
  days?: number;
  /** Only this theater's screens; default every screen. */
  theaterId?: number;
}

/** What a generation did. */
export interface GenerateResult {
  /** Shows made. */
  created: number;
  /** Generated shows without bookings or live holds that were deleted to re-plan. */
  removed: number;
  /** Shows starting in the window that stayed: admin-made, sold or held, or already started. */
  kept: number;
  /** Days planned (today first, in `CINEMA_TIME_ZONE`). */
  days: number;
}

/**
 * The week scheduler, for the theaters an admin made (imported ones follow the showtimes
 * import). Generating re-plans the window from now to the end of the last day: it
 * deletes the generated shows that have not started and have no bookings or live holds, keeps
 * everything else (admin-made shows, sold or held ones) and fills the screens around them with
 * {@link planShows}, so films added by a later import get shows when the week is generated again.
 */
@Injectable()
export class ScheduleService {
  private readonly logger = new Logger('Schedule');

  constructor(
    private readonly db: DatabaseService,
    private readonly inventory: ShowSeatInventory,
    private readonly config: AppConfigService,
    private readonly lock: ClusterLock,
  ) {}

  /**
   * {@link plan} under the cluster lock `schedule-generation`: one generation at a time in the
   * cluster (the screen row locks keep the data right anyway; the lock keeps two nodes from
   * re-planning one after the other for a single admin's double request).
   * @throws as {@link plan}; ClusterLockTimeout (503).
   */
  generate(options: GenerateOptions = {}): Promise<GenerateResult> {
    return this.lock.withLock('schedule-generation', () => this.plan(options));
  }

  /**
   * Re-plans `days` local days from today (in one transaction; screen rows locked on MySQL so two
   * nodes cannot plan the same screens at once) and writes the shows with their inventory.
   * @returns `{ created, removed, kept, days }`.
   * @throws InvalidInput (400) for days outside 1..31; NotFound (404) for an unknown theater.
   */
  async plan(options: GenerateOptions = {}): Promise<GenerateResult> {
    const days = options.days ?? this.config.get('SCHEDULE_DAYS');
    if (!Number.isInteger(days) || days < 1 || days > 31)
      throw new InvalidInput('days', 'must be an integer from 1 to 31');
    const timeZone = this.config.get('CINEMA_TIME_ZONE');
    const now = Date.now();
    const today = localDate(now, timeZone);
    const dates = Array.from({ length: days }, (_, index) => addDays(today, index));
    const windowStart = localDayBounds(today, timeZone).startMs;
    const windowEnd = localDayBounds(dates[dates.length - 1], timeZone).endMs;

    const result = await this.db.transaction(async (manager) => {
      const screens = await this.lockScreens(manager, options.theaterId);
      if (!screens.length) return { created: 0, removed: 0, kept: 0, days };
      const screenIds = screens.map((screen) => screen.id);
      const removed = await this.removeReplannable(manager, screenIds, now, windowEnd);
      const busy = await manager
        .createQueryBuilder(Show, 'sh')
        .where('sh.screenId IN (:...screenIds)', { screenIds })
        .andWhere('sh.endsAt > :from AND sh.startsAt < :to', {
          from: new Date(windowStart - DAY_MS),
          to: new Date(windowEnd + DAY_MS),
        })
        .getMany();
      const movies = await manager
        .createQueryBuilder(Movie, 'movie')
        .select(['movie.id', 'movie.runtimeMin', 'movie.popularity'])
        .getMany();
      const plan = planShows({
        dates,
        timeZone,
        screens: screens.map((screen) => ({ id: screen.id, capacity: screen.seatCount })),
        movies: movies.map((movie) => ({ id: movie.id, runtimeMin: movie.runtimeMin, popularity: movie.popularity })),
        busy: busy.map((show) => ({
          screenId: show.screenId,
          startsAt: show.startsAt.getTime(),
          endsAt: show.endsAt.getTime(),
        })),
        notBeforeMs: now,
      });
      const created: { id: number; screenId: number }[] = [];
      for (const planned of plan) {
        const priceCents =
          localMinuteOfDay(planned.startsAt, timeZone) >= EVENING_FROM_MIN ? EVENING_PRICE_CENTS : MATINEE_PRICE_CENTS;
        const insert = await manager
          .createQueryBuilder()
          .insert()
          .into(Show)
          .values({
            movieId: planned.movieId,
            screenId: planned.screenId,
            startsAt: new Date(planned.startsAt),
            endsAt: new Date(planned.endsAt),
            priceCents,
            premiumPriceCents: Math.round(priceCents * PREMIUM_FACTOR),
            generated: true,
          })
          .execute();
        created.push({ id: Number(insert.identifiers[0].id), screenId: planned.screenId });
      }
      await this.inventory.createFor(manager, created);
      const kept = busy.filter(
        (show) => show.startsAt.getTime() >= windowStart && show.startsAt.getTime() < windowEnd,
      ).length;
      return { created: created.length, removed, kept, days };
    });
    this.logger.log(`generated ${days} day(s) from ${today} (${timeZone}): ${JSON.stringify(result)}`);
    return result;
  }

  /** The screens to plan, locked (MySQL `FOR UPDATE`). @throws NotFound for an unknown theater. */
  private async lockScreens(manager: EntityManager, theaterId?: number): Promise<Screen[]> {
    if (theaterId !== undefined) {
      const theater = await manager
        .createQueryBuilder(Theater, 'theater')
        .where('theater.id = :theaterId', { theaterId })
        .getOne();
      if (!theater) throw new NotFound('theater', theaterId);
    }
    // Imported theaters get their programme from the showtimes import, not from the planner.
    const query = manager
      .createQueryBuilder(Screen, 'screen')
      .innerJoin('screen.theater', 'theater')
      .where('theater.sourceId IS NULL')
      .orderBy('screen.id');
    if (theaterId !== undefined) query.andWhere('screen.theaterId = :theaterId', { theaterId });
    if (this.db.isMysql) query.setLock('pessimistic_write');
    return query.getMany();
  }

  /**
   * Deletes the generated shows on `screenIds` starting between `now` and `windowEnd` that have
   * no bookings and no live holds (their seat rows locked first). Returns how many.
   */
  private async removeReplannable(
    manager: EntityManager,
    screenIds: number[],
    now: number,
    windowEnd: number,
  ): Promise<number> {
    const candidates = await manager
      .createQueryBuilder(Show, 'sh')
      .select('sh.id')
      .where('sh.screenId IN (:...screenIds)', { screenIds })
      .andWhere('sh.generated = :generated', { generated: true })
      .andWhere('sh.startsAt >= :now AND sh.startsAt < :end', { now: new Date(now), end: new Date(windowEnd) })
      .getMany();
    const ids = candidates.map((show) => show.id);
    if (!ids.length) return 0;
    await this.inventory.lockShows(manager, ids);
    const protectedIds = await this.inventory.protectedShows(manager, ids, now);
    const removable = ids.filter((id) => !protectedIds.has(id));
    if (!removable.length) return 0;
    await this.inventory.deleteFor(manager, removable);
    for (let i = 0; i < removable.length; i += 500) {
      await manager
        .createQueryBuilder()
        .delete()
        .from(Show)
        .where('id IN (:...ids)', { ids: removable.slice(i, i + 500) })
        .execute();
    }
    return removable.length;
  }
}

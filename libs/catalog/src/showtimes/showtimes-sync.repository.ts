import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull, Not } from 'typeorm';
import { Screen } from '../entities/screen.entity';
import { Show } from '../entities/show.entity';
import { Theater } from '../entities/theater.entity';
import { ScreenService } from '../screen/screen.service';
import { ShowSeatInventory } from '../show/show-seat-inventory.port';
import { DEFAULT_IMPORTED_LAYOUT } from './default-screen-layout';
import { PlannedShow, PlannedTheater, ShowtimesPlan } from './showtimes-plan';

const ID_CHUNK = 500;
const NAME_LENGTH = 120;

/** Prices of imported shows when the theater has none set, integer cents. */
export interface DefaultPrices {
  priceCents: number;
  premiumPriceCents: number;
}

/** A show whose showtime vanished upstream while it had bookings: kept and marked. */
export interface CancelledUpstream {
  showId: number;
  sourceId: string;
  bookings: number;
}

/** What one sync changed. */
export interface SyncCounts {
  theaters: { created: number; updated: number; vanished: number };
  screens: { created: number; vanished: number };
  shows: {
    created: number;
    updated: number;
    unchanged: number;
    /** Vanished upstream without bookings: deleted. */
    removed: number;
    /** Vanished upstream with bookings: kept, marked `cancelled_upstream_at`. */
    cancelledUpstream: CancelledUpstream[];
    /** Changed upstream (time, screen, film) but kept as they are because they have bookings. */
    keptWithBookings: string[];
  };
}

/** The values of a show row the import owns. */
type ShowValues = Pick<
  Show,
  | 'movieId'
  | 'screenId'
  | 'startsAt'
  | 'endsAt'
  | 'priceCents'
  | 'premiumPriceCents'
  | 'language'
  | 'subtitleLanguage'
  | 'attributes'
  | 'bookingLink'
  | 'cancelledUpstreamAt'
>;

/**
 * Writes a {@link ShowtimesPlan} inside the caller's transaction: the sync rules of the
 * showtimes import. Theaters by source id (created, updated, or flagged `vanished_at` when no
 * longer listed); screens by theater and auditorium name (created with the default layout on
 * first sight, flagged when no showtime uses them any more); shows by source id — new ones
 * created with their inventory, changed ones updated unless they have bookings or live holds
 * (then only their attributes change), vanished ones (imported, starting in the window, not in
 * the plan) deleted when unsold and otherwise marked `cancelled_upstream_at` with bookings untouched.
 */
@Injectable()
export class ShowtimesSyncRepository {
  constructor(
    private readonly screens: ScreenService,
    private readonly inventory: ShowSeatInventory,
  ) {}

  /**
   * @param movieIds catalogue movie id per TMDB id of every planned show.
   * @param window `nowMs` and `windowEndMs` (epoch ms): only imported shows starting in it can vanish.
   * @param scope the cinema ids asked for (SHOWTIMES_CINEMA_IDS): only their theaters and shows can
   *   vanish; undefined (a country or location filter) puts every imported theater in scope.
   */
  async sync(
    manager: EntityManager,
    plan: ShowtimesPlan,
    movieIds: Map<number, number>,
    window: { nowMs: number; windowEndMs: number },
    defaults: DefaultPrices,
    scope?: string[],
  ): Promise<SyncCounts> {
    const now = new Date(window.nowMs);
    const inScope = (sourceId: string) => !scope || scope.includes(sourceId);
    const {
      theaterIds,
      prices,
      counts: theaters,
    } = await this.syncTheaters(manager, plan.theaters, now, defaults, inScope);
    const { screenIds, counts: screens } = await this.syncScreens(manager, plan.shows, theaterIds, now);
    const shows = await this.syncShows(manager, plan.shows, { movieIds, theaterIds, screenIds, prices }, window, scope);
    return { theaters, screens, shows };
  }

  private async syncTheaters(
    manager: EntityManager,
    planned: PlannedTheater[],
    now: Date,
    defaults: DefaultPrices,
    inScope: (sourceId: string) => boolean,
  ): Promise<{ theaterIds: Map<string, number>; prices: Map<string, DefaultPrices>; counts: SyncCounts['theaters'] }> {
    const repository = manager.getRepository(Theater);
    const imported = await repository.find({ where: { sourceId: Not(IsNull()) } });
    const bySource = new Map(imported.map((theater) => [theater.sourceId!, theater]));
    const theaterIds = new Map<string, number>();
    const prices = new Map<string, DefaultPrices>();
    const counts = { created: 0, updated: 0, vanished: 0 };
    for (const theater of planned) {
      const existing = bySource.get(theater.sourceId);
      const name = await this.freeName(manager, theater, existing?.id);
      const values = {
        name,
        city: theater.city,
        address: theater.address,
        timeZone: theater.timeZone,
        vanishedAt: null,
      };
      if (existing) {
        theaterIds.set(theater.sourceId, existing.id);
        prices.set(theater.sourceId, {
          priceCents: existing.priceCents ?? defaults.priceCents,
          premiumPriceCents: existing.premiumPriceCents ?? defaults.premiumPriceCents,
        });
        const changed = (Object.keys(values) as (keyof typeof values)[]).some(
          (key) => (existing[key] ?? null) !== values[key],
        );
        if (changed) {
          await repository.update({ id: existing.id }, values);
          counts.updated++;
        }
      } else {
        const result = await repository.insert({ ...values, sourceId: theater.sourceId });
        theaterIds.set(theater.sourceId, Number(result.identifiers[0].id));
        prices.set(theater.sourceId, defaults);
        counts.created++;
      }
    }
    const gone = imported.filter(
      (theater) => !theaterIds.has(theater.sourceId!) && !theater.vanishedAt && inScope(theater.sourceId!),
    );
    if (gone.length) {
      await repository.update({ id: In(gone.map((theater) => theater.id)) }, { vanishedAt: now });
      counts.vanished = gone.length;
    }
    return { theaterIds, prices, counts };
  }

  /** The cinema's name, or `name (sourceId)` when another theater has that name (names are unique). */
  private async freeName(manager: EntityManager, theater: PlannedTheater, ownId?: number): Promise<string> {
    const holder = await manager
      .getRepository(Theater)
      .findOne({ select: { id: true }, where: { name: theater.name } });
    if (!holder || holder.id === ownId) return theater.name;
    const suffix = ` (${theater.sourceId})`;
    return (
      Array.from(theater.name)
        .slice(0, NAME_LENGTH - suffix.length)
        .join('') + suffix
    );
  }

  private async syncScreens(
    manager: EntityManager,
    shows: PlannedShow[],
    theaterIds: Map<string, number>,
    now: Date,
  ): Promise<{ screenIds: Map<string, number>; counts: SyncCounts['screens'] }> {
    const counts = { created: 0, vanished: 0 };
    const screenIds = new Map<string, number>();
    const ids = [...theaterIds.values()];
    const existing = ids.length ? await manager.getRepository(Screen).find({ where: { theaterId: In(ids) } }) : [];
    const byKey = new Map(existing.map((screen) => [screenKey(screen.theaterId, screen.name), screen]));
    for (const show of shows) {
      const theaterId = theaterIds.get(show.cinemaId)!;
      const key = screenKey(theaterId, show.screenName);
      if (screenIds.has(key)) continue;
      const screen = byKey.get(key);
      if (screen) {
        screenIds.set(key, screen.id);
        if (screen.vanishedAt) await manager.getRepository(Screen).update({ id: screen.id }, { vanishedAt: null });
      } else {
        screenIds.set(
          key,
          await this.screens.insertWithSeats(manager, theaterId, show.screenName, [...DEFAULT_IMPORTED_LAYOUT]),
        );
        counts.created++;
      }
    }
    const gone = existing.filter(
      (screen) => !screenIds.has(screenKey(screen.theaterId, screen.name)) && !screen.vanishedAt,
    );
    if (gone.length) {
      await manager.getRepository(Screen).update({ id: In(gone.map((screen) => screen.id)) }, { vanishedAt: now });
      counts.vanished = gone.length;
    }
    return { screenIds, counts };
  }

  private async syncShows(
    manager: EntityManager,
    planned: PlannedShow[],
    maps: {
      movieIds: Map<number, number>;
      theaterIds: Map<string, number>;
      screenIds: Map<string, number>;
      prices: Map<string, DefaultPrices>;
    },
    window: { nowMs: number; windowEndMs: number },
    scope?: string[],
  ): Promise<SyncCounts['shows']> {
    const repository = manager.getRepository(Show);
    const counts: SyncCounts['shows'] = {
      created: 0,
      updated: 0,
      unchanged: 0,
      removed: 0,
      cancelledUpstream: [],
      keptWithBookings: [],
    };
    const existing = new Map<string, Show>();
    const sourceIds = planned.map((show) => show.sourceId);
    for (let i = 0; i < sourceIds.length; i += ID_CHUNK) {
      for (const show of await repository.find({ where: { sourceId: In(sourceIds.slice(i, i + ID_CHUNK)) } }))
        existing.set(show.sourceId!, show);
    }
    const wanted = new Set(sourceIds);
    const query = manager
      .createQueryBuilder(Show, 'sh')
      .innerJoin('sh.screen', 'screen')
      .innerJoin('screen.theater', 'theater')
      .where('sh.sourceId IS NOT NULL')
      .andWhere('sh.startsAt >= :from AND sh.startsAt < :to', {
        from: new Date(window.nowMs),
        to: new Date(window.windowEndMs),
      });
    if (scope) query.andWhere('theater.sourceId IN (:...scope)', { scope: scope.length ? scope : [''] });
    const inWindow = await query.getMany();
    const vanished = inWindow.filter((show) => !wanted.has(show.sourceId!));
    const touched = [...[...existing.values()].map((show) => show.id), ...vanished.map((show) => show.id)];
    await this.inventory.lockShows(manager, touched);
    const sold = await this.inventory.protectedShows(manager, touched, window.nowMs);

    const fresh: { id: number; screenId: number }[] = [];
    for (const show of planned) {
      const price = maps.prices.get(show.cinemaId)!;
      const values: ShowValues = {
        movieId: maps.movieIds.get(show.tmdbId)!,
        screenId: maps.screenIds.get(screenKey(maps.theaterIds.get(show.cinemaId)!, show.screenName))!,
        startsAt: show.startsAt,
        endsAt: show.endsAt,
        priceCents: price.priceCents,
        premiumPriceCents: price.premiumPriceCents,
        language: show.language,
        subtitleLanguage: show.subtitleLanguage,
        attributes: show.attributes,
        bookingLink: show.bookingLink,
        cancelledUpstreamAt: null,
      };
      const row = existing.get(show.sourceId);
      if (!row) {
        const result = await repository.insert({ ...values, sourceId: show.sourceId, generated: false });
        fresh.push({ id: Number(result.identifiers[0].id), screenId: values.screenId });
        counts.created++;
        continue;
      }
      const changed = changedKeys(row, values);
      if (!changed.length) {
        counts.unchanged++;
        continue;
      }
      if (sold.has(row.id)) {
        // Bookings pin the film, screen, time and prices; the rest follows the source.
        const pinned: (keyof ShowValues)[] = [
          'movieId',
          'screenId',
          'startsAt',
          'endsAt',
          'priceCents',
          'premiumPriceCents',
        ];
        if (changed.some((key) => pinned.includes(key))) counts.keptWithBookings.push(show.sourceId);
        const free = changed.filter((key) => !pinned.includes(key));
        if (free.length) await repository.update({ id: row.id }, pick(values, free));
        if (free.length) counts.updated++;
        else counts.unchanged++;
        continue;
      }
      await repository.update({ id: row.id }, values);
      if (values.screenId !== row.screenId) {
        await this.inventory.deleteFor(manager, [row.id]);
        await this.inventory.createFor(manager, [{ id: row.id, screenId: values.screenId }]);
      }
      counts.updated++;
    }
    await this.inventory.createFor(manager, fresh);

    const removable = vanished.filter((show) => !sold.has(show.id)).map((show) => show.id);
    for (let i = 0; i < removable.length; i += ID_CHUNK) {
      const chunk = removable.slice(i, i + ID_CHUNK);
      await this.inventory.deleteFor(manager, chunk);
      await manager.createQueryBuilder().delete().from(Show).where('id IN (:...ids)', { ids: chunk }).execute();
    }
    counts.removed = removable.length;
    const kept = vanished.filter((show) => sold.has(show.id));
    const bookings = await this.inventory.bookingCounts(
      manager,
      kept.map((show) => show.id),
    );
    const newlyCancelled = kept.filter((show) => !show.cancelledUpstreamAt).map((show) => show.id);
    if (newlyCancelled.length)
      await repository.update({ id: In(newlyCancelled) }, { cancelledUpstreamAt: new Date(window.nowMs) });
    counts.cancelledUpstream = kept.map((show) => ({
      showId: show.id,
      sourceId: show.sourceId!,
      bookings: bookings.get(show.id) ?? 0,
    }));
    return counts;
  }
}

function screenKey(theaterId: number, name: string): string {
  return `${theaterId}\u0000${name}`;
}

function changedKeys(row: Show, values: ShowValues): (keyof ShowValues)[] {
  return (Object.keys(values) as (keyof ShowValues)[]).filter((key) => !same(row[key], values[key]));
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
  }
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  return (a ?? null) === (b ?? null);
}

function pick(values: ShowValues, keys: (keyof ShowValues)[]): Partial<ShowValues> {
  return Object.fromEntries(keys.map((key) => [key, values[key]])) as Partial<ShowValues>;
}

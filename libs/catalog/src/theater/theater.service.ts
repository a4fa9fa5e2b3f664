import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AlreadyExists, NotFound } from '@app/common';
import { DatabaseService, isForeignKeyViolation, isUniqueViolation } from '@app/database';
import { TheaterHasScreens } from '../catalog.exception';
import { Screen } from '../entities/screen.entity';
import { Show } from '../entities/show.entity';
import { Theater } from '../entities/theater.entity';
import { ShowSeatInventory } from '../show/show-seat-inventory.port';
import { TheaterView } from './dto/theater-view.dto';

/** Theaters: the buildings that hold screens. */
@Injectable()
export class TheaterService {
  constructor(
    private readonly db: DatabaseService,
    private readonly inventory: ShowSeatInventory,
  ) {}

  /**
   * Creates a theater named `name` (trimmed; unique) in `city`.
   * @throws AlreadyExists (409) when a theater has that name.
   */
  async create(input: { name: string; city?: string | null }): Promise<TheaterView> {
    const name = input.name.trim();
    try {
      const result = await this.db.manager
        .createQueryBuilder()
        .insert()
        .into(Theater)
        .values({ name, city: input.city?.trim() || null })
        .execute();
      return this.get(Number(result.identifiers[0].id));
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyExists('theater', name);
      throw error;
    }
  }

  /** Every theater by name, each with its screens (id, name, seat count) by name. */
  async list(): Promise<TheaterView[]> {
    const theaters = await this.db.manager
      .createQueryBuilder(Theater, 'theater')
      .orderBy('theater.name')
      .addOrderBy('theater.id')
      .getMany();
    return this.withScreens(theaters);
  }

  /** One theater with its screens. @throws NotFound (404). */
  async get(id: number): Promise<TheaterView> {
    const theater = await this.db.manager
      .createQueryBuilder(Theater, 'theater')
      .where('theater.id = :id', { id })
      .getOne();
    if (!theater) throw new NotFound('theater', id);
    return (await this.withScreens([theater]))[0];
  }

  /**
   * Sets the prices of the theater's imported shows (standard/wheelchair and premium seats,
   * cents), and applies them at once to its future shows that have no bookings or live holds;
   * sold shows keep the prices their buyers paid. The showtimes import uses them from then on.
   * @throws NotFound (404).
   */
  async setPrices(id: number, prices: { priceCents: number; premiumPriceCents: number }): Promise<TheaterView> {
    await this.db.transaction(async (manager) => {
      const theater = await manager.getRepository(Theater).findOne({ where: { id } });
      if (!theater) throw new NotFound('theater', id);
      await manager.getRepository(Theater).update({ id }, prices);
      const now = Date.now();
      const future = await manager
        .createQueryBuilder(Show, 'sh')
        .select('sh.id')
        .innerJoin('sh.screen', 'screen')
        .where('screen.theaterId = :id', { id })
        .andWhere('sh.sourceId IS NOT NULL')
        .andWhere('sh.startsAt > :now', { now: new Date(now) })
        .getMany();
      const ids = future.map((show) => show.id);
      await this.inventory.lockShows(manager, ids);
      const sold = await this.inventory.protectedShows(manager, ids, now);
      const free = ids.filter((showId) => !sold.has(showId));
      for (let i = 0; i < free.length; i += 500)
        await manager.getRepository(Show).update({ id: In(free.slice(i, i + 500)) }, prices);
    });
    return this.get(id);
  }

  /**
   * Removes a theater that has no screens.
   * @throws NotFound (404); TheaterHasScreens (409) while it has screens.
   */
  async remove(id: number): Promise<void> {
    try {
      await this.db.transaction(async (manager) => {
        const theater = await manager.createQueryBuilder(Theater, 'theater').where('theater.id = :id', { id }).getOne();
        if (!theater) throw new NotFound('theater', id);
        const screens = await manager
          .createQueryBuilder(Screen, 'screen')
          .where('screen.theaterId = :id', { id })
          .getCount();
        if (screens > 0) throw new TheaterHasScreens(id, screens);
        await manager.createQueryBuilder().delete().from(Theater).where('id = :id', { id }).execute();
      });
    } catch (error) {
      // A screen added between the count and the delete: the RESTRICT foreign key refuses it.
      if (isForeignKeyViolation(error)) throw new TheaterHasScreens(id, 1);
      throw error;
    }
  }

  private async withScreens(theaters: Theater[]): Promise<TheaterView[]> {
    if (!theaters.length) return [];
    const screens = await this.db.manager
      .createQueryBuilder(Screen, 'screen')
      .select(['screen.id', 'screen.theaterId', 'screen.name', 'screen.seatCount', 'screen.vanishedAt'])
      .where('screen.theaterId IN (:...ids)', { ids: theaters.map((theater) => theater.id) })
      .orderBy('screen.name')
      .addOrderBy('screen.id')
      .getMany();
    return theaters.map((theater) => ({
      id: theater.id,
      name: theater.name,
      city: theater.city,
      address: theater.address,
      timeZone: theater.timeZone,
      sourceId: theater.sourceId,
      vanishedAt: theater.vanishedAt,
      priceCents: theater.priceCents,
      premiumPriceCents: theater.premiumPriceCents,
      screens: screens
        .filter((screen) => screen.theaterId === theater.id)
        .map((screen) => ({
          id: screen.id,
          name: screen.name,
          seatCount: screen.seatCount,
          vanishedAt: screen.vanishedAt,
        })),
    }));
  }
}

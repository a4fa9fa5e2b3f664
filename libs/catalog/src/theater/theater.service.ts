import { Injectable } from '@nestjs/common';
import { AlreadyExists, NotFound } from '@app/common';
import { DatabaseService, isForeignKeyViolation, isUniqueViolation } from '@app/database';
import { TheaterHasScreens } from '../catalog.exception';
import { Screen } from '../entities/screen.entity';
import { Theater } from '../entities/theater.entity';
import { TheaterView } from './dto/theater-view.dto';

/** Theaters: the buildings that hold screens. */
@Injectable()
export class TheaterService {
  constructor(private readonly db: DatabaseService) {}

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
      .select(['screen.id', 'screen.theaterId', 'screen.name', 'screen.seatCount'])
      .where('screen.theaterId IN (:...ids)', { ids: theaters.map((theater) => theater.id) })
      .orderBy('screen.name')
      .addOrderBy('screen.id')
      .getMany();
    return theaters.map((theater) => ({
      id: theater.id,
      name: theater.name,
      city: theater.city,
      screens: screens
        .filter((screen) => screen.theaterId === theater.id)
        .map((screen) => ({ id: screen.id, name: screen.name, seatCount: screen.seatCount })),
    }));
  }
}

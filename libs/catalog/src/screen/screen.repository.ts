import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DatabaseService } from '@app/database';
import { Screen } from '../entities/screen.entity';
import { Seat } from '../entities/seat.entity';
import { Show } from '../entities/show.entity';
import { Theater } from '../entities/theater.entity';
import { parseSeatLayout } from '../layout/seat-layout';

/** Seat rows per multi-row INSERT or DELETE (6 parameters a row). */
const SEAT_CHUNK = 500;

/** A seat of a parsed layout, as {@link ScreenRepository.insertSeats} writes it. */
export type LayoutSeat = ReturnType<typeof parseSeatLayout>['seats'][number];

/**
 * The only place the `screen` and `seat` tables are read and written (shows read a screen's seats
 * through the seat inventory). Methods taking an `EntityManager` run inside the caller's
 * transaction; the others read the primary.
 */
@Injectable()
export class ScreenRepository {
  constructor(private readonly db: DatabaseService) {}

  /** True when theater `id` exists. */
  async theaterExists(manager: EntityManager, id: number): Promise<boolean> {
    return (await manager.createQueryBuilder(Theater, 'theater').where('theater.id = :id', { id }).getCount()) > 0;
  }

  /** Inserts a screen row with layout version 1; returns its id. @throws the driver's unique violation for a taken name. */
  async insertScreen(
    manager: EntityManager,
    screen: { theaterId: number; name: string; layout: string[]; seatCount: number },
  ): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Screen)
      .values({ ...screen, layout: [...screen.layout] })
      .execute();
    return Number(result.identifiers[0].id);
  }

  /** Inserts the seats of layout `layoutVersion` of screen `screenId`, in chunks. */
  async insertSeats(
    manager: EntityManager,
    screenId: number,
    layoutVersion: number,
    seats: LayoutSeat[],
  ): Promise<void> {
    const rows = seats.map((seat) => ({
      screenId,
      layoutVersion,
      rowLabel: seat.rowLabel,
      rowIndex: seat.rowIndex,
      number: seat.number,
      col: seat.col,
      kind: seat.kind,
    }));
    for (let i = 0; i < rows.length; i += SEAT_CHUNK) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(Seat)
        .values(rows.slice(i, i + SEAT_CHUNK))
        .updateEntity(false)
        .execute();
    }
  }

  /**
   * Screen `id`, its row locked for the rest of the transaction on MySQL (SQLite has one writer),
   * or null. Show creation takes the same row FOR SHARE, so the two never interleave.
   */
  lockForUpdate(manager: EntityManager, id: number): Promise<Screen | null> {
    const query = manager.createQueryBuilder(Screen, 'screen').where('screen.id = :id', { id });
    if (this.db.isMysql) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /** Writes the screen's current layout, seat count and layout version. */
  async setLayout(
    manager: EntityManager,
    id: number,
    layout: { layout: string[]; seatCount: number; layoutVersion: number },
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Screen)
      .set({ ...layout, layout: [...layout.layout] })
      .where('id = :id', { id })
      .execute();
  }

  /** Ids of the screen's seats of layout versions before `version`. */
  async seatIdsBefore(manager: EntityManager, id: number, version: number): Promise<number[]> {
    const rows = await manager
      .createQueryBuilder(Seat, 'seat')
      .select('seat.id', 'id')
      .where('seat.screenId = :id AND seat.layoutVersion < :version', { id, version })
      .getRawMany<{ id: number | string }>();
    return rows.map((row) => Number(row.id));
  }

  /** Deletes seats by id, in chunks (the caller checked no show uses them). */
  async deleteSeats(manager: EntityManager, ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += SEAT_CHUNK) {
      await manager
        .createQueryBuilder()
        .delete()
        .from(Seat)
        .where('id IN (:...ids)', { ids: ids.slice(i, i + SEAT_CHUNK) })
        .execute();
    }
  }

  /** Screens with their theater, by theater name then screen name, optionally of one theater. */
  list(filter: { theaterId?: number } = {}): Promise<Screen[]> {
    const query = this.db.manager
      .createQueryBuilder(Screen, 'screen')
      .innerJoinAndSelect('screen.theater', 'theater')
      .orderBy('theater.name')
      .addOrderBy('screen.name')
      .addOrderBy('screen.id');
    if (filter.theaterId !== undefined) query.where('screen.theaterId = :theaterId', { theaterId: filter.theaterId });
    return query.getMany();
  }

  /** Screen `id` with its theater, or null. */
  findWithTheater(id: number): Promise<Screen | null> {
    return this.db.manager
      .createQueryBuilder(Screen, 'screen')
      .innerJoinAndSelect('screen.theater', 'theater')
      .where('screen.id = :id', { id })
      .getOne();
  }

  /** The seats of the screen's current layout, in row then column order. */
  currentSeats(screen: Pick<Screen, 'id' | 'layoutVersion'>): Promise<Seat[]> {
    return this.db.manager
      .createQueryBuilder(Seat, 'seat')
      .where('seat.screenId = :id AND seat.layoutVersion = :version', { id: screen.id, version: screen.layoutVersion })
      .orderBy('seat.rowIndex')
      .addOrderBy('seat.col')
      .getMany();
  }

  /** Screen `id` as it is inside the transaction, or null. */
  find(manager: EntityManager, id: number): Promise<Screen | null> {
    return manager.createQueryBuilder(Screen, 'screen').where('screen.id = :id', { id }).getOne();
  }

  /** Shows (past or future) on screen `id`. */
  countShows(manager: EntityManager, id: number): Promise<number> {
    return manager.createQueryBuilder(Show, 'sh').where('sh.screenId = :id', { id }).getCount();
  }

  /** Deletes screen `id` and its seats. @throws the driver's foreign-key violation while a show uses them. */
  async delete(manager: EntityManager, id: number): Promise<void> {
    await manager.createQueryBuilder().delete().from(Seat).where('screen_id = :id', { id }).execute();
    await manager.createQueryBuilder().delete().from(Screen).where('id = :id', { id }).execute();
  }
}

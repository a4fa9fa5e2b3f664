import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlreadyExists, NotFound } from '@app/common';
import { DatabaseService, isForeignKeyViolation, isUniqueViolation } from '@app/database';
import { ScreenHasShows } from '../catalog.exception';
import { Screen } from '../entities/screen.entity';
import { Seat } from '../entities/seat.entity';
import { Show } from '../entities/show.entity';
import { Theater } from '../entities/theater.entity';
import { layoutPreview, parseSeatLayout } from '../layout/seat-layout';
import { ShowSeatInventory } from '../show/show-seat-inventory.port';
import { ScreenDetailView, ScreenView } from './dto/screen-view.dto';
import { seatView } from '../seat-view';

/** Seat rows per multi-row INSERT (6 parameters a row). */
const SEAT_CHUNK = 500;

/** Screens (auditoriums) and their seats, made from a seat layout (see seat-layout.ts). */
@Injectable()
export class ScreenService {
  constructor(
    private readonly db: DatabaseService,
    private readonly inventory: ShowSeatInventory,
  ) {}

  /**
   * Creates screen `name` in a theater with the seats of `layout`, in one transaction.
   * @throws InvalidInput (400) for a malformed layout; NotFound (404) for an unknown theater;
   *   AlreadyExists (409) when the theater has a screen with that name.
   */
  async create(input: { theaterId: number; name: string; layout: string[] }): Promise<ScreenDetailView> {
    parseSeatLayout(input.layout); // a malformed layout is refused before the transaction
    const name = input.name.trim();
    let id: number;
    try {
      id = await this.db.transaction(async (manager) => {
        const theater = await manager
          .createQueryBuilder(Theater, 'theater')
          .where('theater.id = :id', { id: input.theaterId })
          .getOne();
        if (!theater) throw new NotFound('theater', input.theaterId);
        return this.insertWithSeats(manager, input.theaterId, name, input.layout);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AlreadyExists('screen', name);
      if (isForeignKeyViolation(error)) throw new NotFound('theater', input.theaterId);
      throw error;
    }
    return this.get(id);
  }

  /**
   * Inserts screen `name` of `theaterId` and the seats of `layout` inside the caller's
   * transaction; returns its id. The theater must exist.
   * @throws InvalidInput (400) for a malformed layout; the driver's unique violation for a taken name.
   */
  async insertWithSeats(manager: EntityManager, theaterId: number, name: string, layout: string[]): Promise<number> {
    const parsed = parseSeatLayout(layout);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Screen)
      .values({ theaterId, name, layout: [...layout], seatCount: parsed.seats.length })
      .execute();
    const screenId = Number(result.identifiers[0].id);
    await this.insertSeats(manager, screenId, 1, parsed.seats);
    return screenId;
  }

  /**
   * Replaces the seat layout of screen `id` for the shows created from now on: the screen gets
   * layout version n + 1 with its own seats; shows created before keep the seats and inventory of
   * theirs (sold, held and free seats as they were). Seats of earlier layouts that no show uses are
   * removed. The screen row is locked for the change, so a show created at the same time gets one
   * whole layout (see {@link ShowSeatInventory.createFor}).
   * @throws InvalidInput (400) for a malformed layout; NotFound (404) for an unknown screen.
   */
  async changeLayout(id: number, layout: string[]): Promise<ScreenDetailView> {
    const parsed = parseSeatLayout(layout); // a malformed layout is refused before the transaction
    await this.db.transaction(async (manager) => {
      const query = manager.createQueryBuilder(Screen, 'screen').where('screen.id = :id', { id });
      if (this.db.isMysql) query.setLock('pessimistic_write');
      const screen = await query.getOne();
      if (!screen) throw new NotFound('screen', id);
      const version = screen.layoutVersion + 1;
      await manager
        .createQueryBuilder()
        .update(Screen)
        .set({ layout: [...layout], seatCount: parsed.seats.length, layoutVersion: version })
        .where('id = :id', { id })
        .execute();
      await this.insertSeats(manager, id, version, parsed.seats);
      const earlier = await manager
        .createQueryBuilder(Seat, 'seat')
        .select('seat.id', 'id')
        .where('seat.screenId = :id AND seat.layoutVersion < :version', { id, version })
        .getRawMany<{ id: number | string }>();
      const used = await this.inventory.seatsInUse(
        manager,
        earlier.map((row) => Number(row.id)),
      );
      const unused = earlier.map((row) => Number(row.id)).filter((seatId) => !used.has(seatId));
      for (let i = 0; i < unused.length; i += SEAT_CHUNK) {
        await manager
          .createQueryBuilder()
          .delete()
          .from(Seat)
          .where('id IN (:...ids)', { ids: unused.slice(i, i + SEAT_CHUNK) })
          .execute();
      }
    });
    return this.get(id);
  }

  /** Inserts the seats of layout `version` of a screen, in chunks. */
  private async insertSeats(
    manager: EntityManager,
    screenId: number,
    layoutVersion: number,
    seats: ReturnType<typeof parseSeatLayout>['seats'],
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

  /** Screens by theater then name, optionally of one theater, without seats. */
  async list(filter: { theaterId?: number } = {}): Promise<ScreenView[]> {
    const query = this.db.manager
      .createQueryBuilder(Screen, 'screen')
      .innerJoinAndSelect('screen.theater', 'theater')
      .orderBy('theater.name')
      .addOrderBy('screen.name')
      .addOrderBy('screen.id');
    if (filter.theaterId !== undefined) query.where('screen.theaterId = :theaterId', { theaterId: filter.theaterId });
    return (await query.getMany()).map((screen) => this.view(screen));
  }

  /**
   * One screen with the seats of its current layout (row then column order) and a text preview.
   * @throws NotFound (404).
   */
  async get(id: number): Promise<ScreenDetailView> {
    const screen = await this.db.manager
      .createQueryBuilder(Screen, 'screen')
      .innerJoinAndSelect('screen.theater', 'theater')
      .where('screen.id = :id', { id })
      .getOne();
    if (!screen) throw new NotFound('screen', id);
    const seats = await this.db.manager
      .createQueryBuilder(Seat, 'seat')
      .where('seat.screenId = :id AND seat.layoutVersion = :version', { id, version: screen.layoutVersion })
      .orderBy('seat.rowIndex')
      .addOrderBy('seat.col')
      .getMany();
    return {
      ...this.view(screen),
      layout: screen.layout,
      preview: layoutPreview(screen.layout),
      seats: seats.map(seatView),
    };
  }

  /**
   * Removes a screen without shows, and its seats.
   * @throws NotFound (404); ScreenHasShows (409) while any show (past or future) uses it.
   */
  async remove(id: number): Promise<void> {
    try {
      await this.db.transaction(async (manager) => {
        const screen = await manager.createQueryBuilder(Screen, 'screen').where('screen.id = :id', { id }).getOne();
        if (!screen) throw new NotFound('screen', id);
        const shows = await manager.createQueryBuilder(Show, 'sh').where('sh.screenId = :id', { id }).getCount();
        if (shows > 0) throw new ScreenHasShows(id, shows);
        await manager.createQueryBuilder().delete().from(Seat).where('screen_id = :id', { id }).execute();
        await manager.createQueryBuilder().delete().from(Screen).where('id = :id', { id }).execute();
      });
    } catch (error) {
      // A show added between the count and the delete: the RESTRICT foreign key refuses it.
      if (isForeignKeyViolation(error)) throw new ScreenHasShows(id, 1);
      throw error;
    }
  }

  private view(screen: Screen): ScreenView {
    const counts = parseSeatLayout(screen.layout).counts;
    return {
      id: screen.id,
      name: screen.name,
      theater: { id: screen.theater!.id, name: screen.theater!.name },
      seatCount: screen.seatCount,
      seatKinds: counts,
      layoutVersion: screen.layoutVersion,
    };
  }
}

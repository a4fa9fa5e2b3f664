import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlreadyExists, NotFound } from '@app/common';
import { DatabaseService, isForeignKeyViolation, isUniqueViolation } from '@app/database';
import { ScreenHasShows } from '../catalog.exception';
import { Screen } from '../entities/screen.entity';
import { layoutPreview, parseSeatLayout } from '../layout/seat-layout';
import { ShowSeatInventory } from '../show/show-seat-inventory.port';
import { ScreenDetailView, ScreenView } from './dto/screen-view.dto';
import { ScreenRepository } from './screen.repository';
import { seatView } from '../seat-view';

/** Screens (auditoriums) and their seats, made from a seat layout (see seat-layout.ts). */
@Injectable()
export class ScreenService {
  constructor(
    private readonly db: DatabaseService,
    private readonly screens: ScreenRepository,
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
        if (!(await this.screens.theaterExists(manager, input.theaterId)))
          throw new NotFound('theater', input.theaterId);
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
    const screenId = await this.screens.insertScreen(manager, {
      theaterId,
      name,
      layout,
      seatCount: parsed.seats.length,
    });
    await this.screens.insertSeats(manager, screenId, 1, parsed.seats);
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
      const screen = await this.screens.lockForUpdate(manager, id);
      if (!screen) throw new NotFound('screen', id);
      const version = screen.layoutVersion + 1;
      await this.screens.setLayout(manager, id, { layout, seatCount: parsed.seats.length, layoutVersion: version });
      await this.screens.insertSeats(manager, id, version, parsed.seats);
      const earlier = await this.screens.seatIdsBefore(manager, id, version);
      const used = await this.inventory.seatsInUse(manager, earlier);
      await this.screens.deleteSeats(
        manager,
        earlier.filter((seatId) => !used.has(seatId)),
      );
    });
    return this.get(id);
  }

  /** Screens by theater then name, optionally of one theater, without seats. */
  async list(filter: { theaterId?: number } = {}): Promise<ScreenView[]> {
    return (await this.screens.list(filter)).map((screen) => this.view(screen));
  }

  /**
   * One screen with the seats of its current layout (row then column order) and a text preview.
   * @throws NotFound (404).
   */
  async get(id: number): Promise<ScreenDetailView> {
    const screen = await this.screens.findWithTheater(id);
    if (!screen) throw new NotFound('screen', id);
    const seats = await this.screens.currentSeats(screen);
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
        if (!(await this.screens.find(manager, id))) throw new NotFound('screen', id);
        const shows = await this.screens.countShows(manager, id);
        if (shows > 0) throw new ScreenHasShows(id, shows);
        await this.screens.delete(manager, id);
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

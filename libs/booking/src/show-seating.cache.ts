import { Injectable } from '@nestjs/common';
import { NotFound } from '@app/common';
import { DatabaseService } from '@app/database';
import { companionSeats, Screen, Seat, SeatView, seatView, Show } from '@app/catalog';
import { ShowBasePrices } from '@app/pricing';

/**
 * A seat of a show with what never changes after the show is created: `priceCents` is the
 * show's own price for the seat's kind (premium or not); what a ticket costs is the pricing
 * lib's (ticket type + seat-kind surcharge). A wheelchair space may name its `companionSeatId`.
 */
export interface ShowSeatInfo extends SeatView {
  priceCents: number;
  companionSeatId?: number;
}

/** A show's fixed facts: start, theater, base prices (integer cents), seats by id (layout order), grid size. */
export interface ShowSeating {
  showId: number;
  theaterId: number;
  base: ShowBasePrices;
  startsAt: Date;
  seats: ShowSeatInfo[];
  byId: Map<number, ShowSeatInfo>;
  grid: { rows: number; columns: number };
}

const MAX_CACHED_SHOWS = 1_000;

/**
 * Reads and caches each show's seating (seats, labels, kinds, prices). A show's seats and prices
 * do not change after it is created, so the cache needs no invalidation beyond a removed show;
 * it spares the booking hot path three queries. Least recently loaded shows are dropped past 1,000.
 */
@Injectable()
export class ShowSeatingCache {
  private readonly cache = new Map<number, Promise<ShowSeating>>();

  constructor(private readonly db: DatabaseService) {}

  /** The seating of `showId`. @throws NotFound when there is no such show. */
  get(showId: number): Promise<ShowSeating> {
    let entry = this.cache.get(showId);
    if (!entry) {
      entry = this.load(showId);
      this.cache.set(showId, entry);
      entry.catch(() => this.cache.delete(showId));
      if (this.cache.size > MAX_CACHED_SHOWS) this.cache.delete(this.cache.keys().next().value!);
    }
    return entry;
  }

  /** Forgets a show (after it was removed, or when a write found its rows gone). */
  forget(showId: number): void {
    this.cache.delete(showId);
  }

  private async load(showId: number): Promise<ShowSeating> {
    const show = await this.db.manager.findOne(Show, { where: { id: showId } });
    if (!show) throw new NotFound('show', showId);
    const screen = await this.db.manager.findOne(Screen, { where: { id: show.screenId } });
    if (!screen) throw new NotFound('show', showId);
    const seats = await this.db.manager
      .createQueryBuilder(Seat, 'seat')
      .innerJoin('show_seat', 'ss', 'ss.seat_id = seat.id AND ss.show_id = :showId', { showId })
      .orderBy('seat.row_index', 'ASC')
      .addOrderBy('seat.col', 'ASC')
      .getMany();
    const companions = companionSeats(seats);
    const infos = seats.map((seat): ShowSeatInfo => {
      const companionSeatId = companions.get(seat.id);
      return {
        ...seatView(seat),
        priceCents: seat.kind === 'premium' ? show.premiumPriceCents : show.priceCents,
        ...(companionSeatId ? { companionSeatId } : {}),
      };
    });
    return {
      showId,
      theaterId: screen.theaterId,
      base: { priceCents: show.priceCents, premiumPriceCents: show.premiumPriceCents },
      startsAt: show.startsAt,
      seats: infos,
      byId: new Map(infos.map((info) => [info.id, info])),
      grid: {
        rows: infos.reduce((max, seat) => Math.max(max, seat.rowIndex + 1), 0),
        columns: infos.reduce((max, seat) => Math.max(max, seat.col + 1), 0),
      },
    };
  }
}

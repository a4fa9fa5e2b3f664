import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Movie, Screen, Show, Theater } from '@app/catalog';
import { BookingSeat } from '../entities/booking-seat.entity';
import { Booking } from '../entities/booking.entity';
import { ShowSeat } from '../entities/show-seat.entity';
import { checkInCounts } from './check-ins';

/** A show of the report with its film and theater. */
export interface ReportShow {
  showId: number;
  startsAt: Date;
  movieId: number;
  title: string;
  theaterId: number;
  theaterName: string;
  screenName: string;
}

/** What one show sold: capacity, tickets and revenue (integer cents) by ticket type name, check-ins. */
export interface ShowSales {
  capacity: number;
  byType: Map<string, { tickets: number; revenueCents: number }>;
  currencies: Set<string>;
  checkIns: number;
}

/** Shows read per query (the IN lists stay short). */
const CHUNK = 500;

/** Label of seats sold before ticket types. */
export const UNTYPED = 'Untyped';

/**
 * The sales report's reads: shows starting in a range with their film and theater, and per show
 * its capacity (show_seat rows), its confirmed tickets and revenue by ticket type (booking_seat
 * copies the type's name and the price paid), and its check-ins. Run inside `db.read`, on a replica.
 */
@Injectable()
export class SalesReportRepository {
  /** Shows starting in [`fromMs`, `toMs`) (epoch ms), by start, at most `limit`. */
  async shows(manager: EntityManager, fromMs: number, toMs: number, limit: number): Promise<ReportShow[]> {
    const rows = await manager
      .createQueryBuilder(Show, 'show')
      .innerJoin(Movie, 'movie', 'movie.id = show.movieId')
      .innerJoin(Screen, 'screen', 'screen.id = show.screenId')
      .innerJoin(Theater, 'theater', 'theater.id = screen.theaterId')
      .select([
        'show.id AS showId',
        'show.startsAt AS startsAt',
        'movie.id AS movieId',
        'movie.title AS title',
        'theater.id AS theaterId',
        'theater.name AS theaterName',
        'screen.name AS screenName',
      ])
      .where('show.startsAt >= :from AND show.startsAt < :to', { from: new Date(fromMs), to: new Date(toMs) })
      .orderBy('show.startsAt', 'ASC')
      .addOrderBy('show.id', 'ASC')
      .limit(limit)
      .getRawMany<Record<string, unknown>>();
    return rows.map((row) => ({
      showId: Number(row.showId),
      startsAt: asDate(row.startsAt),
      movieId: Number(row.movieId),
      title: String(row.title),
      theaterId: Number(row.theaterId),
      theaterName: String(row.theaterName),
      screenName: String(row.screenName),
    }));
  }

  /** Sales of each of `showIds` (every id has an entry). */
  async sales(manager: EntityManager, showIds: number[], defaultCurrency: string): Promise<Map<number, ShowSales>> {
    const sales = new Map<number, ShowSales>(
      showIds.map((id) => [id, { capacity: 0, byType: new Map(), currencies: new Set(), checkIns: 0 }]),
    );
    for (let start = 0; start < showIds.length; start += CHUNK) {
      const ids = showIds.slice(start, start + CHUNK);
      const capacities = await manager
        .createQueryBuilder(ShowSeat, 'ss')
        .select('ss.showId', 'showId')
        .addSelect('COUNT(*)', 'seats')
        .where({ showId: In(ids) })
        .groupBy('ss.showId')
        .getRawMany<{ showId: unknown; seats: unknown }>();
      for (const row of capacities) sales.get(Number(row.showId))!.capacity = Number(row.seats);
      const sold = await manager
        .createQueryBuilder(BookingSeat, 'bs')
        .innerJoin(Booking, 'b', 'b.id = bs.bookingId')
        .select('b.showId', 'showId')
        .addSelect('bs.ticketTypeName', 'typeName')
        .addSelect('b.currencyCode', 'currencyCode')
        .addSelect('COUNT(*)', 'tickets')
        .addSelect('SUM(bs.priceCents)', 'revenue')
        .where('b.showId IN (:...ids) AND b.state = :confirmed', { ids, confirmed: 'confirmed' })
        .groupBy('b.showId')
        .addGroupBy('bs.ticketTypeName')
        .addGroupBy('b.currencyCode')
        .getRawMany<Record<string, unknown>>();
      for (const row of sold) {
        const show = sales.get(Number(row.showId))!;
        const name = row.typeName === null ? UNTYPED : String(row.typeName);
        const entry = show.byType.get(name) ?? { tickets: 0, revenueCents: 0 };
        entry.tickets += Number(row.tickets);
        entry.revenueCents += Number(row.revenue);
        show.byType.set(name, entry);
        show.currencies.add(row.currencyCode === null ? defaultCurrency : String(row.currencyCode));
      }
      for (const [showId, admitted] of await checkInCounts(manager, ids)) sales.get(showId)!.checkIns = admitted;
    }
    return sales;
  }
}

/** A datetime column read raw: a Date (mysql2) or `YYYY-MM-DD HH:MM:SS[.fff]` in UTC (SQLite). */
function asDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

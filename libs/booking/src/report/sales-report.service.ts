import { Injectable } from '@nestjs/common';
import { addDays, isCalendarDate, localDate, localDayBounds } from '@app/catalog';
import { AppConfigService, InvalidInput } from '@app/common';
import { DatabaseClock, DatabaseService } from '@app/database';
import { ReportGroup } from './dto/sales-report-query.dto';
import { ReportShow, SalesReportRepository, ShowSales } from './sales-report.repository';

/** One line of a sales report: a show, a day, a film or a theater. Amounts in integer cents. */
export interface SalesReportRow {
  /** The group's id: show, film (movie) or theater id, or the local day `YYYY-MM-DD`. */
  key: string;
  label: string;
  shows: number;
  capacity: number;
  seatsSold: number;
  /** seatsSold / capacity, 0..1 (4 decimals); 0 without seats. */
  occupancy: number;
  revenueCents: number;
  /** Ticket type name → tickets sold and revenue (cents). */
  byType: Record<string, { tickets: number; revenueCents: number }>;
  checkIns: number;
}

/** A sales report. `currencyCode` null when its theaters sell in several currencies. */
export interface SalesReport {
  groupBy: ReportGroup;
  from: string;
  to: string;
  timeZone: string;
  currencyCode: string | null;
  /** Every ticket type name sold in the range, by revenue (highest first). */
  ticketTypes: string[];
  rows: SalesReportRow[];
  totals: Omit<SalesReportRow, 'key' | 'label'>;
  /** True when the range held more than MAX_REPORT_SHOWS shows (only the first were counted). */
  truncated: boolean;
}

/** Most shows one report reads. */
export const MAX_REPORT_SHOWS = 10_000;
/** Longest range of one report, in days. */
const MAX_RANGE_DAYS = 366;

/**
 * Sales reports for admins: per show, day, film or theater — seats sold, capacity and occupancy,
 * revenue by ticket type, check-ins — over the shows starting between two local days
 * (CINEMA_TIME_ZONE) inclusive. Read from a replica (DatabaseService.read): figures may trail the
 * primary by the replication delay. Only confirmed bookings count; revenue is what booking_seat
 * recorded as paid, so later price changes do not rewrite history.
 */
@Injectable()
export class SalesReportService {
  constructor(
    private readonly db: DatabaseService,
    private readonly clock: DatabaseClock,
    private readonly config: AppConfigService,
    private readonly repository: SalesReportRepository,
  ) {}

  /**
   * The report of `groupBy` from local day `from` to `to` (defaults: 30 days either side of today).
   * @throws InvalidInput (fields `from`/`to`) for a day that does not exist, `to` before `from`,
   *   or a range over 366 days.
   */
  async report(groupBy: ReportGroup, from?: string, to?: string): Promise<SalesReport> {
    const timeZone = this.config.get('CINEMA_TIME_ZONE');
    const today = localDate(this.clock.now(), timeZone);
    const first = from ?? addDays(today, -30);
    const last = to ?? addDays(today, 30);
    if (!isCalendarDate(first)) throw new InvalidInput('from', 'must be a real day YYYY-MM-DD');
    if (!isCalendarDate(last)) throw new InvalidInput('to', 'must be a real day YYYY-MM-DD');
    if (last < first) throw new InvalidInput('to', 'must not be before from');
    if (last > addDays(first, MAX_RANGE_DAYS - 1))
      throw new InvalidInput('to', `must be at most ${MAX_RANGE_DAYS} days after from`);
    const { startMs } = localDayBounds(first, timeZone);
    const { endMs } = localDayBounds(last, timeZone);
    const defaultCurrency = this.config.get('DEFAULT_CURRENCY');
    const { shows, sales } = await this.db.read(async (manager) => {
      const found = await this.repository.shows(manager, startMs, endMs, MAX_REPORT_SHOWS + 1);
      const counted = found.slice(0, MAX_REPORT_SHOWS);
      const showIds = counted.map((show) => show.showId);
      return { shows: found, sales: await this.repository.sales(manager, showIds, defaultCurrency) };
    });
    const groups = new Map<string, { label: string; shows: ReportShow[] }>();
    for (const show of shows.slice(0, MAX_REPORT_SHOWS)) {
      const { key, label } = groupOf(groupBy, show, timeZone);
      const group = groups.get(key) ?? { label, shows: [] };
      group.shows.push(show);
      groups.set(key, group);
    }
    const rows = [...groups].map(([key, group]) => ({
      key,
      label: group.label,
      ...sum(group.shows.map((show) => sales.get(show.showId)!)),
    }));
    const all = [...sales.values()];
    const totals = sum(all);
    const currencies = new Set(all.flatMap((show) => [...show.currencies]));
    return {
      groupBy,
      from: first,
      to: last,
      timeZone,
      currencyCode: currencies.size > 1 ? null : ([...currencies][0] ?? defaultCurrency),
      ticketTypes: Object.entries(totals.byType)
        .sort((a, b) => b[1].revenueCents - a[1].revenueCents || a[0].localeCompare(b[0]))
        .map(([name]) => name),
      rows,
      totals,
      truncated: shows.length > MAX_REPORT_SHOWS,
    };
  }
}

/** The group of a show: its id and label. */
function groupOf(groupBy: ReportGroup, show: ReportShow, timeZone: string): { key: string; label: string } {
  switch (groupBy) {
    case 'show': {
      const when = new Date(show.startsAt).toISOString().slice(0, 16).replace('T', ' ');
      return {
        key: String(show.showId),
        label: `${show.title} · ${show.theaterName}, ${show.screenName} · ${when} UTC`,
      };
    }
    case 'day': {
      const day = localDate(new Date(show.startsAt).getTime(), timeZone);
      return { key: day, label: day };
    }
    case 'film':
      return { key: String(show.movieId), label: show.title };
    case 'theater':
      return { key: String(show.theaterId), label: show.theaterName };
  }
}

/** The figures of a set of shows added up. */
function sum(shows: ShowSales[]): Omit<SalesReportRow, 'key' | 'label'> {
  const byType: Record<string, { tickets: number; revenueCents: number }> = {};
  let capacity = 0;
  let checkIns = 0;
  for (const show of shows) {
    capacity += show.capacity;
    checkIns += show.checkIns;
    for (const [name, figures] of show.byType) {
      const entry = (byType[name] ??= { tickets: 0, revenueCents: 0 });
      entry.tickets += figures.tickets;
      entry.revenueCents += figures.revenueCents;
    }
  }
  const seatsSold = Object.values(byType).reduce((total, entry) => total + entry.tickets, 0);
  return {
    shows: shows.length,
    capacity,
    seatsSold,
    occupancy: capacity ? Math.round((seatsSold / capacity) * 10_000) / 10_000 : 0,
    revenueCents: Object.values(byType).reduce((total, entry) => total + entry.revenueCents, 0),
    byType,
    checkIns,
  };
}

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfigService, NotFound } from '@app/common';
import { DatabaseClock, DatabaseService } from '@app/database';
import { Show } from '../entities/show.entity';
import { posterUrl } from '../movie/poster-url';
import { localIsoString } from '../schedule/local-time';
import { theaterTimeZone, theaterZones, whereLocalDay } from '../theater/theater-time-zone';
import { AdminShowView, MovieShowView, ShowDetailView, ShowPresentationView } from './dto/show-view.dto';
import { SeatCounts, ShowSeatInventory } from './show-seat-inventory.port';

/** Filters of the admin show list; `date` is a local day `YYYY-MM-DD` in each show's theater's zone. */
export interface ShowFilter {
  date?: string;
  movieId?: number;
  theaterId?: number;
}

const NO_SEATS: SeatCounts = { capacity: 0, available: 0, held: 0, sold: 0 };

/** Reads of shows with their live seat counts (a held seat whose hold lapsed counts as available). */
@Injectable()
export class ShowQueryService {
  constructor(
    private readonly clock: DatabaseClock,
    private readonly db: DatabaseService,
    private readonly inventory: ShowSeatInventory,
    private readonly config: AppConfigService,
  ) {}

  /**
   * One show with film, theater, screen, prices and seats free now, read from a replica (seat
   * counts may trail by the replication delay). @throws NotFound (404).
   */
  detail(id: number): Promise<ShowDetailView> {
    return this.db.read((manager) => this.detailOn(manager, id));
  }

  private async detailOn(manager: EntityManager, id: number): Promise<ShowDetailView> {
    const show = await this.joined(manager).where('sh.id = :id', { id }).getOne();
    if (!show) throw new NotFound('show', id);
    const counts = (await this.inventory.counts(manager, [id], this.clock.now())).get(id) ?? NO_SEATS;
    const { movie, screen } = show as Required<Show>;
    return {
      id: show.id,
      startsAt: show.startsAt,
      endsAt: show.endsAt,
      ...this.clockOf(show),
      movie: { id: movie.id, title: movie.title, posterUrl: posterUrl(movie.posterPath), runtimeMin: movie.runtimeMin },
      theater: {
        id: screen.theater!.id,
        name: screen.theater!.name,
        city: screen.theater!.city,
        timeZone: this.zoneOf(show),
      },
      screen: { id: screen.id, name: screen.name },
      price: show.priceCents,
      premiumPrice: show.premiumPriceCents,
      available: counts.available,
      capacity: counts.capacity,
      presentation: presentationOf(show),
      bookingLink: show.bookingLink,
    };
  }

  /** The shows of a movie starting from now, by start time, with seats free now; from a replica. */
  upcomingForMovie(movieId: number): Promise<MovieShowView[]> {
    return this.db.read((manager) => this.upcomingOn(manager, movieId));
  }

  private async upcomingOn(manager: EntityManager, movieId: number): Promise<MovieShowView[]> {
    const now = this.clock.now();
    const shows = await this.joined(manager)
      .where('sh.movieId = :movieId', { movieId })
      .andWhere('sh.startsAt >= :now', { now: new Date(now) })
      .orderBy('sh.startsAt')
      .addOrderBy('sh.id')
      .getMany();
    const counts = await this.inventory.counts(
      manager,
      shows.map((show) => show.id),
      now,
    );
    return shows.map((show) => {
      const seats = counts.get(show.id) ?? NO_SEATS;
      return {
        ...this.placed(show),
        price: show.priceCents,
        premiumPrice: show.premiumPriceCents,
        available: seats.available,
        capacity: seats.capacity,
        presentation: presentationOf(show),
      };
    });
  }

  /**
   * Shows for admins by start time, with sold, held and available seats: those of local day
   * `date` (past ones included) or, without a date, those not yet ended; optionally of one movie
   * or theater.
   */
  async list(filter: ShowFilter = {}): Promise<AdminShowView[]> {
    const now = this.clock.now();
    const query = this.joined();
    if (filter.date) {
      const zones = await theaterZones(this.db.manager);
      whereLocalDay(query, filter.date, zones, this.config.get('CINEMA_TIME_ZONE'));
    } else {
      query.where('sh.endsAt > :now', { now: new Date(now) });
    }
    if (filter.movieId !== undefined) query.andWhere('sh.movieId = :movieId', { movieId: filter.movieId });
    if (filter.theaterId !== undefined)
      query.andWhere('screen.theaterId = :theaterId', { theaterId: filter.theaterId });
    const shows = await query.orderBy('sh.startsAt').addOrderBy('screen.id').getMany();
    const counts = await this.inventory.counts(
      this.db.manager,
      shows.map((show) => show.id),
      now,
    );
    const bookings = await this.inventory.bookingCounts(
      this.db.manager,
      shows.filter((show) => show.cancelledUpstreamAt).map((show) => show.id),
    );
    return shows.map((show) => {
      const seats = counts.get(show.id) ?? NO_SEATS;
      return {
        ...this.placed(show),
        presentation: presentationOf(show),
        cancelledUpstreamBookings: show.cancelledUpstreamAt ? (bookings.get(show.id) ?? 0) : null,
        movie: { id: show.movie!.id, name: show.movie!.title },
        priceCents: show.priceCents,
        premiumPriceCents: show.premiumPriceCents,
        generated: show.generated,
        ...seats,
      };
    });
  }

  /** What the list views of a show share: id, times (UTC and on its theater's clock), theater and screen (joined). */
  private placed(show: Show) {
    return {
      id: show.id,
      startsAt: show.startsAt,
      endsAt: show.endsAt,
      ...this.clockOf(show),
      theater: { id: show.screen!.theater!.id, name: show.screen!.theater!.name },
      screen: { id: show.screen!.id, name: show.screen!.name },
    };
  }

  /** The IANA zone of the show's theater (CINEMA_TIME_ZONE for one an admin made). */
  private zoneOf(show: Show): string {
    return theaterTimeZone(show.screen!.theater!, this.config.get('CINEMA_TIME_ZONE'));
  }

  /** `timeZone` and `localStartsAt` of a show: its start on its theater's wall clock. */
  private clockOf(show: Show): { timeZone: string; localStartsAt: string } {
    const timeZone = this.zoneOf(show);
    return { timeZone, localStartsAt: localIsoString(show.startsAt.getTime(), timeZone) };
  }

  private joined(manager: EntityManager = this.db.manager) {
    return manager
      .createQueryBuilder(Show, 'sh')
      .innerJoinAndSelect('sh.movie', 'movie')
      .innerJoinAndSelect('sh.screen', 'screen')
      .innerJoinAndSelect('screen.theater', 'theater');
  }
}

/** The presentation fields of a show row. */
function presentationOf(show: Show): ShowPresentationView {
  return {
    language: show.language,
    subtitleLanguage: show.subtitleLanguage,
    attributes: show.attributes ?? [],
    imported: show.sourceId !== null,
    cancelledUpstream: show.cancelledUpstreamAt !== null,
  };
}

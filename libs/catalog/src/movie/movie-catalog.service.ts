import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfigService, NotFound } from '@app/common';
import { DatabaseService } from '@app/database';
import { dbDate } from '../db-values';
import { Movie } from '../entities/movie.entity';
import { Show } from '../entities/show.entity';
import { theaterZones, whereLocalDay } from '../theater/theater-time-zone';
import { ShowQueryService } from '../show/show-query.service';
import { AdminMovieView, MovieDetailView, MovieView } from './dto/movie-view.dto';
import { posterUrl } from './poster-url';

/** Most films the admin list answers. */
export const ADMIN_MOVIE_LIMIT = 2_000;

/** Filters of the public movie list. */
export interface MovieFilter {
  /** Case-insensitive part of the title or original title. */
  q?: string;
  /** Local day `YYYY-MM-DD` (each theater's own zone): only films with a show that day from now on. */
  date?: string;
}

/** What is playing: the public side of the catalogue. */
@Injectable()
export class MovieCatalogService {
  constructor(
    private readonly db: DatabaseService,
    private readonly shows: ShowQueryService,
    private readonly config: AppConfigService,
  ) {}

  /**
   * Films with a show starting from now (on `date` when given), most popular first, each with the
   * start of its next such show. `q` matches titles case-insensitively (`%` and `_` are literal).
   */
  list(filter: MovieFilter = {}): Promise<MovieView[]> {
    // A public page: a replica will do (a new show may appear a replication delay late).
    return this.db.read((manager) => this.listOn(manager, filter));
  }

  private async listOn(manager: EntityManager, filter: MovieFilter): Promise<MovieView[]> {
    const query = manager
      .createQueryBuilder(Show, 'sh')
      .innerJoin('sh.movie', 'movie')
      .select('sh.movieId', 'movieId')
      .addSelect('MIN(sh.startsAt)', 'nextShowAt')
      .where('sh.startsAt >= :now', { now: new Date() })
      .groupBy('sh.movieId');
    if (filter.date) {
      query.innerJoin('sh.screen', 'screen').innerJoin('screen.theater', 'theater');
      whereLocalDay(query, filter.date, await theaterZones(manager), this.config.get('CINEMA_TIME_ZONE'));
    }
    const q = filter.q?.trim();
    if (q) {
      const pattern = `%${q.toLowerCase().replace(/[!%_]/g, (char) => `!${char}`)}%`;
      query.andWhere(
        `(LOWER(movie.title) LIKE :pattern ESCAPE '!' OR LOWER(movie.originalTitle) LIKE :pattern ESCAPE '!')`,
        { pattern },
      );
    }
    const rows = await query.getRawMany<{ movieId: number | string; nextShowAt: Date | string }>();
    if (!rows.length) return [];
    const next = new Map(rows.map((row) => [Number(row.movieId), dbDate(row.nextShowAt)]));
    const movies = await manager
      .createQueryBuilder(Movie, 'movie')
      .where('movie.id IN (:...ids)', { ids: [...next.keys()] })
      .orderBy('movie.popularity', 'DESC')
      .addOrderBy('movie.title')
      .addOrderBy('movie.id')
      .getMany();
    return movies.map((movie) => view(movie, next.get(movie.id) ?? null));
  }

  /**
   * Every film of the catalogue for admins (planning shows), with or without shows, by title:
   * `{ id, title, runtimeMin, releaseDate }`; at most `ADMIN_MOVIE_LIMIT`.
   */
  async listAll(): Promise<AdminMovieView[]> {
    const movies = await this.db.manager
      .createQueryBuilder(Movie, 'movie')
      .select(['movie.id', 'movie.title', 'movie.runtimeMin', 'movie.releaseDate'])
      .orderBy('movie.title')
      .addOrderBy('movie.id')
      .take(ADMIN_MOVIE_LIMIT)
      .getMany();
    return movies.map((movie) => ({
      id: movie.id,
      title: movie.title,
      runtimeMin: movie.runtimeMin,
      releaseDate: movie.releaseDate,
    }));
  }

  /** One film with its shows from now on (seats free now, prices in cents). @throws NotFound (404). */
  async get(id: number): Promise<MovieDetailView> {
    const movie = await this.db.read((manager) =>
      manager.createQueryBuilder(Movie, 'movie').where('movie.id = :id', { id }).getOne(),
    );
    if (!movie) throw new NotFound('movie', id);
    const shows = await this.shows.upcomingForMovie(id);
    return { ...view(movie, shows[0]?.startsAt ?? null), shows };
  }
}

function view(movie: Movie, nextShowAt: Date | null): MovieView {
  return {
    id: movie.id,
    tmdbId: movie.tmdbId,
    title: movie.title,
    originalTitle: movie.originalTitle,
    posterUrl: posterUrl(movie.posterPath),
    runtimeMin: movie.runtimeMin,
    genres: movie.genres,
    releaseDate: movie.releaseDate,
    overview: movie.overview,
    nextShowAt,
  };
}

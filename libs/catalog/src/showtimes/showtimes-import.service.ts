import tzLookup from '@photostructure/tz-lookup';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { AppConfigService } from '@app/common';
import { DatabaseService } from '@app/database';
import { JobName, JobRegistry } from '@app/jobs';
import { MovieRecord, toMovieRecord, upsertMovies } from '../catalog-import.writer';
import { Movie } from '../entities/movie.entity';
import { SourceQuery } from '../http/json-body';
import { ImportMutex } from '../import/import-mutex';
import { ImportStarter } from '../import-starter';
import { HttpTmdbSource } from '../tmdb/http-tmdb-source';
import { ImportProgressListener } from '../tmdb/now-playing-collector';
import { TmdbClient } from '../tmdb/tmdb-client';
import { TmdbSource } from '../tmdb/tmdb-source';
import { TmdbRequestFailed } from '../tmdb/tmdb.exception';
import { FileShowtimesSource } from './file-showtimes-source';
import { HttpShowtimesSource } from './http-showtimes-source';
import { ImportTally } from './import-tally';
import { InvalidRecord, ShowtimesClient } from './showtimes-client';
import { planShowtimes, ShowtimeConflict, SkippedShowtime, SkipReason } from './showtimes-plan';
import { cinemaSchema, movieSchema, showtimeSchema } from './showtimes.schemas';
import { ShowtimesSource } from './showtimes-source';
import { SyncCounts, ShowtimesSyncRepository } from './showtimes-sync.repository';

/** The mutex name of the showtimes import (see {@link ImportMutex}). */
export const SHOWTIMES_IMPORT_LOCK = 'showtimes';
/** Skipped showtimes and invalid records listed in a result (all are counted). */
const LISTED = 20;
const DAY_MS = 86_400_000;

/** What to import: cinema ids, countries (ISO alpha-2) or a location with a radius. */
export type ShowtimesFilter =
  { cinemaIds: string[] } | { countries: string[] } | { location: string; distanceKm: number } | Record<string, never>;

/** Options of one import. */
export interface ShowtimesImportOptions {
  /**
   * Where payloads come from; default the live API from SHOWTIMES_* configuration, or without
   * SHOWTIMES_API_KEY the committed snapshot (SHOWTIMES_SNAPSHOT_DIR), as on the first run.
   */
  source?: ShowtimesSource;
  /** Where missing films come from; default the live TMDB when TMDB_* credentials are set; null: none. */
  tmdb?: TmdbSource | null;
  /** Default: SHOWTIMES_CINEMA_IDS / SHOWTIMES_COUNTRIES / SHOWTIMES_LOCATION. */
  filter?: ShowtimesFilter;
  /** Days from now, default SHOWTIMES_DAYS. */
  days?: number;
}

/** What an import did; the job's result. */
export interface ShowtimesImportResult {
  /** False when another import held the cluster-wide lock: nothing was read or written. */
  ran: boolean;
  reason?: string;
  source?: string;
  window?: { from: string; to: string };
  read?: { cinemas: number; movies: number; showtimes: number; pages: number };
  films?: { inCatalogue: number; fetched: number; unavailable: number[]; withoutTmdb: number };
  sync?: SyncCounts;
  skipped?: { total: number; byReason: Partial<Record<SkipReason, number>>; first: SkippedShowtime[] };
  invalid?: { total: number; first: InvalidRecord[] };
  conflicts?: ShowtimeConflict[];
}

/**
 * The showtimes import (International Showtimes API): reads cinemas, showtimes and their movies
 * (every page, then the catalogue films the movies name by `tmdb_id`, fetching the missing ones
 * from TMDB), then writes theaters, screens and shows in one transaction with the sync rules of
 * {@link ShowtimesSyncRepository} — a failed import changes nothing. Runs as the ImportShowtimes
 * job, at most one at a time in the cluster ({@link ImportMutex}).
 */
@Injectable()
export class ShowtimesImportService implements OnModuleInit {
  private readonly logger = new Logger('ShowtimesImport');

  constructor(
    private readonly config: AppConfigService,
    private readonly db: DatabaseService,
    private readonly registry: JobRegistry,
    private readonly starter: ImportStarter,
    private readonly mutex: ImportMutex,
    private readonly sync: ShowtimesSyncRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.ImportShowtimes, (_payload, progress) => this.importShowtimes({}, progress));
  }

  /**
   * Starts an import job, or returns the one already waiting or running: under the cluster lock
   * `job:import-showtimes` (Lamport mutual exclusion, {@link ImportStarter}); the run itself also
   * takes the database's import lock, so a worker never runs two.
   * @returns `{ jobId }`. @throws ClusterLockTimeout (503) when the lock is not granted in time.
   */
  startImport(origin = 'admin'): Promise<{ jobId: string }> {
    return this.starter.start(JobName.ImportShowtimes, { origin });
  }

  /**
   * Imports the programme, holding the cluster-wide import lock; when another import holds it,
   * returns `{ ran: false, reason }` at once and touches nothing.
   * @throws ShowtimesRequestFailed / TmdbRequestFailed (IMPORT_FAILED) when a request fails (or,
   *   without a key, the snapshot is missing or broken); nothing is then written.
   */
  async importShowtimes(
    options: ShowtimesImportOptions = {},
    onProgress?: ImportProgressListener,
  ): Promise<ShowtimesImportResult> {
    const run = await this.mutex.tryRun(SHOWTIMES_IMPORT_LOCK, () => this.run(options, onProgress));
    if (run.ran) return run.value;
    const reason = `another showtimes import was running (${run.holder}); this one did nothing`;
    this.logger.warn(reason);
    await onProgress?.({ done: 1, total: 1 });
    return { ran: false, reason };
  }

  private async run(
    options: ShowtimesImportOptions,
    onProgress?: ImportProgressListener,
  ): Promise<ShowtimesImportResult> {
    const source = options.source ?? this.configuredSource();
    const client = new ShowtimesClient(source);
    const tally = new ImportTally(onProgress);
    const nowMs = Date.now();
    const windowEndMs = nowMs + (options.days ?? this.config.get('SHOWTIMES_DAYS')) * DAY_MS;
    const wanted = options.filter ?? this.configuredFilter();
    const filter = toQuery(wanted);
    const window = { time_from: new Date(nowMs).toISOString(), time_to: new Date(windowEndMs).toISOString() };
    await tally.plan(3 + 1);
    const cinemas = await client.list('/cinemas', 'cinemas', filter, cinemaSchema, tally.pages('cinemas'));
    const showtimes = await client.list(
      '/showtimes',
      'showtimes',
      { ...filter, ...window },
      showtimeSchema,
      tally.pages('showtimes'),
    );
    const movies = await client.list('/movies', 'movies', filter, movieSchema, tally.pages('movies'));

    const tmdbIds = [
      ...new Set(movies.records.map((movie) => movie.tmdb_id).filter((id): id is number => id !== null)),
    ];
    const known = await this.catalogue(tmdbIds);
    const missing = tmdbIds.filter((id) => !known.has(id));
    const fetched = await this.fetchFilms(missing, options.tmdb, tally);
    const films = new Map<number, { runtimeMin: number | null }>([...known]);
    for (const record of fetched) films.set(record.tmdbId, { runtimeMin: record.runtimeMin });

    const plan = planShowtimes({
      cinemas: cinemas.records,
      movies: movies.records,
      showtimes: showtimes.records,
      films,
      nowMs,
      windowEndMs,
      defaultTimeZone: this.config.get('CINEMA_TIME_ZONE'),
      zoneAt: tzLookup,
    });
    const sync = await this.db.transaction(async (manager) => {
      await upsertMovies(manager, fetched);
      const rows = await manager.getRepository(Movie).find({
        select: { id: true, tmdbId: true },
        where: { tmdbId: In([...new Set(plan.shows.map((show) => show.tmdbId))]) },
      });
      return this.sync.sync(
        manager,
        plan,
        new Map(rows.map((row) => [row.tmdbId, row.id])),
        { nowMs, windowEndMs },
        {
          priceCents: this.config.get('SHOWTIMES_DEFAULT_PRICE_CENTS'),
          premiumPriceCents: this.config.get('SHOWTIMES_DEFAULT_PREMIUM_PRICE_CENTS'),
        },
        'cinemaIds' in wanted ? wanted.cinemaIds : undefined,
      );
    });
    await tally.finish();
    const invalid = [...cinemas.invalid, ...movies.invalid, ...showtimes.invalid];
    const byReason: Partial<Record<SkipReason, number>> = {};
    for (const skip of plan.skipped) byReason[skip.reason] = (byReason[skip.reason] ?? 0) + 1;
    const result: ShowtimesImportResult = {
      ran: true,
      source: source.description,
      window: { from: window.time_from, to: window.time_to },
      read: {
        cinemas: cinemas.records.length,
        movies: movies.records.length,
        showtimes: showtimes.records.length,
        pages: cinemas.pages + movies.pages + showtimes.pages,
      },
      films: {
        inCatalogue: known.size,
        fetched: fetched.length,
        unavailable: missing.filter((id) => !fetched.some((record) => record.tmdbId === id)),
        withoutTmdb: movies.records.filter((movie) => movie.tmdb_id === null).length,
      },
      sync,
      skipped: { total: plan.skipped.length, byReason, first: plan.skipped.slice(0, LISTED) },
      invalid: { total: invalid.length, first: invalid.slice(0, LISTED) },
      conflicts: plan.conflicts,
    };
    this.logger.log(
      `imported from ${result.source}: ${JSON.stringify({ read: result.read, sync: { ...sync, shows: { ...sync.shows, cancelledUpstream: sync.shows.cancelledUpstream.length } }, skipped: plan.skipped.length, conflicts: plan.conflicts.length })}`,
    );
    return result;
  }

  /**
   * The live API when SHOWTIMES_API_KEY is set; else the committed snapshot, so that an embedded
   * node without credentials re-syncs the first run's programme (moved to the present again).
   */
  private configuredSource(): ShowtimesSource {
    if (this.config.get('SHOWTIMES_API_KEY')) return HttpShowtimesSource.fromConfig(this.config);
    return FileShowtimesSource.locate(this.config.get('SHOWTIMES_SNAPSHOT_DIR'));
  }

  private configuredFilter(): ShowtimesFilter {
    const ids = this.config.get('SHOWTIMES_CINEMA_IDS');
    if (ids.length) return { cinemaIds: ids };
    const countries = this.config.get('SHOWTIMES_COUNTRIES');
    if (countries.length) return { countries };
    const location = this.config.get('SHOWTIMES_LOCATION');
    if (location) return { location, distanceKm: this.config.get('SHOWTIMES_DISTANCE_KM') };
    return {};
  }

  /** Catalogue films by TMDB id with their runtimes. */
  private async catalogue(tmdbIds: number[]): Promise<Map<number, { runtimeMin: number | null }>> {
    const films = new Map<number, { runtimeMin: number | null }>();
    for (let i = 0; i < tmdbIds.length; i += 500) {
      const rows = await this.db.manager.getRepository(Movie).find({
        select: { tmdbId: true, runtimeMin: true },
        where: { tmdbId: In(tmdbIds.slice(i, i + 500)) },
      });
      for (const row of rows) films.set(row.tmdbId, { runtimeMin: row.runtimeMin });
    }
    return films;
  }

  /**
   * `/movie/{id}` from TMDB for films the catalogue lacks; a 404 leaves the film out (its
   * showtimes are skipped). Without a TMDB source (no credentials) nothing is fetched.
   */
  private async fetchFilms(
    tmdbIds: number[],
    given: TmdbSource | null | undefined,
    tally: ImportTally,
  ): Promise<MovieRecord[]> {
    if (!tmdbIds.length) return [];
    const source = given === undefined ? this.configuredTmdb() : given;
    if (!source) return [];
    const client = new TmdbClient(source);
    await tally.plan(tmdbIds.length);
    const records: MovieRecord[] = [];
    for (const id of tmdbIds) {
      try {
        const detail = await client.movie(id);
        records.push(
          toMovieRecord({
            item: { ...detail, genre_ids: [] },
            detail,
            genres: detail.genres.map((genre) => genre.name),
          }),
        );
      } catch (error) {
        if (!(error instanceof TmdbRequestFailed && error.failure === 'not-found')) throw error;
      }
      await tally.step();
    }
    return records;
  }

  private configuredTmdb(): TmdbSource | null {
    if (!this.config.get('TMDB_API_KEY') && !this.config.get('TMDB_READ_TOKEN')) return null;
    return HttpTmdbSource.fromConfig(this.config);
  }
}

function toQuery(filter: ShowtimesFilter): SourceQuery {
  if ('cinemaIds' in filter) return { cinema_id: filter.cinemaIds.join(',') };
  if ('countries' in filter) return { countries: filter.countries.join(',') };
  if ('location' in filter) return { location: filter.location, distance: filter.distanceKm };
  return {};
}

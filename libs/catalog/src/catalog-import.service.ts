import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfigService, InvalidInput, NotFound } from '@app/common';
import { DatabaseService, isUniqueViolation } from '@app/database';
import { JobName, JobQueue, JobRegistry, JobStatus } from '@app/jobs';
import { ImportStarter } from './import-starter';
import { toMovieRecord, upsertMovies } from './catalog-import.writer';
import { HttpTmdbSource } from './tmdb/http-tmdb-source';
import { ImportProgressListener, NowPlayingCollector } from './tmdb/now-playing-collector';
import { TmdbClient } from './tmdb/tmdb-client';
import { TmdbSource } from './tmdb/tmdb-source';

/** now_playing pages imported when none are asked for (20 films a page). */
export const DEFAULT_IMPORT_PAGES = 2;
/** TMDB serves at most 500 pages of a list. */
export const MAX_IMPORT_PAGES = 500;
/** Attempts of the write transaction when a concurrent import inserted the same film first. */
const WRITE_ATTEMPTS = 3;

/** Options of one import. */
export interface ImportOptions {
  /** now_playing pages to read, 1..500 (default 2); fewer when TMDB has fewer. */
  pages?: number;
  /** Where payloads come from; default: the live API from TMDB_* configuration. */
  source?: TmdbSource;
}

/** What an import did; the job's result. */
export interface ImportResult {
  /** The source, e.g. `TMDB https://api.themoviedb.org/3`. */
  source: string;
  /** now_playing pages read. */
  pages: number;
  /** Films stored: created + updated. */
  total: number;
  created: number;
  updated: number;
  /** Films listed whose `/movie/{id}` was 404, not stored. */
  skipped: number;
  skippedTmdbIds: number[];
}

/**
 * The TMDB catalogue import (TMDB API v3): reads the now-playing films with their runtimes and
 * genres, then upserts them by `tmdb_id` in one transaction, so a failed import leaves the
 * catalogue exactly as it was. Also the admin side of it: start an import job, read a job.
 */
@Injectable()
export class CatalogImportService implements OnModuleInit {
  private readonly logger = new Logger('CatalogImport');

  constructor(
    private readonly config: AppConfigService,
    private readonly database: DatabaseService,
    private readonly registry: JobRegistry,
    private readonly queue: JobQueue,
    private readonly starter: ImportStarter,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.ImportCatalog, (payload, progress) =>
      this.importCatalog({ pages: payload.pages }, progress),
    );
  }

  /**
   * Imports the now-playing catalogue. Progress (pages + films + 1 for the write) reaches
   * `done == total` once the films are stored.
   * @returns `{ source, pages, total, created, updated, skipped, skippedTmdbIds }`.
   * @throws InvalidInput (400) for pages outside 1..500; TmdbRequestFailed (IMPORT_FAILED) when
   *   credentials are missing (naming TMDB_API_KEY and TMDB_READ_TOKEN) or a request fails, in
   *   which case nothing was written.
   */
  async importCatalog(options: ImportOptions = {}, onProgress?: ImportProgressListener): Promise<ImportResult> {
    const pages = options.pages ?? DEFAULT_IMPORT_PAGES;
    if (!Number.isInteger(pages) || pages < 1 || pages > MAX_IMPORT_PAGES) {
      throw new InvalidInput('pages', `must be an integer from 1 to ${MAX_IMPORT_PAGES}`);
    }
    const source = options.source ?? HttpTmdbSource.fromConfig(this.config);
    const collector = new NowPlayingCollector(new TmdbClient(source), onProgress);
    const collection = await collector.collect(pages);
    const records = collection.movies.map(toMovieRecord);
    const counts = await this.write(() => this.database.transaction((manager) => upsertMovies(manager, records)));
    await collector.finish();
    const result: ImportResult = {
      source: source.description,
      pages: collection.pages,
      total: counts.created + counts.updated,
      ...counts,
      skipped: collection.skippedIds.length,
      skippedTmdbIds: collection.skippedIds,
    };
    this.logger.log(
      `imported from ${result.source}: ${JSON.stringify({ ...result, source: undefined, skippedTmdbIds: undefined })}`,
    );
    return result;
  }

  /**
   * Starts an import job of `pages` now_playing pages, or returns the import already waiting or
   * running (one at a time cluster-wide: {@link ImportStarter}, cluster lock `job:import-catalog`).
   * @returns `{ jobId }`: a UUID in-process, `catalog.<n>` on BullMQ.
   * @throws ClusterLockTimeout (503).
   */
  startImport(pages: number = DEFAULT_IMPORT_PAGES): Promise<{ jobId: string }> {
    return this.starter.start(JobName.ImportCatalog, { pages });
  }

  /**
   * The status of any job: `{ id, name, state, progress{ done, total }, result?, error? }`.
   * @throws NotFound (404) for an unknown or expired id.
   */
  async jobStatus(id: string): Promise<JobStatus> {
    const status = await this.queue.status(id);
    if (!status) throw new NotFound('job', id);
    return status;
  }

  private async write<T>(transaction: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction();
      } catch (error) {
        if (attempt >= WRITE_ATTEMPTS || !isUniqueViolation(error)) throw error;
        this.logger.warn('another import stored some of these films first; writing again');
      }
    }
  }
}

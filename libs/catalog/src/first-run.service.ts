import { Injectable, Logger } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { DatabaseService } from '@app/database';
import { CatalogImportService, DEFAULT_IMPORT_PAGES } from './catalog-import.service';
import { Movie } from './entities/movie.entity';
import { Theater } from './entities/theater.entity';
import { FileShowtimesSource } from './showtimes/file-showtimes-source';
import { ShowtimesImportService } from './showtimes/showtimes-import.service';
import { FileTmdbSource } from './tmdb/file-tmdb-source';

/**
 * First-run data: on an empty database, the catalogue from the committed TMDB snapshot through
 * the TMDB importer, then the cinemas, auditoriums and a week of showtimes of the committed
 * showtimes snapshot through the showtimes importer (its dates moved to start today; films
 * missing from the catalogue are read from the same TMDB snapshot). Boot runs it under the
 * migration lock (apps/api configure-app.ts), so of several nodes starting together only the
 * first seeds and the others find data.
 *
 * "Empty" means no movies and no theaters: a database an admin has started to fill is never
 * touched. Both imports are syncs keyed by source ids, safe to run twice; a first run interrupted
 * after the catalogue leaves movies, so the next boot does not resume it — the admin page's
 * showtimes import (or `marquee import-showtimes`) does, with live credentials.
 */
@Injectable()
export class FirstRunService {
  private readonly logger = new Logger('FirstRun');

  constructor(
    private readonly db: DatabaseService,
    private readonly config: AppConfigService,
    private readonly importer: CatalogImportService,
    private readonly showtimes: ShowtimesImportService,
  ) {}

  /**
   * Loads the first-run data when the catalogue is empty; does nothing otherwise. Logs what it
   * loaded (films, theaters, screens, shows).
   * @throws TmdbRequestFailed / ShowtimesRequestFailed (IMPORT_FAILED) when a snapshot is missing
   *   or broken; that import then wrote nothing, and boot stops with that message.
   */
  async seedIfEmpty(): Promise<void> {
    const movies = await this.db.manager.createQueryBuilder(Movie, 'movie').getCount();
    const theaters = await this.db.manager.createQueryBuilder(Theater, 'theater').getCount();
    if (movies > 0 || theaters > 0) {
      this.logger.log(`database has ${movies} movie(s) and ${theaters} theater(s); no first-run data needed`);
      return;
    }
    const tmdb = FileTmdbSource.locate(this.config.get('TMDB_SNAPSHOT_DIR'));
    const imported = await this.importer.importCatalog({ pages: DEFAULT_IMPORT_PAGES, source: tmdb });
    this.logger.log(`imported ${imported.total} movie(s) from ${tmdb.description}`);
    const source = FileShowtimesSource.locate(this.config.get('SHOWTIMES_SNAPSHOT_DIR'));
    const programme = await this.showtimes.importShowtimes({ source, tmdb, filter: {} });
    if (!programme.ran) throw new Error(`first run: the showtimes snapshot was not imported: ${programme.reason}`);
    const sync = programme.sync!;
    this.logger.log(
      `first run: ${imported.total} movies, ${sync.theaters.created} theaters, ${sync.screens.created} screens, ` +
        `${sync.shows.created} shows from ${source.description} (${programme.skipped!.total} showtimes skipped, earlier today)`,
    );
  }
}

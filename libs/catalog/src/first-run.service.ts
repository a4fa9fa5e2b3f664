import { Injectable, Logger } from '@nestjs/common';
import { AlreadyExists, AppConfigService } from '@app/common';
import { DatabaseService } from '@app/database';
import { CatalogImportService, DEFAULT_IMPORT_PAGES } from './catalog-import.service';
import { Movie } from './entities/movie.entity';
import { Screen } from './entities/screen.entity';
import { Theater } from './entities/theater.entity';
import { FIRST_RUN_THEATERS } from './first-run-theaters';
import { ScheduleService } from './schedule/schedule.service';
import { ScreenService } from './screen/screen.service';
import { FileTmdbSource } from './tmdb/file-tmdb-source';

/**
 * First-run data: on an empty database, the catalogue from the committed TMDB snapshot through
 * the importer, the theaters and screens of {@link FIRST_RUN_THEATERS} and `SCHEDULE_DAYS` days
 * of shows. Boot runs it under the migration lock (apps/api configure-app.ts), so of several
 * nodes starting together only the first seeds and the others find data.
 *
 * "Empty" means no movies and no theaters: a database an admin has started to fill is never
 * touched. Every step is safe to run twice (the import upserts by TMDB id; an existing theater or
 * screen of the same name is reused), but a first run interrupted after the import leaves movies,
 * so the next boot does not resume it; POST /api/admin/theaters, /screens and /shows/generate do.
 */
@Injectable()
export class FirstRunService {
  private readonly logger = new Logger('FirstRun');

  constructor(
    private readonly db: DatabaseService,
    private readonly config: AppConfigService,
    private readonly importer: CatalogImportService,
    private readonly screens: ScreenService,
    private readonly schedule: ScheduleService,
  ) {}

  /**
   * Loads the first-run data when the catalogue is empty; does nothing otherwise. Logs what it
   * loaded (films, theaters, screens, seats, shows).
   * @throws TmdbRequestFailed (IMPORT_FAILED) when the snapshot is missing or broken; nothing is
   *   then written, and boot stops with that message.
   */
  async seedIfEmpty(): Promise<void> {
    const movies = await this.db.manager.createQueryBuilder(Movie, 'movie').getCount();
    const theaters = await this.db.manager.createQueryBuilder(Theater, 'theater').getCount();
    if (movies > 0 || theaters > 0) {
      this.logger.log(`database has ${movies} movie(s) and ${theaters} theater(s); no first-run data needed`);
      return;
    }
    const source = FileTmdbSource.locate(this.config.get('TMDB_SNAPSHOT_DIR'));
    const imported = await this.importer.importCatalog({ pages: DEFAULT_IMPORT_PAGES, source });
    this.logger.log(`imported ${imported.total} movie(s) from ${source.description}`);
    let screens = 0;
    let seats = 0;
    for (const spec of FIRST_RUN_THEATERS) {
      const theaterId = await this.theaterId(spec.name, spec.city);
      for (const screen of spec.screens) {
        const seatCount = await this.screen(theaterId, screen.name, screen.layout);
        screens++;
        seats += seatCount;
        this.logger.log(`${spec.name} / ${screen.name}: ${seatCount} seats`);
      }
    }
    // At boot, before the cluster is up: the database's first-run guard is the arbiter here.
    const schedule = await this.schedule.plan();
    this.logger.log(
      `first run: ${imported.total} movies, ${FIRST_RUN_THEATERS.length} theaters, ${screens} screens (${seats} seats), ` +
        `${schedule.created} shows over ${schedule.days} day(s)`,
    );
  }

  private async theaterId(name: string, city: string): Promise<number> {
    const existing = await this.db.manager
      .createQueryBuilder(Theater, 'theater')
      .where('theater.name = :name', { name })
      .getOne();
    if (existing) return existing.id;
    const result = await this.db.manager.createQueryBuilder().insert().into(Theater).values({ name, city }).execute();
    return Number(result.identifiers[0].id);
  }

  /** Creates a screen, or reuses one of that name; returns its seat count. */
  private async screen(theaterId: number, name: string, layout: string[]): Promise<number> {
    try {
      return (await this.screens.create({ theaterId, name, layout })).seatCount;
    } catch (error) {
      if (!(error instanceof AlreadyExists)) throw error;
      const existing = await this.db.manager
        .createQueryBuilder(Screen, 'screen')
        .where('screen.theaterId = :theaterId AND screen.name = :name', { theaterId, name })
        .getOneOrFail();
      return existing.seatCount;
    }
  }
}

import { Module } from '@nestjs/common';
import { AdminCatalogController } from './admin-catalog.controller';
import { CatalogImportService } from './catalog-import.service';
import { ImportStarter } from './import-starter';
import { CatalogRefreshSchedule } from './catalog-refresh.schedule';
import { FirstRunService } from './first-run.service';
import { MovieCatalogService } from './movie/movie-catalog.service';
import { MovieAdminController } from './movie/movie-admin.controller';
import { MovieController } from './movie/movie.controller';
import { ScheduleService } from './schedule/schedule.service';
import { ScreenAdminController } from './screen/screen-admin.controller';
import { ScreenRepository } from './screen/screen.repository';
import { ScreenService } from './screen/screen.service';
import { ShowAdminController } from './show/show-admin.controller';
import { ShowQueryService } from './show/show-query.service';
import { ShowController } from './show/show.controller';
import { ShowService } from './show/show.service';
import { TheaterAdminController } from './theater/theater-admin.controller';
import { TheaterController } from './theater/theater.controller';
import { TheaterService } from './theater/theater.service';
import { DatabaseImportMutex, ImportMutex } from './import/import-mutex';
import { AdminShowtimesController } from './showtimes/admin-showtimes.controller';
import { ShowtimesImportService } from './showtimes/showtimes-import.service';
import { ShowtimesRefreshSchedule } from './showtimes/showtimes-refresh.schedule';
import { ShowtimesSyncRepository } from './showtimes/showtimes-sync.repository';

/**
 * Movies, theaters, screens, seats and shows; the TMDB and showtimes imports; the show scheduler; first-run data.
 * Providers and controllers are listed here explicitly.
 */
@Module({
  imports: [],
  controllers: [
    AdminCatalogController,
    AdminShowtimesController,
    MovieController,
    MovieAdminController,
    ShowController,
    TheaterController,
    TheaterAdminController,
    ScreenAdminController,
    ShowAdminController,
  ],
  providers: [
    CatalogImportService,
    CatalogRefreshSchedule,
    FirstRunService,
    ImportStarter,
    MovieCatalogService,
    ScheduleService,
    ScreenRepository,
    ScreenService,
    ShowtimesImportService,
    ShowtimesRefreshSchedule,
    ShowtimesSyncRepository,
    // The cluster-wide "one import at a time": swap this provider for libs/cluster's mutex.
    { provide: ImportMutex, useClass: DatabaseImportMutex },
    ShowQueryService,
    ShowService,
    TheaterService,
  ],
  exports: [
    CatalogImportService,
    FirstRunService,
    ImportStarter,
    MovieCatalogService,
    ScheduleService,
    ScreenService,
    ShowtimesImportService,
    ShowQueryService,
    ShowService,
    TheaterService,
  ],
})
export class CatalogModule {}

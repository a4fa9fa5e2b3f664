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
import { ScreenService } from './screen/screen.service';
import { ShowAdminController } from './show/show-admin.controller';
import { ShowQueryService } from './show/show-query.service';
import { ShowController } from './show/show.controller';
import { ShowService } from './show/show.service';
import { TheaterAdminController } from './theater/theater-admin.controller';
import { TheaterController } from './theater/theater.controller';
import { TheaterService } from './theater/theater.service';

/**
 * Movies, theaters, screens, seats and shows; the TMDB import; the show scheduler; first-run data.
 * Providers and controllers are listed here explicitly.
 */
@Module({
  imports: [],
  controllers: [
    AdminCatalogController,
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
    ScreenService,
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
    ShowQueryService,
    ShowService,
    TheaterService,
  ],
})
export class CatalogModule {}

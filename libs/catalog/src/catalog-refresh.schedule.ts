import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { LeaderWork } from '@app/cluster';
import { CatalogImportService } from './catalog-import.service';

/**
 * The scheduled catalogue refresh: every CATALOG_REFRESH_HOURS (24 by default; 0 turns it off),
 * on wall-clock multiples of that period, the cluster's leader enqueues an ImportCatalog job (the
 * worker runs it with Redis, the node itself without). Off without TMDB credentials.
 */
@Injectable()
export class CatalogRefreshSchedule implements OnModuleInit {
  constructor(
    private readonly config: AppConfigService,
    private readonly imports: CatalogImportService,
    private readonly leaderWork: LeaderWork,
  ) {}

  onModuleInit(): void {
    const hours = this.config.get('CATALOG_REFRESH_HOURS');
    if (!hours) return;
    if (!this.config.get('TMDB_API_KEY') && !this.config.get('TMDB_READ_TOKEN')) {
      new Logger('CatalogRefresh').log(
        'no TMDB credentials (TMDB_API_KEY or TMDB_READ_TOKEN): the scheduled catalogue refresh is off',
      );
      return;
    }
    // startImport returns an import already waiting or running instead of queueing another.
    this.leaderWork.register({
      name: 'catalog-refresh',
      everyMs: hours * 3_600_000,
      run: () => this.imports.startImport(),
    });
  }
}

import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '@app/common';
import { LeaderWork } from '@app/cluster';
import { ShowtimesImportService } from './showtimes-import.service';

/**
 * The scheduled showtimes import: every SHOWTIMES_REFRESH_HOURS (24 by default; 0 turns it
 * off), on wall-clock multiples of that period, the cluster's leader enqueues an
 * ImportShowtimes job (run by the worker with Redis, by the node itself without). Off without
 * SHOWTIMES_API_KEY.
 */
@Injectable()
export class ShowtimesRefreshSchedule implements OnModuleInit {
  constructor(
    private readonly config: AppConfigService,
    private readonly imports: ShowtimesImportService,
    private readonly leaderWork: LeaderWork,
  ) {}

  onModuleInit(): void {
    const hours = this.config.get('SHOWTIMES_REFRESH_HOURS');
    if (!hours) return;
    if (!this.config.get('SHOWTIMES_API_KEY')) {
      new Logger('ShowtimesRefresh').log('no SHOWTIMES_API_KEY: the scheduled showtimes import is off');
      return;
    }
    this.leaderWork.register({
      name: 'showtimes-refresh',
      everyMs: hours * 3_600_000,
      run: () => this.imports.startImport('schedule'),
    });
  }
}

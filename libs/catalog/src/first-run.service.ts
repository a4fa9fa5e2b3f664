import { Injectable } from '@nestjs/common';

/**
 * First-run data (issue 2 item 7): on an empty database, the catalogue from the committed TMDB
 * snapshot through the importer, a few theaters and screens, and a week of shows.
 */
@Injectable()
export class FirstRunService {
  /** Loads the first-run data when the catalogue is empty; does nothing otherwise. */
  async seedIfEmpty(): Promise<void> {
    throw new Error('FirstRunService.seedIfEmpty is not written yet');
  }
}

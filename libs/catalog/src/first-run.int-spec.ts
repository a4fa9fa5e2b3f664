import { DatabaseService } from '@app/database';
import { makeTheater } from '../../../test/support/factories';
import { createTestApp } from '../../../test/support/test-app';
import { Movie } from './entities/movie.entity';
import { Screen } from './entities/screen.entity';
import { Show } from './entities/show.entity';
import { ShowSeat } from '@app/booking';
import { Theater } from './entities/theater.entity';
import { FIRST_RUN_THEATERS } from './first-run-theaters';
import { FirstRunService } from './first-run.service';
import { parseSeatLayout } from './layout/seat-layout';

/** First run on SQLite only: it needs an empty database, and the MariaDB one is shared. */
describe('first-run data (sqlite)', () => {
  it('loads the snapshot, theaters, screens and a week of shows at boot, once', async () => {
    const app = await createTestApp('sqlite', { SEED_ON_EMPTY: 'true' });
    try {
      const manager = app.get(DatabaseService).manager;
      const count = (entity: typeof Movie | typeof Theater | typeof Screen | typeof Show | typeof ShowSeat) =>
        manager.createQueryBuilder(entity, 'row').getCount();
      expect(await count(Movie)).toBeGreaterThanOrEqual(20); // the committed snapshot has 37 distinct films
      expect(await count(Theater)).toBe(2);
      const screens = await manager.createQueryBuilder(Screen, 'screen').getMany();
      expect(screens).toHaveLength(5);
      for (const screen of screens) {
        expect(screen.seatCount).toBeGreaterThanOrEqual(60);
        expect(screen.seatCount).toBeLessThanOrEqual(250);
        const { counts } = parseSeatLayout(screen.layout);
        expect(counts.wheelchair).toBeGreaterThan(0);
        expect(counts.premium).toBeGreaterThan(0);
        expect(screen.layout.some((row) => /[spw]_+[spw]/.test(row))).toBe(true); // an aisle
      }
      const shows = await count(Show);
      expect(shows).toBeGreaterThan(100);
      const seats = screens.reduce((sum, screen) => sum + screen.seatCount, 0);
      expect(await count(ShowSeat)).toBeGreaterThan(seats); // every show has its inventory

      // A second boot's seeding (or a second node's) finds data and does nothing.
      await app.get(FirstRunService).seedIfEmpty();
      expect(await count(Theater)).toBe(2);
      expect(await count(Show)).toBe(shows);
    } finally {
      await app.close();
    }
  });

  it('leaves a database an admin has started to fill alone', async () => {
    const app = await createTestApp('sqlite');
    try {
      await makeTheater(app);
      await app.get(FirstRunService).seedIfEmpty();
      const manager = app.get(DatabaseService).manager;
      expect(await manager.createQueryBuilder(Movie, 'movie').getCount()).toBe(0);
      expect(await manager.createQueryBuilder(Theater, 'theater').getCount()).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('describes theaters whose layouts are valid', () => {
    expect(FIRST_RUN_THEATERS.map((theater) => theater.screens.length)).toEqual([3, 2]);
    for (const screen of FIRST_RUN_THEATERS.flatMap((theater) => theater.screens))
      expect(() => parseSeatLayout(screen.layout)).not.toThrow();
  });
});

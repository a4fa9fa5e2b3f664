import { DatabaseService } from '@app/database';
import { makeTheater } from '../../../test/support/factories';
import { createTestApp } from '../../../test/support/test-app';
import { Movie } from './entities/movie.entity';
import { Screen } from './entities/screen.entity';
import { Show } from './entities/show.entity';
import { ShowSeat } from '@app/booking';
import { Theater } from './entities/theater.entity';
import { FirstRunService } from './first-run.service';
import { parseSeatLayout } from './layout/seat-layout';
import { localDate } from './schedule/local-time';

/** First run on SQLite only: it needs an empty database, and the MariaDB one is shared. */
describe('first-run data (sqlite)', () => {
  it('loads the TMDB snapshot and the showtimes snapshot (3 Lyon cinemas, a week from today) at boot, once', async () => {
    const app = await createTestApp('sqlite', { SEED_ON_EMPTY: 'true' });
    try {
      const manager = app.get(DatabaseService).manager;
      const count = (entity: typeof Movie | typeof Theater | typeof Screen | typeof Show | typeof ShowSeat) =>
        manager.createQueryBuilder(entity, 'row').getCount();
      expect(await count(Movie)).toBeGreaterThanOrEqual(20); // the committed snapshot has 37 distinct films
      const theaters = await manager.createQueryBuilder(Theater, 'theater').orderBy('theater.name').getMany();
      expect(theaters.map((theater) => [theater.name, theater.city, theater.timeZone, theater.sourceId])).toEqual([
        ['Cinéma Comoedia', 'Lyon', 'Europe/Paris', '61840'],
        ['Pathé Bellecour', 'Lyon', 'Europe/Paris', '61834'],
        ['UGC Ciné Cité Confluence', 'Lyon', 'Europe/Paris', '61836'],
      ]);
      const screens = await manager.createQueryBuilder(Screen, 'screen').getMany();
      expect(screens).toHaveLength(8); // the snapshot's auditoriums
      for (const screen of screens) expect(() => parseSeatLayout(screen.layout)).not.toThrow();
      const shows = await manager.createQueryBuilder(Show, 'sh').innerJoinAndSelect('sh.movie', 'movie').getMany();
      expect(shows.length).toBeGreaterThan(150);
      // Every show is an imported showtime of a catalogue film, from now to six days ahead (Lyon's days).
      const today = localDate(Date.now(), 'Europe/Paris');
      const days = new Set(shows.map((show) => localDate(show.startsAt.getTime(), 'Europe/Paris')));
      expect(days.size).toBeGreaterThanOrEqual(6);
      for (const show of shows) {
        expect(show.sourceId).toMatch(/^91\d{5}$/);
        expect(show.startsAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
        expect(localDate(show.startsAt.getTime(), 'Europe/Paris') >= today).toBe(true);
      }
      expect(shows.some((show) => show.attributes?.includes('OV') && show.subtitleLanguage === 'fr')).toBe(true);
      expect(shows.some((show) => show.attributes?.includes('3D'))).toBe(true);
      const seats = screens.reduce((sum, screen) => sum + screen.seatCount, 0);
      expect(await count(ShowSeat)).toBeGreaterThan(seats); // every show has its inventory

      // A second boot's seeding (or a second node's) finds data and does nothing.
      await app.get(FirstRunService).seedIfEmpty();
      expect(await count(Theater)).toBe(3);
      expect(await count(Show)).toBe(shows.length);
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
});

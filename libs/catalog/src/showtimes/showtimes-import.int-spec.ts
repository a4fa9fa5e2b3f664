import { In } from 'typeorm';
import { BookingService } from '@app/booking';
import { DatabaseService } from '@app/database';
import { DRIVERS } from '../../../../test/support/env';
import { makeMovie, uniqueTag } from '../../../../test/support/factories';
import {
  berlinStart,
  FAKE_SHOWTIMES_API_KEY,
  fakeCinema,
  fakeMovie,
  FakeShowtimesServer,
  fakeShowtime,
} from '../../../../test/support/fake-showtimes-server';
import { FAKE_TMDB_API_KEY, FakeTmdbServer } from '../../../../test/support/fake-tmdb-server';
import { createTestApp, TestApp } from '../../../../test/support/test-app';
import { Movie } from '../entities/movie.entity';
import { Screen } from '../entities/screen.entity';
import { ShowSeat } from '@app/booking';
import { Show } from '../entities/show.entity';
import { Theater } from '../entities/theater.entity';
import { SourceRequestFailed } from '../http/source-request-failed';
import { ShowtimesImportService } from './showtimes-import.service';

/** A TMDB snapshot film the catalogue does not have: the import fetches it (Wonka, 116 min). */
const TMDB_ONLY = 787699;

/**
 * The showtimes import against a local API-shaped server (never the live API), on MariaDB and
 * SQLite: mapping, skips, overlaps, the sync rules, every failure leaving the data as it was,
 * and one run at a time. Each test imports its own cinemas (unique ids, SHOWTIMES_CINEMA_IDS
 * scope), so the shared MariaDB database's other rows are never in scope.
 */
describe.each(DRIVERS)('showtimes import (%s)', (driver) => {
  let app: TestApp;
  let fake: FakeShowtimesServer;
  let tmdb: FakeTmdbServer;
  let importer: ShowtimesImportService;
  let db: DatabaseService;

  beforeAll(async () => {
    fake = await FakeShowtimesServer.start();
    tmdb = await FakeTmdbServer.start({ idOffset: 100_000_000 + Math.floor(Math.random() * 800_000_000) });
    app = await createTestApp(driver, {
      SHOWTIMES_BASE_URL: fake.url,
      SHOWTIMES_API_KEY: FAKE_SHOWTIMES_API_KEY,
      SHOWTIMES_CINEMA_IDS: '1',
      SHOWTIMES_TIMEOUT_MS: '400',
      SHOWTIMES_MAX_RETRIES: '2',
      SHOWTIMES_REFRESH_HOURS: '0',
      TMDB_BASE_URL: tmdb.url,
      TMDB_API_KEY: FAKE_TMDB_API_KEY,
    });
    importer = app.get(ShowtimesImportService);
    db = app.get(DatabaseService);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await fake?.close();
    await tmdb?.close();
  });

  beforeEach(() => {
    fake.reset();
    fake.pageSize = 50;
  });

  /** Two Berlin cinemas, four movies (two in the catalogue, one only on TMDB, one without tmdb_id). */
  async function programme() {
    const tag = uniqueTag();
    const [filmA, filmB] = [await makeMovie(app, { runtimeMin: 100 }), await makeMovie(app, { runtimeMin: 90 })];
    const ids = { a: `${tag}a`, b: `${tag}b` };
    fake.cinemas = [fakeCinema(ids.a, `Kino A ${tag}`), fakeCinema(ids.b, `Kino B ${tag}`, 'Berlin', [52.5, 13.4])];
    fake.movies = [
      fakeMovie(`${tag}m1`, filmA.tmdbId, filmA.title, 101),
      fakeMovie(`${tag}m2`, filmB.tmdbId, filmB.title),
      fakeMovie(`${tag}m3`, tmdb.id(TMDB_ONLY), 'Wonka', 116),
      fakeMovie(`${tag}m4`, null, 'No TMDB id'),
    ];
    fake.showtimes = [
      fakeShowtime(`${tag}s1`, ids.a, `${tag}m1`, berlinStart(1, '18:00')),
      fakeShowtime(`${tag}s2`, ids.a, `${tag}m2`, berlinStart(1, '20:30'), {
        is_3d: true,
        language: 'en',
        subtitle_language: 'de',
        attributes: ['OV'],
      }),
      fakeShowtime(`${tag}s3`, ids.a, `${tag}m3`, berlinStart(2, '15:00'), { auditorium: 'Saal 2', is_imax: true }),
      fakeShowtime(`${tag}s4`, ids.b, `${tag}m1`, berlinStart(3, '17:00'), { auditorium: null, booking_link: null }),
    ];
    return { tag, ids, filmA, filmB, filter: { cinemaIds: [ids.a, ids.b] } };
  }

  /** Everything the import owns for `sourceIds`, comparable before and after. */
  async function stateOf(cinemaIds: string[]) {
    const theaters = await db.manager
      .getRepository(Theater)
      .find({ where: { sourceId: In(cinemaIds) }, order: { id: 'ASC' } });
    const theaterIds = theaters.map((theater) => theater.id);
    const screens = theaterIds.length
      ? await db.manager.getRepository(Screen).find({ where: { theaterId: In(theaterIds) }, order: { id: 'ASC' } })
      : [];
    const screenIds = screens.map((screen) => screen.id);
    const shows = screenIds.length
      ? await db.manager.getRepository(Show).find({ where: { screenId: In(screenIds) }, order: { id: 'ASC' } })
      : [];
    const seats = shows.length
      ? await db.manager.getRepository(ShowSeat).count({ where: { showId: In(shows.map((show) => show.id)) } })
      : 0;
    return { theaters, screens, shows, seats };
  }

  it('maps cinemas, auditoriums and showtimes; fetches a missing film from TMDB; skips and reports what it cannot place', async () => {
    const { tag, ids, filmA } = await programme();
    // A cinema asked for that /cinemas does not list (removed between the requests): its showtimes are skipped.
    const filter = { cinemaIds: [ids.a, ids.b, `${tag}c`] };
    const past = new Date(Date.now() - 3_600_000);
    fake.showtimes.push(
      fakeShowtime(`${tag}x1`, `${tag}c`, `${tag}m1`, berlinStart(1, '12:00')),
      fakeShowtime(`${tag}x2`, ids.a, 'unknown-movie', berlinStart(1, '12:00')),
      fakeShowtime(`${tag}x3`, ids.a, `${tag}m4`, berlinStart(1, '12:00')),
      fakeShowtime(`${tag}x4`, ids.a, `${tag}m1`, past.toISOString()),
      fakeShowtime(`${tag}x5`, ids.a, `${tag}m1`, '2030-01-01T18:00:00'), // no offset
      { id: `${tag}x6`, cinema_id: ids.a, movie_id: null, start_at: null }, // null fields
      fakeShowtime(`${tag}x7`, ids.a, `${tag}m2`, berlinStart(1, '18:30')), // overlaps s1 in Saal 1
    );
    const result = await importer.importShowtimes({ filter });
    expect(result.ran).toBe(true);
    expect(result.read).toMatchObject({ cinemas: 2, movies: 4, showtimes: 9 });
    expect(result.films).toMatchObject({ fetched: 1, unavailable: [], withoutTmdb: 1 });
    expect(result.skipped!.byReason).toEqual({ 'unknown-cinema': 1, 'unknown-movie': 1, 'no-tmdb-id': 1, past: 1 });
    expect(result.invalid!.total).toBe(2); // no offset; null ids and start
    expect(result.invalid!.first.map((record) => record.problem).join(' ')).toMatch(/has no UTC offset/);
    expect(result.conflicts).toEqual([
      { cinemaId: ids.a, screenName: 'Saal 1', showtimeIds: [`${tag}s1`, `${tag}x7`] },
    ]);
    expect(result.sync!.shows).toMatchObject({ created: 5, updated: 0, removed: 0 });

    const state = await stateOf([ids.a, ids.b]);
    expect(state.theaters.map((theater) => [theater.sourceId, theater.name, theater.city, theater.timeZone])).toEqual([
      [ids.a, `Kino A ${tag}`, 'Berlin', 'Europe/Berlin'],
      [ids.b, `Kino B ${tag}`, 'Berlin', 'Europe/Berlin'],
    ]);
    expect(state.theaters[0].address).toBe(`Teststraße ${ids.a}, 10115 Berlin, Germany`);
    expect(state.screens.map((screen) => [screen.name, screen.seatCount])).toEqual([
      ['Saal 1', 140],
      ['Saal 2', 140],
      ['Main hall', 140],
    ]);
    expect(state.seats).toBe(5 * 140);
    const bySource = new Map(state.shows.map((show) => [show.sourceId, show]));
    const s1 = bySource.get(`${tag}s1`)!;
    expect(s1.movieId).toBe(filmA.id);
    expect(s1.startsAt.getTime()).toBe(Date.parse(berlinStart(1, '18:00')));
    expect(s1.endsAt.getTime() - s1.startsAt.getTime()).toBe((15 + 100) * 60_000); // the catalogue's runtime
    expect([s1.priceCents, s1.premiumPriceCents, s1.generated]).toEqual([1200, 1800, false]);
    expect(bySource.get(`${tag}s2`)).toMatchObject({
      language: 'en',
      subtitleLanguage: 'de',
      attributes: ['3D', 'OV'],
    });
    expect(bySource.get(`${tag}s1`)).toMatchObject({ language: 'de', subtitleLanguage: null, attributes: [] });
    expect(bySource.get(`${tag}s4`)!.bookingLink).toBeNull();
    const wonka = await db.manager.getRepository(Movie).findOneByOrFail({ tmdbId: tmdb.id(TMDB_ONLY) });
    expect(bySource.get(`${tag}s3`)).toMatchObject({ movieId: wonka.id, attributes: ['IMAX'] });
    expect(wonka.runtimeMin).toBe(116);
    expect(fake.requests.every((request) => request.query.get('cinema_id') === filter.cinemaIds.join(','))).toBe(true);
    expect(fake.requests.find((request) => request.list === 'showtimes')!.query.get('time_from')).toBeTruthy();
  });

  it('re-imports as a sync: nothing twice, changes applied, shows with bookings kept and marked, vanished cinemas flagged', async () => {
    const { tag, ids, filmB, filter } = await programme();
    await importer.importShowtimes({ filter });
    const first = await stateOf([ids.a, ids.b]);
    const again = await importer.importShowtimes({ filter });
    expect(again.sync).toMatchObject({
      theaters: { created: 0, updated: 0, vanished: 0 },
      screens: { created: 0, vanished: 0 },
      shows: { created: 0, updated: 0, unchanged: 4, removed: 0, cancelledUpstream: [] },
    });
    expect(await stateOf([ids.a, ids.b])).toEqual(first);

    const bySource = new Map(first.shows.map((show) => [show.sourceId, show]));
    const bookings = app.get(BookingService);
    for (const sourceId of [`${tag}s2`, `${tag}s4`]) {
      await bookings.book({
        showId: bySource.get(sourceId)!.id,
        count: 2,
        customer: { name: 'Ada', email: `ada-${tag}@example.com` },
      });
    }
    // Upstream: s1 moves an hour, s2 (booked) moves too, s3 vanishes, s4 (booked) vanishes with cinema B, s5 is new.
    fake.showtimes[0].start_at = berlinStart(1, '19:00');
    fake.showtimes[1].start_at = berlinStart(1, '21:00');
    fake.showtimes[1].attributes = ['OV', 'ATMOS'];
    fake.showtimes.splice(2, 2);
    fake.showtimes.push(fakeShowtime(`${tag}s5`, ids.a, `${tag}m2`, berlinStart(4, '20:00')));
    fake.cinemas.splice(1, 1);
    const sync = (await importer.importShowtimes({ filter })).sync!;
    expect(sync.theaters).toEqual({ created: 0, updated: 0, vanished: 1 });
    expect(sync.shows).toMatchObject({ created: 1, updated: 2, removed: 1, keptWithBookings: [`${tag}s2`] });
    expect(sync.shows.cancelledUpstream).toEqual([
      { showId: bySource.get(`${tag}s4`)!.id, sourceId: `${tag}s4`, bookings: 1 },
    ]);

    const after = await stateOf([ids.a, ids.b]);
    const now = new Map(after.shows.map((show) => [show.sourceId, show]));
    expect(now.get(`${tag}s1`)!.startsAt.getTime()).toBe(Date.parse(berlinStart(1, '19:00')));
    expect(now.get(`${tag}s2`)!.startsAt.getTime()).toBe(bySource.get(`${tag}s2`)!.startsAt.getTime()); // booked: time kept
    expect(now.get(`${tag}s2`)!.attributes).toEqual(['3D', 'OV', 'ATMOS']); // presentation follows
    expect(now.has(`${tag}s3`)).toBe(false);
    expect(now.get(`${tag}s4`)!.cancelledUpstreamAt).not.toBeNull();
    expect(now.get(`${tag}s5`)!.movieId).toBe(filmB.id);
    expect(after.theaters.find((theater) => theater.sourceId === ids.b)!.vanishedAt).not.toBeNull();
    expect(after.screens.find((screen) => screen.name === 'Saal 2')!.vanishedAt).not.toBeNull(); // no showtime uses it
    const booked = await db.manager
      .getRepository(ShowSeat)
      .count({ where: { showId: In([now.get(`${tag}s2`)!.id, now.get(`${tag}s4`)!.id]), state: 'booked' } });
    expect(booked).toBe(4); // the bookings are untouched

    // The cinema comes back: the flag clears; the vanished show stays marked until its showtime returns.
    fake.cinemas.push(fakeCinema(ids.b, `Kino B ${tag}`));
    const back = (await importer.importShowtimes({ filter })).sync!;
    expect(back.theaters.updated).toBe(1);
    expect((await stateOf([ids.b])).theaters[0].vanishedAt).toBeNull();
  });

  it('skips a film it cannot fetch without TMDB credentials, and never makes a show without a film', async () => {
    const { tag, ids, filter } = await programme();
    const absent = 2_000_000 + Math.floor(Math.random() * 90_000_000); // in no catalogue of this database
    fake.movies[2].tmdb_id = absent;
    const result = await importer.importShowtimes({ filter, tmdb: null });
    expect(result.films).toMatchObject({ fetched: 0, unavailable: [absent] });
    expect(result.skipped!.byReason).toEqual({ 'film-unavailable': 1 });
    expect((await stateOf([ids.a, ids.b])).shows.map((show) => show.sourceId)).not.toContain(`${tag}s3`);
  });

  it('reads every page, and starts a list again when its pages change while being read', async () => {
    const { ids, filter } = await programme();
    fake.pageSize = 1;
    fake.fault('showtimes', { kind: 'shifting', page: 1, times: 1 });
    const result = await importer.importShowtimes({ filter });
    expect(result.read!.showtimes).toBe(5); // the one added meanwhile too
    expect(fake.requests.filter((request) => request.list === 'showtimes' && request.page === 1)).toHaveLength(2);
    expect((await stateOf([ids.a, ids.b])).shows).toHaveLength(5);
  });

  it('waits out a 429 with Retry-After and retries a 5xx, then imports', async () => {
    const { ids, filter } = await programme();
    fake.fault('cinemas', { kind: 'rate-limit', retryAfterSeconds: 1 });
    fake.fault('showtimes', { kind: 'server-error', times: 2 });
    const started = performance.now();
    const result = await importer.importShowtimes({ filter });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.read!.cinemas).toBe(2);
    expect(fake.requests.filter((request) => request.status === 503)).toHaveLength(2);
    expect((await stateOf([ids.a, ids.b])).shows).toHaveLength(4);
  });

  const failures: [string, () => void, string, RegExp][] = [
    [
      '401 (bad key)',
      () => fake.fault('cinemas', { kind: 'unauthorized' }),
      'credentials',
      /rejected the credentials \(401\) for GET \/cinemas/,
    ],
    [
      '403 (country not in the plan)',
      () => fake.fault('showtimes', { kind: 'forbidden' }),
      'forbidden',
      /refused GET \/showtimes.*403.*plan/,
    ],
    [
      '5xx on every attempt',
      () => fake.fault('movies', { kind: 'server-error', times: 10 }),
      'status',
      /HTTP 503.*gave up after 3 attempts/,
    ],
    [
      'a timeout',
      () => fake.fault('showtimes', { kind: 'hang' }),
      'timeout',
      /did not answer GET \/showtimes.* within 400 ms/,
    ],
    [
      'malformed JSON',
      () => fake.fault('cinemas', { kind: 'malformed' }),
      'malformed',
      /malformed JSON for GET \/cinemas/,
    ],
    [
      'truncated JSON',
      () => fake.fault('movies', { kind: 'truncated' }),
      'truncated',
      /truncated JSON for GET \/movies/,
    ],
    [
      'pages that keep changing',
      () => ((fake.pageSize = 1), fake.fault('showtimes', { kind: 'shifting', page: 1 })),
      'unstable',
      /changed while they were read, 3 times/,
    ],
  ];

  it.each(failures)(
    'fails on %s, says why, and leaves theaters, screens and shows exactly as they were',
    async (_name, arm, failure, message) => {
      const { ids, filter } = await programme();
      await importer.importShowtimes({ filter });
      const before = await stateOf([ids.a, ids.b]);
      fake.showtimes[0].start_at = berlinStart(1, '19:00'); // a change the failed import must not apply
      fake.showtimes.pop();
      fake.cinemas.pop();
      arm();
      const error = await importer.importShowtimes({ filter }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(SourceRequestFailed);
      expect((error as SourceRequestFailed).failure).toBe(failure);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(FAKE_SHOWTIMES_API_KEY);
      expect(await stateOf([ids.a, ids.b])).toEqual(before);
    },
    20_000,
  );

  it('runs one import at a time: a second one asked meanwhile does nothing and says so', async () => {
    const { filter } = await programme();
    fake.delayMs = 150;
    const [one, two] = await Promise.all([importer.importShowtimes({ filter }), importer.importShowtimes({ filter })]);
    expect([one.ran, two.ran].sort()).toEqual([false, true]);
    expect((one.ran ? two : one).reason).toMatch(/another showtimes import was running/);
    expect(fake.count('cinemas')).toBe(1);
  });
});

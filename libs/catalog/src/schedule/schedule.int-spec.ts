import { randomUUID } from 'node:crypto';
import { ErrorCode, NotFound } from '@app/common';
import { DatabaseService } from '@app/database';
import { DRIVERS } from '../../../../test/support/env';
import { makeMovie, makeScreen, makeTheater } from '../../../../test/support/factories';
import { createTestApp, TestApp } from '../../../../test/support/test-app';
import { Movie } from '../entities/movie.entity';
import { Show } from '../entities/show.entity';
import { ShowSeat } from '@app/booking';
import { CLEANING_GAP_MIN, showDurationMs } from '../show/show-timing';
import { ShowService } from '../show/show.service';
import { localMinuteOfDay } from './local-time';
import { ScheduleService } from './schedule.service';

const MIN = 60_000;

/**
 * Each test plans only its own theater (`theaterId`), so it never touches the screens of other
 * test files sharing the database. The catalogue's movies are shared, so the test movies are made
 * far more popular than any other and the assertions are about them.
 */
describe.each(DRIVERS)('show scheduler (%s)', (driver) => {
  let app: TestApp;
  let schedule: ScheduleService;
  let db: DatabaseService;

  beforeAll(async () => {
    app = await createTestApp(driver);
    schedule = app.get(ScheduleService);
    db = app.get(DatabaseService);
  });
  afterAll(() => app?.close());

  const showsOn = (screenIds: number[]) =>
    db.manager
      .createQueryBuilder(Show, 'sh')
      .where('sh.screenId IN (:...screenIds)', { screenIds })
      .orderBy('sh.screenId')
      .addOrderBy('sh.startsAt')
      .getMany();

  const inventoryCount = (showId: number) =>
    db.manager.createQueryBuilder(ShowSeat, 'ss').where('ss.showId = :showId', { showId }).getCount();

  /** A theater with a big and a small screen and three very popular films (one of unknown length). */
  async function cinema() {
    const theater = await makeTheater(app);
    const big = await makeScreen(app, {
      theaterId: theater.id,
      layout: ['ss_ssssss_ss', 'pp_pppppp_pp', 'ww_ssssss_ss'],
    });
    const small = await makeScreen(app, { theaterId: theater.id, seats: 12 });
    const popularity = 1e9 + Math.random() * 1e6;
    const movies = [
      await makeMovie(app, { runtimeMin: 95, popularity: popularity + 3 }),
      await makeMovie(app, { runtimeMin: 150, popularity: popularity + 2 }),
      await makeMovie(app, { runtimeMin: null, popularity: popularity + 1 }),
    ];
    return { theater, screens: [big, small], screenIds: [big.id, small.id], movies };
  }

  function expectValidPlan(shows: Show[], movies: Map<number, Movie>, after: number) {
    for (let i = 0; i < shows.length; i++) {
      const show = shows[i];
      const movie = movies.get(show.movieId);
      if (movie) expect(show.endsAt.getTime() - show.startsAt.getTime()).toBe(showDurationMs(movie.runtimeMin));
      if (show.generated) {
        expect(show.startsAt.getTime()).toBeGreaterThanOrEqual(after);
        const minute = localMinuteOfDay(show.startsAt.getTime(), 'UTC');
        expect(minute).toBeGreaterThanOrEqual(10 * 60);
        expect(minute).toBeLessThanOrEqual(22 * 60 + 30);
        expect(show.startsAt.getTime() % (5 * MIN)).toBe(0);
      }
      const next = shows[i + 1];
      if (next && next.screenId === show.screenId) {
        expect(next.startsAt.getTime()).toBeGreaterThanOrEqual(show.endsAt.getTime() + CLEANING_GAP_MIN * MIN);
      }
    }
  }

  it('plans days of shows with no overlap, the cleaning gap, runtimes and full inventories', async () => {
    const { theater, screenIds, movies, screens } = await cinema();
    const before = Date.now();
    const result = await schedule.generate({ days: 2, theaterId: theater.id });
    expect(result).toMatchObject({ removed: 0, kept: 0, days: 2 });
    expect(result.created).toBeGreaterThanOrEqual(8);
    const shows = await showsOn(screenIds);
    expect(shows).toHaveLength(result.created);
    expectValidPlan(shows, new Map(movies.map((movie) => [movie.id, movie])), before);
    expect(shows.every((show) => show.generated)).toBe(true);
    for (const movie of movies) expect(shows.some((show) => show.movieId === movie.id)).toBe(true);
    const seatCount = new Map(screens.map((screen) => [screen.id, screen.seatCount]));
    for (const show of shows.slice(0, 4)) expect(await inventoryCount(show.id)).toBe(seatCount.get(show.screenId));
    const unknown = shows.find((show) => show.movieId === movies[2].id)!;
    expect(unknown.endsAt.getTime() - unknown.startsAt.getTime()).toBe(135 * MIN);
  });

  it('re-plans: keeps sold, held and admin-made shows, replaces the rest, and gives new films shows', async () => {
    const { theater, screenIds, movies } = await cinema();
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const admin = await app.get(ShowService).create({
      movieId: movies[0].id,
      screenId: screenIds[0],
      startsAt: new Date(`${tomorrow}T13:02:00Z`),
      priceCents: 500,
    });
    const first = await schedule.generate({ days: 2, theaterId: theater.id });
    expect(first.kept).toBe(1);
    const generated = (await showsOn(screenIds)).filter((show) => show.generated);
    expect(generated).toHaveLength(first.created);
    const [sold, held, lapsed] = generated.slice(-3);
    await markFirstSeat(sold.id, { state: 'booked', bookingId: 777 });
    await markFirstSeat(held.id, { state: 'held', holdId: randomUUID(), heldUntil: Date.now() + 600_000 });
    await markFirstSeat(lapsed.id, { state: 'held', holdId: randomUUID(), heldUntil: Date.now() - 1_000 });
    const newcomer = await makeMovie(app, { runtimeMin: 88, popularity: 5e9 });

    const second = await schedule.generate({ days: 2, theaterId: theater.id });
    expect(second.removed).toBe(first.created - 2);
    expect(second.kept).toBe(3);
    const shows = await showsOn(screenIds);
    const ids = new Set(shows.map((show) => show.id));
    expect([admin.id, sold.id, held.id].every((id) => ids.has(id))).toBe(true);
    expect(ids.has(lapsed.id)).toBe(false);
    expect(shows.filter((show) => show.movieId === newcomer.id).length).toBeGreaterThanOrEqual(1);
    expectValidPlan(shows, new Map([...movies, newcomer].map((movie) => [movie.id, movie])), 0);
    expect(shows).toHaveLength(second.created + 3);
  });

  it('leaves other theaters alone when planning one', async () => {
    const mine = await cinema();
    const other = await makeScreen(app, { seats: 4 });
    await schedule.generate({ days: 1, theaterId: mine.theater.id });
    expect(await showsOn([other.id])).toEqual([]);
  });

  it('plans nothing for a theater without screens, and refuses unknown theaters and bad days', async () => {
    const empty = await makeTheater(app);
    await expect(schedule.generate({ days: 3, theaterId: empty.id })).resolves.toEqual({
      created: 0,
      removed: 0,
      kept: 0,
      days: 3,
    });
    await expect(schedule.generate({ theaterId: 2_000_000_000 })).rejects.toBeInstanceOf(NotFound);
    await expect(schedule.generate({ days: 0, theaterId: empty.id })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
    await expect(schedule.generate({ days: 32, theaterId: empty.id })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
  });

  async function markFirstSeat(showId: number, values: Partial<ShowSeat>) {
    const row = await db.manager
      .createQueryBuilder(ShowSeat, 'ss')
      .where('ss.showId = :showId', { showId })
      .orderBy('ss.id')
      .getOneOrFail();
    await db.manager.createQueryBuilder().update(ShowSeat).set(values).where('id = :id', { id: row.id }).execute();
  }
});

describe('show scheduler defaults (sqlite)', () => {
  it('plans SCHEDULE_DAYS days for every screen when no options are given', async () => {
    const app = await createTestApp('sqlite', { SCHEDULE_DAYS: '3' });
    try {
      await makeScreen(app, { seats: 10 });
      await makeMovie(app);
      const result = await app.get(ScheduleService).generate();
      expect(result.days).toBe(3);
      expect(result.created).toBeGreaterThanOrEqual(10); // two full days at least
    } finally {
      await app.close();
    }
  });
});

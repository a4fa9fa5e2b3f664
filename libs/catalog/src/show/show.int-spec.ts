import { randomUUID } from 'node:crypto';
import { ErrorCode, NotFound } from '@app/common';
import { DatabaseService } from '@app/database';
import { Booking } from '@app/booking';
import { DRIVERS } from '../../../../test/support/env';
import { makeMovie, makeScreen, makeShow } from '../../../../test/support/factories';
import { createTestApp, TestApp } from '../../../../test/support/test-app';
import { MovieCatalogService } from '../movie/movie-catalog.service';
import { Show } from '../entities/show.entity';
import { ShowSeat } from '@app/booking';
import { ShowQueryService } from './show-query.service';
import { ShowService } from './show.service';

const MIN = 60_000;
/** A whole minute `days` days from now. */
const inDays = (days: number) => new Date(Math.ceil((Date.now() + days * 86_400_000) / MIN) * MIN);

describe.each(DRIVERS)('shows (%s)', (driver) => {
  let app: TestApp;
  let shows: ShowService;
  let db: DatabaseService;

  beforeAll(async () => {
    app = await createTestApp(driver);
    shows = app.get(ShowService);
    db = app.get(DatabaseService);
  });
  afterAll(() => app?.close());

  const inventory = (showId: number) =>
    db.manager
      .createQueryBuilder(ShowSeat, 'ss')
      .where('ss.showId = :showId', { showId })
      .orderBy('ss.seatId')
      .getMany();

  /** Sets seats of a show to a state, as libs/booking would. */
  const mark = async (showId: number, seatIds: number[], values: Partial<ShowSeat>) => {
    await db.manager
      .createQueryBuilder()
      .update(ShowSeat)
      .set(values)
      .where('show_id = :showId AND seat_id IN (:...seatIds)', { showId, seatIds })
      .execute();
  };

  it('creates a show lasting trailers + runtime with one available inventory row per seat', async () => {
    const movie = await makeMovie(app, { runtimeMin: 97 });
    const { show, seats } = await makeShow(app, { seats: 40, movie, priceCents: 1100, premiumPriceCents: 1700 });
    expect(show.endsAt.getTime() - show.startsAt.getTime()).toBe((97 + 15) * MIN);
    expect(show).toMatchObject({ movieId: movie.id, priceCents: 1100, premiumPriceCents: 1700, generated: false });
    const rows = await inventory(show.id);
    expect(rows).toHaveLength(40);
    expect(rows.map((row) => row.seatId)).toEqual(seats.map((seat) => seat.id).sort((a, b) => a - b));
    expect(
      rows.every(
        (row) => row.state === 'available' && row.holdId === null && row.bookingId === null && row.heldUntil === null,
      ),
    ).toBe(true);
  });

  it('assumes 120 minutes for an unknown runtime and premium at 1.5 × the price', async () => {
    const movie = await makeMovie(app, { runtimeMin: null });
    const screen = await makeScreen(app, { seats: 4 });
    const show = await shows.create({ movieId: movie.id, screenId: screen.id, startsAt: inDays(1), priceCents: 1001 });
    expect(show.endsAt.getTime() - show.startsAt.getTime()).toBe(135 * MIN);
    expect(show.premiumPriceCents).toBe(1502);
  });

  it('refuses a show within the 15-minute cleaning gap of another on the same screen', async () => {
    const movie = await makeMovie(app, { runtimeMin: 100 }); // 115-minute shows
    const { show, screenId } = await makeShow(app, { seats: 4, movie, startsAt: inDays(2) });
    const start = show.startsAt.getTime();
    const at = (offsetMin: number) =>
      shows.create({ movieId: movie.id, screenId, startsAt: new Date(start + offsetMin * MIN), priceCents: 900 });
    await expect(at(60)).rejects.toMatchObject({
      code: ErrorCode.ShowOverlap,
      details: { conflictingShowId: show.id },
    });
    await expect(at(115 + 14)).rejects.toMatchObject({ code: ErrorCode.ShowOverlap });
    await expect(at(-(115 + 14))).rejects.toMatchObject({ code: ErrorCode.ShowOverlap });
    await expect(at(115 + 15)).resolves.toMatchObject({ screenId });
    await expect(at(-(115 + 15))).resolves.toMatchObject({ screenId });
    // The same time on another screen is fine.
    const other = await makeScreen(app, { seats: 2 });
    await expect(
      shows.create({ movieId: movie.id, screenId: other.id, startsAt: show.startsAt, priceCents: 900 }),
    ).resolves.toBeDefined();
  });

  it('refuses bad starts and prices, unknown movies and screens, and writes nothing', async () => {
    const movie = await makeMovie(app);
    const screen = await makeScreen(app, { seats: 2 });
    const base = { movieId: movie.id, screenId: screen.id, startsAt: inDays(1), priceCents: 1000 };
    await expect(shows.create({ ...base, startsAt: new Date(Date.now() - 3_600_000) })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
    await expect(shows.create({ ...base, startsAt: new Date(inDays(1).getTime() + 30_000) })).rejects.toMatchObject({
      message: 'startsAt must be on a whole minute (no seconds)',
    });
    await expect(shows.create({ ...base, startsAt: new Date(NaN) })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
    await expect(shows.create({ ...base, startsAt: inDays(400) })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
    await expect(shows.create({ ...base, priceCents: -1 })).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    await expect(shows.create({ ...base, premiumPriceCents: 100_001 })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
    });
    await expect(shows.create({ ...base, movieId: 2_000_000_000 })).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      details: { resource: 'movie' },
    });
    await expect(shows.create({ ...base, screenId: 2_000_000_000 })).rejects.toMatchObject({
      code: ErrorCode.NotFound,
      details: { resource: 'screen' },
    });
    const count = await db.manager
      .createQueryBuilder(Show, 'sh')
      .where('sh.screenId = :id', { id: screen.id })
      .getCount();
    expect(count).toBe(0);
  });

  it('removes a show without bookings with its inventory', async () => {
    const { show } = await makeShow(app, { seats: 6 });
    await shows.remove(show.id);
    expect(await inventory(show.id)).toHaveLength(0);
    await expect(shows.remove(show.id)).rejects.toBeInstanceOf(NotFound);
  });

  it('removes a show whose seats are only held', async () => {
    const { show, seats } = await makeShow(app, { seats: 6 });
    await mark(show.id, [seats[0].id], { state: 'held', holdId: randomUUID(), heldUntil: Date.now() + 60_000 });
    await shows.remove(show.id);
    await expect(app.get(ShowQueryService).detail(show.id)).rejects.toBeInstanceOf(NotFound);
  });

  it('refuses to remove a show with a booked seat', async () => {
    const { show, seats } = await makeShow(app, { seats: 6 });
    await mark(show.id, [seats[2].id], { state: 'booked', bookingId: 999_999 });
    await expect(shows.remove(show.id)).rejects.toMatchObject({
      code: ErrorCode.ShowHasBookings,
      details: { showId: show.id },
    });
    expect(await inventory(show.id)).toHaveLength(6);
  });

  it('refuses to remove a show with a row in booking, even a cancelled one with no seat left', async () => {
    const { show } = await makeShow(app, { seats: 3 });
    await db.manager.insert(Booking, {
      code: randomUUID().slice(0, 12),
      showId: show.id,
      customerName: 'Ada',
      customerEmail: 'ada@example.com',
      seatCount: 1,
      totalCents: 1000,
      state: 'cancelled',
      lamportTs: 1,
      nodeId: 1,
    });
    await expect(shows.remove(show.id)).rejects.toMatchObject({ code: ErrorCode.ShowHasBookings });
  });

  it('counts available seats: free rows and lapsed holds, not live holds or bookings', async () => {
    const { show, seats, theaterId, movie } = await makeShow(app, { seats: 40 });
    const ids = seats.map((seat) => seat.id);
    await mark(show.id, ids.slice(0, 3), { state: 'booked', bookingId: 424_242 });
    await mark(show.id, ids.slice(3, 5), { state: 'held', holdId: randomUUID(), heldUntil: Date.now() + 300_000 });
    await mark(show.id, ids.slice(5, 6), { state: 'held', holdId: randomUUID(), heldUntil: Date.now() - 1_000 });
    const detail = await app.get(ShowQueryService).detail(show.id);
    expect(detail).toMatchObject({ id: show.id, available: 35, capacity: 40, price: 1000, premiumPrice: 1500 });
    expect(detail.movie).toMatchObject({ id: movie.id, title: movie.title });
    expect(detail.theater.id).toBe(theaterId);
    const [listed] = await app.get(ShowQueryService).list({ theaterId });
    expect(listed).toMatchObject({ id: show.id, capacity: 40, sold: 3, held: 2, available: 35, generated: false });
    const [fromMovie] = (await app.get(MovieCatalogService).get(movie.id)).shows;
    expect(fromMovie).toMatchObject({ id: show.id, available: 35, capacity: 40 });
  });

  it('lists admin shows by local day, movie and theater', async () => {
    const movie = await makeMovie(app);
    const first = await makeShow(app, { seats: 2, movie, startsAt: inDays(3) });
    const second = await makeShow(app, { seats: 2, movie, startsAt: inDays(4) });
    const query = app.get(ShowQueryService);
    const ids = (list: { id: number }[]) => list.map((show) => show.id);
    expect(ids(await query.list({ movieId: movie.id }))).toEqual([first.show.id, second.show.id]);
    const day = first.show.startsAt.toISOString().slice(0, 10); // CINEMA_TIME_ZONE is UTC in tests
    expect(ids(await query.list({ movieId: movie.id, date: day }))).toEqual([first.show.id]);
    expect(ids(await query.list({ theaterId: second.theaterId }))).toEqual([second.show.id]);
    expect(await query.list({ movieId: movie.id, date: '2001-01-01' })).toEqual([]);
  });
});

import { AlreadyExists, DomainError, ErrorCode, NotFound } from '@app/common';
import { DatabaseService } from '@app/database';
import { DRIVERS } from '../../../../test/support/env';
import { makeScreen, makeShow, makeTheater, uniqueTag, HAND_MADE_THEATER } from '../../../../test/support/factories';
import { createTestApp, TestApp } from '../../../../test/support/test-app';
import { Screen } from '../entities/screen.entity';
import { Seat } from '../entities/seat.entity';
import { ScreenService } from '../screen/screen.service';
import { TheaterService } from './theater.service';

describe.each(DRIVERS)('theaters and screens (%s)', (driver) => {
  let app: TestApp;
  let theaters: TheaterService;
  let screens: ScreenService;

  beforeAll(async () => {
    app = await createTestApp(driver);
    theaters = app.get(TheaterService);
    screens = app.get(ScreenService);
  });
  afterAll(() => app?.close());

  const seatsOf = (screenId: number) =>
    app
      .get(DatabaseService)
      .manager.createQueryBuilder(Seat, 'seat')
      .where('seat.screenId = :screenId', { screenId })
      .getMany();

  it('creates a theater with a trimmed name and lists it with its screens', async () => {
    const name = `Odeon ${uniqueTag()}`;
    const theater = await theaters.create({ name: `  ${name} `, city: 'Lyon' });
    expect(theater).toEqual({
      id: expect.any(Number),
      name,
      city: 'Lyon',
      // Made by an admin: none of the imported theaters' fields, default prices.
      ...HAND_MADE_THEATER,
      screens: [],
    });
    const screen = await makeScreen(app, { theaterId: theater.id, name: 'Big', seats: 12 });
    const listed = (await theaters.list()).find((entry) => entry.id === theater.id);
    expect(listed?.screens).toEqual([{ id: screen.id, name: 'Big', seatCount: 12, vanishedAt: null }]);
    expect(await theaters.get(theater.id)).toEqual(listed);
  });

  it('refuses a duplicate theater name with AlreadyExists', async () => {
    const theater = await makeTheater(app);
    await expect(theaters.create({ name: theater.name })).rejects.toBeInstanceOf(AlreadyExists);
  });

  it('removes an empty theater and refuses one with screens', async () => {
    const theater = await makeTheater(app);
    const screen = await makeScreen(app, { theaterId: theater.id });
    await expect(theaters.remove(theater.id)).rejects.toMatchObject({
      code: ErrorCode.TheaterHasScreens,
      details: { screens: 1 },
    });
    await screens.remove(screen.id);
    await theaters.remove(theater.id);
    await expect(theaters.get(theater.id)).rejects.toBeInstanceOf(NotFound);
    await expect(theaters.remove(theater.id)).rejects.toBeInstanceOf(NotFound);
  });

  it('creates a screen and its seats from a layout in one go', async () => {
    const theater = await makeTheater(app);
    const screen = await screens.create({
      theaterId: theater.id,
      name: ' Hall 1 ',
      layout: ['ww_ss', '_____', 'pp_pp'],
    });
    expect(screen).toMatchObject({
      name: 'Hall 1',
      theater: { id: theater.id, name: theater.name },
      seatCount: 8,
      seatKinds: { standard: 2, premium: 4, wheelchair: 2 },
      layout: ['ww_ss', '_____', 'pp_pp'],
    });
    expect(screen.preview).toContain('A  W W   o o  A');
    expect(screen.seats.map((seat) => `${seat.label}:${seat.rowIndex}:${seat.col}:${seat.kind}`)).toEqual([
      'A1:0:0:wheelchair',
      'A2:0:1:wheelchair',
      'A3:0:3:standard',
      'A4:0:4:standard',
      'B1:2:0:premium',
      'B2:2:1:premium',
      'B3:2:3:premium',
      'B4:2:4:premium',
    ]);
    expect(await seatsOf(screen.id)).toHaveLength(8);
    expect(await screens.get(screen.id)).toEqual(screen);
  });

  it('refuses a malformed layout with a clear message and writes nothing', async () => {
    const theater = await makeTheater(app);
    await expect(screens.create({ theaterId: theater.id, name: 'Bad', layout: ['sss', 'sxs'] })).rejects.toMatchObject({
      code: ErrorCode.ValidationFailed,
      message: 'layout row 2 has "x" at column 2; use s (standard), p (premium), w (wheelchair) or _ (gap)',
    });
    await expect(screens.create({ theaterId: theater.id, name: 'Empty', layout: ['___'] })).rejects.toBeInstanceOf(
      DomainError,
    );
    expect(await screens.list({ theaterId: theater.id })).toEqual([]);
  });

  it('refuses an unknown theater and a duplicate screen name in the same theater only', async () => {
    await expect(screens.create({ theaterId: 2_000_000_000, name: 'X', layout: ['s'] })).rejects.toBeInstanceOf(
      NotFound,
    );
    const first = await makeTheater(app);
    const second = await makeTheater(app);
    await screens.create({ theaterId: first.id, name: 'Screen 1', layout: ['ss'] });
    await expect(screens.create({ theaterId: first.id, name: 'Screen 1', layout: ['ss'] })).rejects.toBeInstanceOf(
      AlreadyExists,
    );
    await expect(screens.create({ theaterId: second.id, name: 'Screen 1', layout: ['ss'] })).resolves.toMatchObject({
      seatCount: 2,
    });
    const count = await app
      .get(DatabaseService)
      .manager.createQueryBuilder(Screen, 'screen')
      .where('screen.theaterId = :id', { id: first.id })
      .getCount();
    expect(count).toBe(1);
  });

  it('lists screens of one theater without seats', async () => {
    const theater = await makeTheater(app);
    await makeScreen(app, { theaterId: theater.id, name: 'B', seats: 5 });
    await makeScreen(app, { theaterId: theater.id, name: 'A', seats: 3 });
    const listed = await screens.list({ theaterId: theater.id });
    expect(listed.map((screen) => [screen.name, screen.seatCount])).toEqual([
      ['A', 3],
      ['B', 5],
    ]);
    expect(listed[0]).not.toHaveProperty('seats');
  });

  it('removes a screen without shows with its seats, and refuses one with a show', async () => {
    const { screenId } = await makeShow(app, { seats: 10 });
    await expect(screens.remove(screenId)).rejects.toMatchObject({ code: ErrorCode.ScreenHasShows });
    const empty = await makeScreen(app, { seats: 6 });
    await screens.remove(empty.id);
    expect(await seatsOf(empty.id)).toHaveLength(0);
    await expect(screens.get(empty.id)).rejects.toBeInstanceOf(NotFound);
    await expect(screens.remove(empty.id)).rejects.toBeInstanceOf(NotFound);
  });
});

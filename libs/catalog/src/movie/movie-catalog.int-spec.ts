import { NotFound } from '@app/common';
import { DatabaseService } from '@app/database';
import { DRIVERS } from '../../../../test/support/env';
import { makeMovie, makeScreen, makeShow, uniqueTag, HAND_MADE_PRESENTATION } from '../../../../test/support/factories';
import { createTestApp, TestApp } from '../../../../test/support/test-app';
import { Show } from '../entities/show.entity';
import { MovieCatalogService } from './movie-catalog.service';

const MIN = 60_000;
const inDays = (days: number) => new Date(Math.ceil((Date.now() + days * 86_400_000) / MIN) * MIN);

describe.each(DRIVERS)('public movie catalogue (%s)', (driver) => {
  let app: TestApp;
  let movies: MovieCatalogService;

  beforeAll(async () => {
    app = await createTestApp(driver);
    movies = app.get(MovieCatalogService);
  });
  afterAll(() => app?.close());

  it('lists films with future shows and their next show, with poster URLs and genres', async () => {
    const movie = await makeMovie(app, { posterPath: '/poster.jpg', genres: ['Drama', 'Comedy'], overview: 'A film.' });
    const later = await makeShow(app, { movie, startsAt: inDays(3), seats: 2 });
    const sooner = await makeShow(app, { movie, startsAt: inDays(2), seats: 2 });
    const idle = await makeMovie(app);
    const listed = await movies.list();
    expect(listed.find((entry) => entry.id === idle.id)).toBeUndefined();
    expect(listed.find((entry) => entry.id === movie.id)).toEqual({
      id: movie.id,
      tmdbId: movie.tmdbId,
      title: movie.title,
      originalTitle: movie.title,
      posterUrl: 'https://image.tmdb.org/t/p/w342/poster.jpg',
      runtimeMin: 100,
      genres: ['Drama', 'Comedy'],
      releaseDate: '2030-01-01',
      overview: 'A film.',
      nextShowAt: sooner.show.startsAt,
    });
    expect(later.show.startsAt.getTime()).toBeGreaterThan(sooner.show.startsAt.getTime());
  });

  it('leaves out films whose shows have all started', async () => {
    const movie = await makeMovie(app);
    const screen = await makeScreen(app, { seats: 2 });
    const startsAt = new Date(Date.now() - 30 * MIN);
    await app.get(DatabaseService).manager.insert(Show, {
      movieId: movie.id,
      screenId: screen.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 115 * MIN),
      priceCents: 1000,
      premiumPriceCents: 1500,
      generated: false,
    });
    expect((await movies.list()).some((entry) => entry.id === movie.id)).toBe(false);
    const detail = await movies.get(movie.id);
    expect(detail.shows).toEqual([]);
    expect(detail.nextShowAt).toBeNull();
  });

  it('searches titles case-insensitively, with % and _ taken literally', async () => {
    const tag = uniqueTag();
    const movie = await makeMovie(app, { title: `The Great ${tag} Escape` });
    await makeShow(app, { movie, seats: 2 });
    expect((await movies.list({ q: `great ${tag.toUpperCase()}` })).map((entry) => entry.id)).toEqual([movie.id]);
    expect(await movies.list({ q: `${tag}%` })).toEqual([]);
    expect((await movies.list({ q: '_' })).some((entry) => entry.id === movie.id)).toBe(false);
    expect((await movies.list({ q: '   ' })).some((entry) => entry.id === movie.id)).toBe(true);
  });

  it('keeps films with a show on the given local day', async () => {
    const movie = await makeMovie(app);
    const { show } = await makeShow(app, { movie, startsAt: inDays(5), seats: 2 });
    const day = show.startsAt.toISOString().slice(0, 10); // CINEMA_TIME_ZONE is UTC in tests
    const otherDay = inDays(9).toISOString().slice(0, 10);
    expect((await movies.list({ date: day })).find((entry) => entry.id === movie.id)?.nextShowAt).toEqual(
      show.startsAt,
    );
    expect((await movies.list({ date: otherDay })).some((entry) => entry.id === movie.id)).toBe(false);
  });

  it('lists every film for admins by title, with or without shows', async () => {
    const tag = uniqueTag();
    const idle = await makeMovie(app, { title: `Zz ${tag} idle`, runtimeMin: null });
    const playing = await makeMovie(app, { title: `Zz ${tag} playing` });
    await makeShow(app, { movie: playing, seats: 2 });
    const mine = (await movies.listAll()).filter((movie) => movie.title.includes(tag));
    expect(mine).toEqual([
      { id: idle.id, title: idle.title, runtimeMin: null, releaseDate: '2030-01-01' },
      { id: playing.id, title: playing.title, runtimeMin: 100, releaseDate: '2030-01-01' },
    ]);
  });

  it('gives a film with its future shows, theaters, screens, prices and seats', async () => {
    const movie = await makeMovie(app);
    const { show, screenId, theaterId } = await makeShow(app, {
      movie,
      seats: 30,
      priceCents: 1250,
      premiumPriceCents: 1900,
    });
    const detail = await movies.get(movie.id);
    expect(detail).toMatchObject({ id: movie.id, title: movie.title, nextShowAt: show.startsAt });
    expect(detail.shows).toEqual([
      {
        id: show.id,
        startsAt: show.startsAt,
        endsAt: show.endsAt,
        timeZone: 'UTC', // CINEMA_TIME_ZONE in the tests, for a theater made here
        localStartsAt: `${show.startsAt.toISOString().slice(0, 19)}+00:00`,
        theater: { id: theaterId, name: expect.any(String) },
        screen: { id: screenId, name: expect.any(String) },
        price: 1250,
        premiumPrice: 1900,
        available: 30,
        capacity: 30,
        // A show made here, not imported: no language, subtitles or attributes.
        presentation: HAND_MADE_PRESENTATION,
      },
    ]);
    await expect(movies.get(2_000_000_000)).rejects.toBeInstanceOf(NotFound);
  });
});

import request from 'supertest';
import { DatabaseService } from '@app/database';
import { ShowSeat } from '@app/booking';
import { useAdminApp } from './support/admin-requests';
import { DRIVERS } from './support/env';
import { makeMovie, uniqueTag, HAND_MADE_THEATER, HAND_MADE_PRESENTATION } from './support/factories';
import { TEST_ADMIN_TOKEN } from './support/test-app';

const MIN = 60_000;
const AUTH = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
/** A whole minute `days` days from now, as ISO-8601. */
const inDays = (days: number) => new Date(Math.ceil((Date.now() + days * 86_400_000) / MIN) * MIN).toISOString();

describe.each(DRIVERS)('catalogue over HTTP (%s)', (driver) => {
  const ctx = useAdminApp(driver);

  /** A theater with one screen (2 rows: 4 standard with an aisle, 4 premium) and a movie. */
  async function setUp() {
    const theater = await ctx.admin
      .post('/api/admin/theaters', { name: `Rex ${uniqueTag()}`, city: 'Paris' })
      .expect(201);
    const screen = await ctx.admin
      .post('/api/admin/screens', { theaterId: theater.body.id, name: 'Salle 1', layout: ['ss_ss', 'pppp'] })
      .expect(201);
    const movie = await makeMovie(ctx.testApp, { runtimeMin: 90, posterPath: '/p.jpg' });
    return { theater: theater.body, screen: screen.body, movie };
  }

  describe('admin authentication', () => {
    it('answers 401 without a token and 403 with a wrong one', async () => {
      for (const path of ['/api/admin/theaters', '/api/admin/screens', '/api/admin/shows']) {
        const missing = await request(ctx.http).get(path).expect(401);
        expect(missing.body).toMatchObject({ error: 'UNAUTHORIZED' });
        await request(ctx.http).get(path).set('Authorization', 'Bearer wrong-token-0123456789').expect(403);
      }
      await request(ctx.http).post('/api/admin/shows/generate').send({ days: 1 }).expect(401);
      await request(ctx.http).delete('/api/admin/theaters/1').set('Authorization', 'Basic abc').expect(401);
    });
  });

  describe('theaters', () => {
    it('creates, lists, refuses duplicates and removes', async () => {
      const name = `Gaumont ${uniqueTag()}`;
      const created = await ctx.admin.post('/api/admin/theaters', { name }).expect(201);
      // Made by an admin: none of an imported theater's fields, default prices.
      expect(created.body).toEqual({
        id: expect.any(Number),
        name,
        city: null,
        ...HAND_MADE_THEATER,
        screens: [],
      });
      const duplicate = await ctx.admin.post('/api/admin/theaters', { name }).expect(409);
      expect(duplicate.body).toMatchObject({ error: 'ALREADY_EXISTS', resource: 'theater', name });
      const listed = await ctx.admin.get('/api/admin/theaters').expect(200);
      expect(listed.body.some((theater: { id: number }) => theater.id === created.body.id)).toBe(true);
      await ctx.admin.get(`/api/admin/theaters/${created.body.id}`).expect(200);
      await ctx.admin.delete(`/api/admin/theaters/${created.body.id}`).expect(204);
      await ctx.admin.delete(`/api/admin/theaters/${created.body.id}`).expect(404);
    });

    it('refuses bad bodies with 400 naming the field', async () => {
      const unknown = await ctx.admin.post('/api/admin/theaters', { name: `X ${uniqueTag()}`, seats: 3 }).expect(400);
      expect(unknown.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: [{ field: 'seats' }] });
      const wrongType = await ctx.admin.post('/api/admin/theaters', { name: 42 }).expect(400);
      expect(wrongType.body.fields[0].field).toBe('name');
      await ctx.admin.post('/api/admin/theaters', { name: '   ' }).expect(400);
      await ctx.admin.post('/api/admin/theaters', { name: 'x'.repeat(121) }).expect(400);
      await ctx.admin.post('/api/admin/theaters', {}).expect(400);
      const malformed = await request(ctx.http)
        .post('/api/admin/theaters')
        .set(AUTH)
        .set('Content-Type', 'application/json')
        .send('{"name": "Broken"')
        .expect(400);
      expect(malformed.body.message).toMatch(/JSON/);
      await ctx.admin.get('/api/admin/theaters/abc').expect(400);
      await ctx.admin.delete('/api/admin/theaters/0').expect(400);
    });
  });

  describe('screens', () => {
    it('creates a screen with seats and a preview, lists it and refuses removal while it has shows', async () => {
      const { theater, screen, movie } = await setUp();
      expect(screen).toMatchObject({
        name: 'Salle 1',
        seatCount: 8,
        seatKinds: { standard: 4, premium: 4, wheelchair: 0 },
      });
      expect(screen.seats.map((seat: { label: string }) => seat.label)).toEqual([
        'A1',
        'A2',
        'A3',
        'A4',
        'B1',
        'B2',
        'B3',
        'B4',
      ]);
      expect(screen.preview).toContain('A  o o   o o  A');
      const listed = await ctx.admin.get(`/api/admin/screens?theaterId=${theater.id}`).expect(200);
      expect(listed.body.map((entry: { id: number }) => entry.id)).toEqual([screen.id]);
      const detail = await ctx.admin.get(`/api/admin/screens/${screen.id}`).expect(200);
      expect(detail.body.seats).toHaveLength(8);
      await ctx.admin
        .post('/api/admin/shows', { movieId: movie.id, screenId: screen.id, startsAt: inDays(1), priceCents: 900 })
        .expect(201);
      const refused = await ctx.admin.delete(`/api/admin/screens/${screen.id}`).expect(409);
      expect(refused.body).toMatchObject({ error: 'SCREEN_HAS_SHOWS', screenId: screen.id });
      const theaterRefused = await ctx.admin.delete(`/api/admin/theaters/${theater.id}`).expect(409);
      expect(theaterRefused.body).toMatchObject({ error: 'THEATER_HAS_SCREENS' });
    });

    it('refuses malformed layouts, unknown theaters and duplicate names', async () => {
      const { theater } = await setUp();
      const bad = await ctx.admin
        .post('/api/admin/screens', { theaterId: theater.id, name: 'Bad', layout: ['ss', 'sQs'] })
        .expect(400);
      expect(bad.body).toMatchObject({ error: 'VALIDATION_FAILED', fields: [{ field: 'layout' }] });
      expect(bad.body.message).toContain('row 2 has "Q" at column 2');
      await ctx.admin.post('/api/admin/screens', { theaterId: theater.id, name: 'Bad', layout: ['___'] }).expect(400);
      await ctx.admin.post('/api/admin/screens', { theaterId: theater.id, name: 'Bad', layout: [] }).expect(400);
      await ctx.admin.post('/api/admin/screens', { theaterId: theater.id, name: 'Bad', layout: 'ssss' }).expect(400);
      await ctx.admin.post('/api/admin/screens', { theaterId: theater.id, name: 'Bad', layout: [1, 2] }).expect(400);
      await ctx.admin
        .post('/api/admin/screens', { theaterId: theater.id, name: 'Bad', layout: Array(27).fill('s') })
        .expect(400);
      await ctx.admin
        .post('/api/admin/screens', { theaterId: theater.id, name: 'Bad', layout: ['s'.repeat(61)] })
        .expect(400);
      await ctx.admin.post('/api/admin/screens', { theaterId: '1', name: 'Bad', layout: ['s'] }).expect(400);
      await ctx.admin.post('/api/admin/screens', { theaterId: 2_000_000_000, name: 'Bad', layout: ['s'] }).expect(404);
      const duplicate = await ctx.admin
        .post('/api/admin/screens', { theaterId: theater.id, name: 'Salle 1', layout: ['s'] })
        .expect(409);
      expect(duplicate.body.error).toBe('ALREADY_EXISTS');
      await ctx.admin.get('/api/admin/screens?theaterId=abc').expect(400);
      await ctx.admin.get('/api/admin/screens?colour=red').expect(400);
      await ctx.admin.get('/api/admin/screens/2000000000').expect(404);
    });
  });

  describe('shows', () => {
    it('creates a show with its inventory, lists it with counts and refuses overlaps', async () => {
      const { theater, screen, movie } = await setUp();
      const startsAt = inDays(2);
      const created = await ctx.admin
        .post('/api/admin/shows', {
          movieId: movie.id,
          screenId: screen.id,
          startsAt,
          priceCents: 1200,
          premiumPriceCents: 1800,
        })
        .expect(201);
      expect(created.body).toMatchObject({
        movieId: movie.id,
        screenId: screen.id,
        startsAt,
        priceCents: 1200,
        generated: false,
      });
      expect(Date.parse(created.body.endsAt) - Date.parse(startsAt)).toBe((90 + 15) * MIN);
      const overlap = await ctx.admin
        .post('/api/admin/shows', {
          movieId: movie.id,
          screenId: screen.id,
          startsAt: new Date(Date.parse(startsAt) + 60 * MIN).toISOString(),
          priceCents: 1200,
        })
        .expect(409);
      expect(overlap.body).toMatchObject({ error: 'SHOW_OVERLAP', conflictingShowId: created.body.id });
      const listed = await ctx.admin.get(`/api/admin/shows?theaterId=${theater.id}`).expect(200);
      expect(listed.body).toEqual([
        expect.objectContaining({
          id: created.body.id,
          capacity: 8,
          sold: 0,
          held: 0,
          available: 8,
          priceCents: 1200,
          premiumPriceCents: 1800,
        }),
      ]);
      const day = startsAt.slice(0, 10);
      const byDay = await ctx.admin.get(`/api/admin/shows?date=${day}&movieId=${movie.id}`).expect(200);
      expect(byDay.body.map((show: { id: number }) => show.id)).toEqual([created.body.id]);
    });

    it('refuses bad show input with 4xx and never 500', async () => {
      const { screen, movie } = await setUp();
      const base = { movieId: movie.id, screenId: screen.id, startsAt: inDays(3), priceCents: 1000 };
      const cases: [object, number][] = [
        [{ ...base, priceCents: -1 }, 400],
        [{ ...base, priceCents: 100_001 }, 400],
        [{ ...base, priceCents: 10.5 }, 400],
        [{ ...base, priceCents: '1000' }, 400],
        [{ ...base, premiumPriceCents: -5 }, 400],
        [{ ...base, startsAt: '2030-02-30T10:00:00Z' }, 400],
        [{ ...base, startsAt: '2030-06-03T10:00:00' }, 400],
        [{ ...base, startsAt: 'tomorrow' }, 400],
        [{ ...base, startsAt: 1_900_000_000_000 }, 400],
        [{ ...base, startsAt: '2001-06-03T10:00:00Z' }, 400],
        [{ ...base, startsAt: inDays(3).replace(':00.000Z', ':30.000Z') }, 400],
        [{ ...base, movieId: 0 }, 400],
        [{ ...base, movieId: 2_000_000_000 }, 404],
        [{ ...base, screenId: 2_000_000_000 }, 404],
        [{ ...base, hall: 1 }, 400],
        [{ movieId: movie.id }, 400],
      ];
      for (const [body, status] of cases) {
        const response = await ctx.admin.post('/api/admin/shows', body);
        expect({ body, status: response.status }).toEqual({ body, status });
        expect(response.body.error).toEqual(expect.any(String));
      }
      await ctx.admin.get('/api/admin/shows?date=2030-02-30').expect(400);
      await ctx.admin.get('/api/admin/shows?date=tomorrow').expect(400);
      await ctx.admin.get('/api/admin/shows?movieId=-3').expect(400);
      await ctx.admin.get('/api/admin/shows?sort=asc').expect(400);
    });

    it('removes a show without bookings and refuses one with a booked seat', async () => {
      const { screen, movie } = await setUp();
      const free = await ctx.admin
        .post('/api/admin/shows', { movieId: movie.id, screenId: screen.id, startsAt: inDays(1), priceCents: 1000 })
        .expect(201);
      const sold = await ctx.admin
        .post('/api/admin/shows', { movieId: movie.id, screenId: screen.id, startsAt: inDays(2), priceCents: 1000 })
        .expect(201);
      await ctx.testApp
        .get(DatabaseService)
        .manager.createQueryBuilder()
        .update(ShowSeat)
        .set({ state: 'booked', bookingId: 31337 })
        .where('show_id = :id', { id: sold.body.id })
        .execute();
      await ctx.admin.delete(`/api/admin/shows/${free.body.id}`).expect(204);
      await ctx.admin.delete(`/api/admin/shows/${free.body.id}`).expect(404);
      const refused = await ctx.admin.delete(`/api/admin/shows/${sold.body.id}`).expect(409);
      expect(refused.body).toMatchObject({ error: 'SHOW_HAS_BOOKINGS', showId: sold.body.id });
    });

    it('generates shows for a theater and validates the request', async () => {
      const { theater, screen } = await setUp();
      const generated = await ctx.admin
        .post('/api/admin/shows/generate', { days: 2, theaterId: theater.id })
        .expect(201);
      expect(generated.body).toEqual({ created: expect.any(Number), removed: 0, kept: 0, days: 2 });
      expect(generated.body.created).toBeGreaterThan(0);
      const again = await ctx.admin.post('/api/admin/shows/generate', { days: 2, theaterId: theater.id }).expect(201);
      expect(again.body.removed).toBe(generated.body.created);
      const listed = await ctx.admin.get(`/api/admin/shows?theaterId=${theater.id}`).expect(200);
      expect(listed.body).toHaveLength(again.body.created);
      expect(
        listed.body.every(
          (show: { generated: boolean; screen: { id: number } }) => show.generated && show.screen.id === screen.id,
        ),
      ).toBe(true);
      await ctx.admin.post('/api/admin/shows/generate', { days: 0 }).expect(400);
      await ctx.admin.post('/api/admin/shows/generate', { days: 32 }).expect(400);
      await ctx.admin.post('/api/admin/shows/generate', { days: '7' }).expect(400);
      await ctx.admin.post('/api/admin/shows/generate', { weeks: 1 }).expect(400);
      await ctx.admin.post('/api/admin/shows/generate', { theaterId: 2_000_000_000 }).expect(404);
    });

    if (driver === 'sqlite') {
      // Without a theater the whole database is re-planned: only on this test's own SQLite file.
      it('generates SCHEDULE_DAYS days for every screen without a body', async () => {
        await setUp();
        const response = await request(ctx.http).post('/api/admin/shows/generate').set(AUTH).expect(201);
        expect(response.body).toMatchObject({ days: 7 });
      });
    }
  });

  describe('public endpoints', () => {
    it('lists films playing, a film with its shows, a show and the theaters, without a token', async () => {
      const { theater, screen, movie } = await setUp();
      const startsAt = inDays(4);
      const show = await ctx.admin
        .post('/api/admin/shows', { movieId: movie.id, screenId: screen.id, startsAt, priceCents: 1100 })
        .expect(201);

      const list = await request(ctx.http).get('/api/movies').expect(200);
      expect(list.body.find((entry: { id: number }) => entry.id === movie.id)).toEqual({
        id: movie.id,
        tmdbId: movie.tmdbId,
        title: movie.title,
        originalTitle: movie.originalTitle,
        posterUrl: 'https://image.tmdb.org/t/p/w342/p.jpg',
        runtimeMin: 90,
        genres: ['Drama'],
        releaseDate: '2030-01-01',
        overview: null,
        nextShowAt: startsAt,
      });
      const search = await request(ctx.http)
        .get(`/api/movies?q=${encodeURIComponent(movie.title.toUpperCase())}&date=${startsAt.slice(0, 10)}`)
        .expect(200);
      expect(search.body.map((entry: { id: number }) => entry.id)).toEqual([movie.id]);

      const detail = await request(ctx.http).get(`/api/movies/${movie.id}`).expect(200);
      expect(detail.body.shows).toEqual([
        {
          id: show.body.id,
          startsAt,
          endsAt: show.body.endsAt,
          // A theater made here is on CINEMA_TIME_ZONE's clock (UTC in the tests).
          timeZone: 'UTC',
          localStartsAt: `${startsAt.slice(0, 19)}+00:00`,
          theater: { id: theater.id, name: theater.name },
          screen: { id: screen.id, name: 'Salle 1' },
          price: 1100,
          premiumPrice: 1650,
          available: 8,
          capacity: 8,
          presentation: HAND_MADE_PRESENTATION,
        },
      ]);

      const one = await request(ctx.http).get(`/api/shows/${show.body.id}`).expect(200);
      expect(one.body).toMatchObject({
        id: show.body.id,
        movie: { id: movie.id, title: movie.title, posterUrl: 'https://image.tmdb.org/t/p/w342/p.jpg', runtimeMin: 90 },
        theater: { id: theater.id, name: theater.name, city: 'Paris', timeZone: 'UTC' },
        timeZone: 'UTC',
        screen: { id: screen.id, name: 'Salle 1' },
        price: 1100,
        premiumPrice: 1650,
        available: 8,
        capacity: 8,
      });

      const theaters = await request(ctx.http).get('/api/theaters').expect(200);
      expect(theaters.body.find((entry: { id: number }) => entry.id === theater.id)).toEqual({
        id: theater.id,
        name: theater.name,
        city: 'Paris',
        ...HAND_MADE_THEATER,
        screens: [{ id: screen.id, name: 'Salle 1', seatCount: 8, vanishedAt: null }],
      });
    });

    it('refuses bad public input with 4xx', async () => {
      await request(ctx.http).get('/api/movies?date=2030-13-01').expect(400);
      await request(ctx.http).get('/api/movies?date=03/06/2030').expect(400);
      await request(ctx.http)
        .get(`/api/movies?q=${'x'.repeat(101)}`)
        .expect(400);
      await request(ctx.http).get('/api/movies?q=a&q=b').expect(400);
      await request(ctx.http).get('/api/movies?page=2').expect(400);
      await request(ctx.http).get('/api/movies/abc').expect(400);
      await request(ctx.http).get('/api/movies/99999999999').expect(400);
      const missing = await request(ctx.http).get('/api/movies/2000000000').expect(404);
      expect(missing.body).toMatchObject({ error: 'NOT_FOUND', resource: 'movie' });
      await request(ctx.http).get('/api/shows/2000000000').expect(404);
      await request(ctx.http).get('/api/shows/1.5').expect(400);
      expect((await request(ctx.http).get('/api/movies?date=2001-01-01').expect(200)).body).toEqual([]);
    });

    it('documents the catalogue endpoints in OpenAPI', async () => {
      const doc = await request(ctx.http).get('/api/docs-json').expect(200);
      for (const path of [
        '/api/movies',
        '/api/movies/{id}',
        '/api/shows/{id}',
        '/api/theaters',
        '/api/admin/theaters',
        '/api/admin/screens/{id}',
        '/api/admin/shows/generate',
      ]) {
        expect(Object.keys(doc.body.paths)).toContain(path);
      }
    });
  });
});

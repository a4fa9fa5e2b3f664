import request from 'supertest';
import { DatabaseService } from '@app/database';
import { Show } from '@app/catalog';
import { startApi, ListeningApp } from './cli/support/api-server';
import { runCli, writeServersFile } from './cli/support/run-cli';
import { DRIVERS } from './support/env';
import { makeMovie, uniqueTag } from './support/factories';
import {
  berlinStart,
  FAKE_SHOWTIMES_API_KEY,
  fakeCinema,
  fakeMovie,
  FakeShowtimesServer,
  fakeShowtime,
  newYorkStart,
} from './support/fake-showtimes-server';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

/** A cinema id in the API's decimal form, unique enough for the shared database. */
const decimalId = () => String(1_000_000_000 + Math.floor(Math.random() * 8_999_999_999));

const admin = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

interface JobBody {
  state: string;
  progress: { done: number; total: number };
  result?: Record<string, any>;
  error?: string;
}

/** Polls `GET /api/admin/jobs/:id` until the job ends; every progress seen on the way. */
async function finished(app: TestApp, jobId: string): Promise<{ job: JobBody; seen: JobBody[] }> {
  const seen: JobBody[] = [];
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = (await request(app.app.getHttpServer()).get(`/api/admin/jobs/${jobId}`).set(admin).expect(200))
      .body as JobBody;
    seen.push(job);
    if (job.state === 'completed' || job.state === 'failed') return { job, seen };
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.state}: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One cinema of the fake with three showtimes of a catalogue film (one 3D OV with subtitles). */
async function programme(app: TestApp, fake: FakeShowtimesServer, cinemaId: string) {
  const tag = uniqueTag();
  const film = await makeMovie(app, { runtimeMin: 95 });
  fake.cinemas = [fakeCinema(cinemaId, `Kino ${tag}`)];
  fake.movies = [fakeMovie(`${tag}m`, film.tmdbId, film.title)];
  fake.showtimes = [
    fakeShowtime(`${tag}1`, cinemaId, `${tag}m`, berlinStart(1, '18:00')),
    fakeShowtime(`${tag}2`, cinemaId, `${tag}m`, berlinStart(1, '21:00'), {
      language: 'en',
      subtitle_language: 'de',
      is_3d: true,
      attributes: ['OV'],
    }),
    fakeShowtime(`${tag}3`, cinemaId, `${tag}m`, berlinStart(2, '20:00'), { auditorium: 'Saal 2' }),
  ];
  return { tag, film };
}

/**
 * A cinema in New York beside Berlin's, with a film at 21:30 New York time two days from now:
 * after midnight UTC, so on the next UTC day (the tests' CINEMA_TIME_ZONE) but not on New York's.
 */
async function newYorkProgramme(app: TestApp, fake: FakeShowtimesServer, cinemaId: string) {
  const tag = uniqueTag();
  const film = await makeMovie(app, { runtimeMin: 100 });
  const startAt = newYorkStart(2, '21:30');
  fake.cinemas = [...fake.cinemas, fakeCinema(cinemaId, `Cinema ${tag}`, 'New York', [40.7306, -73.9866])];
  fake.movies = [...fake.movies, fakeMovie(`${tag}n`, film.tmdbId, film.title)];
  fake.showtimes = [...fake.showtimes, fakeShowtime(`${tag}n1`, cinemaId, `${tag}n`, startAt, { language: 'en' })];
  return { film, startAt, localDay: startAt.slice(0, 10), utcDay: new Date(startAt).toISOString().slice(0, 10) };
}

const env = (fake: FakeShowtimesServer, cinemaId: string) => ({
  SHOWTIMES_BASE_URL: fake.url,
  SHOWTIMES_API_KEY: FAKE_SHOWTIMES_API_KEY,
  SHOWTIMES_CINEMA_IDS: cinemaId,
  SHOWTIMES_TIMEOUT_MS: '500',
  SHOWTIMES_MAX_RETRIES: '1',
  SHOWTIMES_REFRESH_HOURS: '0',
});

describe.each(DRIVERS)('showtimes import over HTTP on %s', (driver) => {
  let fake: FakeShowtimesServer;
  let app: TestApp;
  let cinemaId: string;
  let film: { id: number; title: string };
  let tag: string;
  const http = () => request(app.app.getHttpServer());

  beforeAll(async () => {
    fake = await FakeShowtimesServer.start();
    cinemaId = decimalId();
    app = await createTestApp(driver, env(fake, cinemaId));
    ({ film, tag } = await programme(app, fake, cinemaId));
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => fake.reset());

  it('refuses bad requests: no token 401, unknown fields and null 400', async () => {
    await http().post('/api/admin/showtimes/import').send({}).expect(401);
    const unknown = await http().post('/api/admin/showtimes/import').set(admin).send({ pages: 2 }).expect(400);
    expect(unknown.body.error).toBe('VALIDATION_FAILED');
    await http().post('/api/admin/showtimes/import').set(admin).send({ origin: null }).expect(400);
    expect(fake.count()).toBe(0);
  });

  it('imports through POST /api/admin/showtimes/import and a polled job with progress; the pages show the attributes', async () => {
    const started = await http().post('/api/admin/showtimes/import').set(admin).send({}).expect(202);
    const { job, seen } = await finished(app, started.body.jobId);
    expect(job.state).toBe('completed');
    expect(job.progress.done).toBe(job.progress.total);
    expect(job.progress.total).toBeGreaterThanOrEqual(4); // three lists and the write
    for (const [before, after] of seen.slice(1).map((item, index) => [seen[index], item]))
      expect(after.progress.done).toBeGreaterThanOrEqual(before.progress.done);
    expect(job.result).toMatchObject({ ran: true, sync: { theaters: { created: 1 }, shows: { created: 3 } } });

    const movie = (await http().get(`/api/movies/${film.id}`).expect(200)).body;
    expect(movie.shows).toHaveLength(3);
    const threeD = movie.shows.find((show: any) => show.presentation.attributes.includes('3D'));
    expect(threeD).toMatchObject({
      theater: { name: `Kino ${tag}` },
      screen: { name: 'Saal 1' },
      price: 1200,
      presentation: { language: 'en', subtitleLanguage: 'de', attributes: ['3D', 'OV'], imported: true },
    });
    const show = (await http().get(`/api/shows/${threeD.id}`).expect(200)).body;
    expect(show.presentation.attributes).toEqual(['3D', 'OV']);
    expect(show.bookingLink).toMatch(/^https:\/\/cinema\.example\//);
    const theaters = (await http().get('/api/admin/theaters').set(admin).expect(200)).body;
    expect(theaters.find((theater: any) => theater.sourceId === cinemaId)).toMatchObject({
      city: 'Berlin',
      timeZone: 'Europe/Berlin',
      screens: [{ name: 'Saal 1' }, { name: 'Saal 2' }],
    });
  });

  it('prices: the admin sets the theater’s, applied to its unsold imported shows and kept by the next import', async () => {
    const theater = (await http().get('/api/admin/theaters').set(admin).expect(200)).body.find(
      (item: any) => item.sourceId === cinemaId,
    );
    await http().put(`/api/admin/theaters/${theater.id}/prices`).set(admin).send({ priceCents: 950 }).expect(400);
    await http()
      .put(`/api/admin/theaters/${theater.id}/prices`)
      .set(admin)
      .send({ priceCents: 950, premiumPriceCents: 1400 })
      .expect(200);
    const started = await http().post('/api/admin/showtimes/import').set(admin).send({}).expect(202);
    expect((await finished(app, started.body.jobId)).job.state).toBe('completed');
    const shows = await app
      .get(DatabaseService)
      .manager.getRepository(Show)
      .find({ where: { movieId: film.id } });
    expect(shows.map((show) => [show.priceCents, show.premiumPriceCents])).toEqual([
      [950, 1400],
      [950, 1400],
      [950, 1400],
    ]);
  });

  it('a failed import fails its job with the reason and changes nothing', async () => {
    const before = await app
      .get(DatabaseService)
      .manager.getRepository(Show)
      .find({ where: { movieId: film.id } });
    fake.fault('showtimes', { kind: 'forbidden' });
    fake.showtimes.pop();
    const started = await http().post('/api/admin/showtimes/import').set(admin).send({}).expect(202);
    const { job } = await finished(app, started.body.jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/the showtimes API refused GET \/showtimes.*403/);
    const after = await app
      .get(DatabaseService)
      .manager.getRepository(Show)
      .find({ where: { movieId: film.id } });
    expect(after).toEqual(before);
  });
});

describe('two nodes asked to import at once (MariaDB, no Redis: each node runs its own job)', () => {
  let fake: FakeShowtimesServer;
  let nodes: TestApp[] = [];

  beforeAll(async () => {
    fake = await FakeShowtimesServer.start();
    const cinemaId = decimalId();
    nodes = [
      await createTestApp('mysql', { ...env(fake, cinemaId), NODE_ID: '1' }),
      await createTestApp('mysql', { ...env(fake, cinemaId), NODE_ID: '2' }),
    ];
    await programme(nodes[0], fake, cinemaId);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await fake?.close();
  });

  it('runs one import; the other node’s job says another was running', async () => {
    fake.delayMs = 200; // keeps the first run inside the lock while the second asks
    const jobs = await Promise.all(
      nodes.map(async (node) => {
        const started = await request(node.app.getHttpServer())
          .post('/api/admin/showtimes/import')
          .set(admin)
          .send({})
          .expect(202);
        return (await finished(node, started.body.jobId)).job;
      }),
    );
    expect(jobs.map((job) => job.state)).toEqual(['completed', 'completed']);
    const ran = jobs.map((job) => job.result!.ran).sort();
    expect(ran).toEqual([false, true]);
    expect(jobs.find((job) => !job.result!.ran)!.result!.reason).toMatch(/another showtimes import was running/);
    expect(fake.count('cinemas')).toBe(1);
    expect(fake.count('showtimes')).toBe(1);
  });
});

describe.each(DRIVERS)("times on each theater's own clock (%s)", (driver) => {
  let fake: FakeShowtimesServer;
  let api: ListeningApp;
  let servers: string;
  let berlinFilm: { id: number };
  let ny: Awaited<ReturnType<typeof newYorkProgramme>>;
  const http = () => request(api.app.getHttpServer());
  jest.setTimeout(60_000);

  beforeAll(async () => {
    fake = await FakeShowtimesServer.start();
    const berlinId = decimalId();
    const newYorkId = decimalId();
    api = await startApi(driver, { ...env(fake, berlinId), SHOWTIMES_CINEMA_IDS: `${berlinId},${newYorkId}` });
    berlinFilm = (await programme(api, fake, berlinId)).film;
    ny = await newYorkProgramme(api, fake, newYorkId);
    servers = writeServersFile([{ id: 1, port: api.port }]);
    const started = await http().post('/api/admin/showtimes/import').set(admin).send({}).expect(202);
    expect((await finished(api, started.body.jobId)).job.state).toBe('completed');
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

  it('the API gives the zone from the location and the start on that clock', async () => {
    const movie = (await http().get(`/api/movies/${ny.film.id}`).expect(200)).body;
    expect(movie.shows).toHaveLength(1);
    expect(movie.shows[0]).toMatchObject({
      timeZone: 'America/New_York',
      localStartsAt: `${ny.localDay}T21:30:00${ny.startAt.slice(-6)}`,
      startsAt: new Date(ny.startAt).toISOString(),
    });
    const show = (await http().get(`/api/shows/${movie.shows[0].id}`).expect(200)).body;
    expect(show).toMatchObject({ timeZone: 'America/New_York', theater: { timeZone: 'America/New_York' } });
    // Berlin's shows stay on Berlin's clock; the tests' CINEMA_TIME_ZONE is UTC.
    const berlin = (await http().get(`/api/movies/${berlinFilm.id}`).expect(200)).body;
    expect(berlin.shows.map((item: any) => item.timeZone)).toEqual(Array(3).fill('Europe/Berlin'));
    expect(berlin.shows[0].localStartsAt).toMatch(/T18:00:00\+0[12]:00$/);
  });

  it("day filters take each show's local day, not UTC's", async () => {
    expect(ny.utcDay).not.toBe(ny.localDay);
    const showId = (await http().get(`/api/movies/${ny.film.id}`).expect(200)).body.shows[0].id;
    const onDay = async (day: string) =>
      ((await http().get('/api/admin/shows').query({ date: day }).set(admin).expect(200)).body as any[]).some(
        (item) => item.id === showId,
      );
    expect(await onDay(ny.localDay)).toBe(true);
    expect(await onDay(ny.utcDay)).toBe(false);
    const films = async (day: string) =>
      ((await http().get('/api/movies').query({ date: day }).expect(200)).body as any[]).map((item) => item.id);
    expect(await films(ny.localDay)).toContain(ny.film.id);
    expect(await films(ny.utcDay)).not.toContain(ny.film.id);
  });

  it("marquee shows prints the start on the theater's clock with its zone", async () => {
    const run = await runCli(['--servers', servers, 'shows', '--date', ny.localDay], { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const offset = ny.startAt.slice(-6).replace('+', '\\+');
    expect(run.stdout).toMatch(
      new RegExp(`^\\d+ +${ny.localDay} 21:30 ${offset} +America/New_York +${ny.film.title}`, 'm'),
    );
  });
});

describe('marquee import-showtimes', () => {
  let fake: FakeShowtimesServer;
  let api: ListeningApp;
  let servers: string;
  jest.setTimeout(60_000);

  beforeAll(async () => {
    fake = await FakeShowtimesServer.start();
    const cinemaId = decimalId();
    api = await startApi('mysql', env(fake, cinemaId));
    await programme(api, fake, cinemaId);
    servers = writeServersFile([{ id: 1, port: api.port }]);
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

  it('starts the import, follows it and prints what it did', async () => {
    const run = await runCli(['--servers', servers, 'import-showtimes'], { ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Showtimes import finished: 1 cinemas \(1 new, 0 gone\), 3 showtimes: 3 shows new, 0 updated, 0 removed, 0 cancelled upstream with bookings; 0 skipped, 0 overlaps\.\n$/,
    );
    expect(run.stderr).toMatch(/Import started: job /);
  });
});

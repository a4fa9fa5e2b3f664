import { DatabaseService } from '@app/database';
import { Show } from '@app/catalog';
import { FAKE_TMDB_API_KEY, FakeTmdbServer } from '../support/fake-tmdb-server';
import { makeMovie, makeScreen, makeShow } from '../support/factories';
import { TEST_ADMIN_TOKEN } from '../support/test-app';
import { startApi, ListeningApp } from './support/api-server';
import { runCli, writeServersFile } from './support/run-cli';

// Each step runs the CLI as a process (~1 s through ts-node).
jest.setTimeout(60_000);

/** The admin commands (`shows`, `add-show`, `remove-show`, `import`) against a listening API. */
describe('marquee admin commands', () => {
  let fake: FakeTmdbServer;
  let api: ListeningApp;
  let servers: string;
  const admin = (...args: string[]) => runCli(['--servers', servers, ...args], { ADMIN_TOKEN: TEST_ADMIN_TOKEN });

  beforeAll(async () => {
    fake = await FakeTmdbServer.start({ idOffset: 900_000_000 });
    api = await startApi('mysql', {
      TMDB_BASE_URL: fake.url,
      TMDB_API_KEY: FAKE_TMDB_API_KEY,
      TMDB_TIMEOUT_MS: '500',
      TMDB_MAX_RETRIES: '1',
    });
    servers = writeServersFile([{ id: 1, port: api.port }]);
  });
  afterAll(async () => {
    await api?.close();
    await fake?.close();
  });

  it('lists shows with seats left', async () => {
    const { show, movie } = await makeShow(api, { seats: 12 });
    await runCli(['--servers', servers, '--show', String(show.id), 'reserve', 'Ada', '2']);
    const day = show.startsAt.toISOString().slice(0, 10);

    const run = await admin('shows', '--date', day);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID +STARTS \(THEATER TIME\) +ZONE +MOVIE +THEATER \/ SCREEN +SEATS LEFT$/);
    const row = rows.find((line) => line.startsWith(`${show.id} `));
    // A theater made here is on CINEMA_TIME_ZONE's clock (UTC in the tests).
    expect(row).toMatch(
      new RegExp(
        `^${show.id} +${show.startsAt.toISOString().slice(0, 16).replace('T', ' ')} \\+00:00 +UTC +${movie.title} +Theater \\w+ / Screen \\w+ +10/12$`,
      ),
    );
  });

  it('adds a show and removes it; a show with bookings stays, with a clear message', async () => {
    const screen = await makeScreen(api, { seats: 20 });
    const movie = await makeMovie(api);
    const startsAt = new Date(Math.ceil((Date.now() + 3 * 86_400_000) / 60_000) * 60_000).toISOString();

    const addShow = () =>
      admin(
        'add-show',
        '--movie',
        String(movie.id),
        '--screen',
        String(screen.id),
        '--starts',
        startsAt,
        '--price',
        '1200',
      );

    const added = await addShow();
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const [, id] = /^Added show (\d+): /.exec(added.stdout)!;
    expect(added.stdout).toMatch(
      new RegExp(
        `^Added show ${id}: movie ${movie.id} on screen ${screen.id}, ${startsAt} to \\S+Z, 1200 cents \\(premium 1800\\)\\.\\n$`,
      ),
    );
    const shows = api.get(DatabaseService).manager.getRepository(Show);
    expect(await shows.findOneBy({ id: Number(id) })).toMatchObject({
      movieId: movie.id,
      screenId: screen.id,
      priceCents: 1200,
    });

    const overlap = await addShow();
    expect(overlap).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(new RegExp(`^Failed: screen ${screen.id} already has show ${id} from `)),
    });

    expect(await admin('remove-show', id)).toMatchObject({ code: 0, stdout: `Removed show ${id}.\n`, stderr: '' });
    expect(await shows.findOneBy({ id: Number(id) })).toBeNull();
    expect(await admin('remove-show', id)).toMatchObject({ code: 1, stdout: `Failed: show ${id} was not found.\n` });

    const { show: sold } = await makeShow(api, { seats: 12 });
    await runCli(['--servers', servers, '--show', String(sold.id), 'reserve', 'Bob', '1']);
    expect(await admin('remove-show', String(sold.id))).toMatchObject({
      code: 1,
      stdout: `Failed: show ${sold.id} has bookings and cannot be removed.\n`,
    });
    expect(await shows.findOneBy({ id: sold.id })).not.toBeNull();
  });

  it('imports the catalogue and follows the job until it is done', async () => {
    const run = await admin('import', '--pages', '2');
    expect(run).toMatchObject({ code: 0, stdout: 'Import finished: 37 films (37 new, 0 updated, 0 skipped).\n' });
    expect(run.stderr).toMatch(/^Import started: job [0-9a-f-]{36}\.\n/);
    expect(fake.count('/movie/now_playing?page=2')).toBe(1);

    fake.fault('/movie/now_playing?page=1', { kind: 'unauthorized' });
    const failed = await admin('import', '--pages', '1');
    expect(failed).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/^Failed: the import failed: TMDB rejected the credentials \(401\)/),
    });
  });

  it('needs the right admin token (exit 2), and says so', async () => {
    expect(await runCli(['--servers', servers, 'shows'])).toMatchObject({
      code: 2,
      stderr: 'marquee: admin commands need the admin token: set ADMIN_TOKEN or give --token <token>\n',
    });
    const wrong = await runCli(['--servers', servers, 'shows'], { ADMIN_TOKEN: 'wrong-token-wrong-token' });
    expect(wrong).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/^marquee: the server refused the admin token \(403 FORBIDDEN\)/),
    });
  });
});

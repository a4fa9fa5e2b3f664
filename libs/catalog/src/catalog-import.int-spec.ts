import { DataSource, Between } from 'typeorm';
import { ErrorCode } from '@app/common';
import { createTestApp, TestApp } from '../../../test/support/test-app';
import { DRIVERS } from '../../../test/support/env';
import { FAKE_TMDB_API_KEY, FakeTmdbServer } from '../../../test/support/fake-tmdb-server';
import { CatalogImportService, ImportResult } from './catalog-import.service';
import { Movie } from './entities/movie.entity';
import { HttpTmdbSource } from './tmdb/http-tmdb-source';
import { ImportProgress } from './tmdb/now-playing-collector';

/** Disjoint TMDB id ranges per driver, so this file never meets other files' films in MariaDB. */
const ID_OFFSETS = { mysql: 1_000_000_000, sqlite: 1_100_000_000 };
const SNAPSHOT_FILMS = 37;

describe.each(DRIVERS)('TMDB catalogue import on %s', (driver) => {
  let fake: FakeTmdbServer;
  let app: TestApp;
  let imports: CatalogImportService;
  let progress: ImportProgress[];

  /** Every film of this file's id range, with what an import may change. */
  async function catalogue() {
    const movies = await app
      .get(DataSource)
      .getRepository(Movie)
      .find({
        where: { tmdbId: Between(fake.id(0), fake.id(99_999_999)) },
        order: { tmdbId: 'ASC' },
      });
    return movies.map(({ createdAt, updatedAt, ...movie }) => ({
      ...movie,
      createdAt: createdAt.getTime(),
      updatedAt: updatedAt.getTime(),
    }));
  }
  const film = async (snapshotId: number) => (await catalogue()).find((movie) => movie.tmdbId === fake.id(snapshotId));
  const runImport = (pages?: number): Promise<ImportResult> =>
    imports.importCatalog({ pages }, (report) => void progress.push(report));

  beforeAll(async () => {
    fake = await FakeTmdbServer.start({ idOffset: ID_OFFSETS[driver] });
    app = await createTestApp(driver, {
      TMDB_BASE_URL: fake.url,
      TMDB_API_KEY: FAKE_TMDB_API_KEY,
      TMDB_TIMEOUT_MS: '300',
      TMDB_MAX_RETRIES: '2',
    });
    imports = app.get(CatalogImportService);
  });
  afterAll(async () => {
    await app?.close();
    await fake?.close();
  });
  beforeEach(() => {
    fake.reset();
    progress = [];
  });

  it('imports two now_playing pages with genres, runtimes, posters and non-Latin titles', async () => {
    fake
      .patchMovie(940721, { poster_path: undefined }) // Godzilla Minus One: no poster field at all
      .patchMovie(1022796, { runtime: 0 }) // Wish: TMDB's "unknown" runtime
      .patchMovie(787699, { title: '𠮷野家のウォンカ 🍫', original_title: 'ウォンカとチョコレート工場のはじまり' });

    const result = await runImport();

    expect(result).toEqual({
      source: `TMDB ${fake.url}`,
      pages: 2,
      total: SNAPSHOT_FILMS,
      created: SNAPSHOT_FILMS,
      updated: 0,
      skipped: 0,
      skippedTmdbIds: [],
    });
    const movies = await catalogue();
    expect(movies).toHaveLength(SNAPSHOT_FILMS);
    expect(await film(940721)).toMatchObject({
      title: 'Godzilla Minus One',
      originalTitle: 'ゴジラ-1.0',
      originalLanguage: 'ja',
      posterPath: null,
      releaseDate: '2023-11-03',
      runtimeMin: 125,
      genres: ['Science Fiction', 'Horror', 'Action'],
    });
    expect(await film(1022796)).toMatchObject({ runtimeMin: null, posterPath: '/AcoVfiv1rrWOmAdpnAMnM56ki19.jpg' });
    expect(await film(1050035)).toMatchObject({ originalTitle: '怪物', runtimeMin: null }); // null in the snapshot
    expect(await film(897160)).toMatchObject({
      title: 'Brave Citizen',
      originalTitle: '용감한 시민',
      originalLanguage: 'ko',
    });
    expect(await film(787699)).toMatchObject({
      title: '𠮷野家のウォンカ 🍫',
      originalTitle: 'ウォンカとチョコレート工場のはじまり',
    });
    expect(await film(781732)).toMatchObject({
      originalLanguage: 'hi',
      runtimeMin: 201,
      genres: ['Action', 'Crime', 'Drama', 'Thriller'],
    });
    expect(fake.count('/movie/now_playing?page=1') + fake.count('/movie/now_playing?page=2')).toBe(2);
    expect(fake.count()).toBe(1 + 2 + SNAPSHOT_FILMS); // genres, pages, one detail per distinct film
  });

  it('reports progress in pages + films + the write, growing, ending at done == total', async () => {
    await runImport(5); // TMDB (the snapshot) has 2 pages: pages = min(5, total_pages)
    expect(progress[0]).toEqual({ done: 0, total: 2 });
    expect(progress.at(-1)).toEqual({ done: 2 + SNAPSHOT_FILMS + 1, total: 2 + SNAPSHOT_FILMS + 1 });
    for (let index = 1; index < progress.length; index++) {
      expect(progress[index].done).toBe(progress[index - 1].done + 1);
      expect(progress[index].total).toBeGreaterThanOrEqual(progress[index - 1].total);
      expect(progress[index].done).toBeLessThanOrEqual(progress[index].total);
    }
    expect(progress.filter((report) => report.done === report.total)).toHaveLength(1);
  });

  it('re-imports by TMDB id: updates rows in place, never duplicates, skips a film whose details are 404', async () => {
    const before = await catalogue();
    fake
      .patchMovie(872585, { title: 'Oppenheimer (IMAX re-release)', runtime: 181 })
      .fault(`/movie/${fake.id(1214314)}`, { kind: 'not-found' });

    const result = await runImport(2);

    expect(result).toMatchObject({
      pages: 2,
      created: 0,
      updated: SNAPSHOT_FILMS - 1,
      skipped: 1,
      skippedTmdbIds: [fake.id(1214314)],
      total: SNAPSHOT_FILMS - 1,
    });
    const after = await catalogue();
    expect(after.map((movie) => movie.id)).toEqual(before.map((movie) => movie.id));
    expect(await film(872585)).toMatchObject({
      id: before.find((movie) => movie.tmdbId === fake.id(872585))!.id,
      title: 'Oppenheimer (IMAX re-release)',
      runtimeMin: 181,
    });
    expect(await film(1214314)).toEqual(before.find((movie) => movie.tmdbId === fake.id(1214314))); // skipped, kept as it was
  });

  it('imports only the first page when asked for one', async () => {
    expect(await runImport(1)).toMatchObject({ pages: 1, created: 0, updated: 20, total: 20 });
    expect(fake.count('/movie/now_playing?page=2')).toBe(0);
  });

  it('keeps one row per film when two imports run at once', async () => {
    const [first, second] = await Promise.all([runImport(2), runImport(2)]);
    expect(first.total).toBe(SNAPSHOT_FILMS);
    expect(second.total).toBe(SNAPSHOT_FILMS);
    expect(await catalogue()).toHaveLength(SNAPSHOT_FILMS);
  });

  it('honours a 429 Retry-After and finishes the import', async () => {
    fake.fault('/movie/now_playing?page=2', { kind: 'rate-limit', retryAfterSeconds: 1 });
    await expect(runImport()).resolves.toMatchObject({ total: SNAPSHOT_FILMS });
    const page2 = fake.requests.filter((request) => request.key === '/movie/now_playing?page=2');
    expect(page2.map((request) => request.status)).toEqual([429, 200]);
    expect(page2[1].at - page2[0].at).toBeGreaterThanOrEqual(950);
  });

  it('retries a 500 on a film and finishes the import', async () => {
    fake.fault(`/movie/${fake.id(466420)}`, { kind: 'server-error', times: 2 });
    await expect(runImport()).resolves.toMatchObject({ total: SNAPSHOT_FILMS, skipped: 0 });
    expect(fake.count(`/movie/${fake.id(466420)}`)).toBe(3);
  });

  describe('a failed import leaves the catalogue exactly as it was', () => {
    let before: Awaited<ReturnType<typeof catalogue>>;
    beforeEach(async () => {
      before = await catalogue();
      expect(before).toHaveLength(SNAPSHOT_FILMS);
      // What a successful import would change, so a partial write would show:
      fake.patchMovie(787699, { title: 'Wonka (changed)' }).patchMovie(666277, { runtime: 107 });
    });
    afterEach(async () => expect(await catalogue()).toEqual(before));

    it('401: fails at once with the message, no retries', async () => {
      fake.fault('/movie/now_playing?page=2', { kind: 'unauthorized' });
      await expect(runImport()).rejects.toMatchObject({
        code: ErrorCode.ImportFailed,
        message: expect.stringMatching(
          /^TMDB rejected the credentials \(401\) for GET \/movie\/now_playing\?language=en-US&page=2/,
        ),
      });
      expect(fake.count('/movie/now_playing?page=2')).toBe(1);
      expect(progress.at(-1)!.done).toBeLessThan(progress.at(-1)!.total);
    });

    it('401 for a wrong key from the start', async () => {
      const source = new HttpTmdbSource({ baseUrl: fake.url, apiKey: 'not-the-key', timeoutMs: 300, maxRetries: 2 });
      await expect(imports.importCatalog({ source })).rejects.toThrow(
        /^TMDB rejected the credentials \(401\) for GET \/genre\/movie\/list/,
      );
    });

    it('timeout: a film whose details never come, after the retries', async () => {
      fake.fault(`/movie/${fake.id(753342)}`, { kind: 'hang' });
      await expect(runImport()).rejects.toMatchObject({
        code: ErrorCode.ImportFailed,
        message: `TMDB did not answer GET /movie/${fake.id(753342)}?language=en-US within 300 ms (gave up after 3 attempts)`,
      });
      expect(fake.count(`/movie/${fake.id(753342)}`)).toBe(3);
    });

    it('malformed JSON on a page', async () => {
      fake.fault('/movie/now_playing?page=1', { kind: 'malformed' });
      await expect(runImport()).rejects.toThrow(
        /^TMDB sent malformed JSON for GET \/movie\/now_playing\?language=en-US&page=1 \(24 bytes/,
      );
    });

    it('truncated JSON on the last film', async () => {
      fake.fault(`/movie/${fake.id(678512)}`, { kind: 'truncated' });
      await expect(runImport()).rejects.toThrow(
        new RegExp(
          `^TMDB sent truncated JSON for GET /movie/${fake.id(678512)}\\?language=en-US \\(the body ends after \\d+ bytes\\)$`,
        ),
      );
      expect(fake.count(`/movie/${fake.id(678512)}`)).toBe(1);
    });

    it('a film without a title', async () => {
      fake.patchMovie(906126, { title: undefined });
      await expect(runImport()).rejects.toThrow(
        /^TMDB answered GET \/movie\/now_playing\?language=en-US&page=1 with an unexpected payload: results\.3\.title: Required$/,
      );
    });

    it('pages outside 1..500', async () => {
      await expect(runImport(0)).rejects.toMatchObject({
        code: ErrorCode.ValidationFailed,
        message: 'pages must be an integer from 1 to 500',
      });
      expect(fake.count()).toBe(0);
    });
  });
});

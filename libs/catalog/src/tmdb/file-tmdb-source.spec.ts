import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FileTmdbSource, resolveSnapshotDir, snapshotFileName } from './file-tmdb-source';
import { parseTmdbJson } from './tmdb-json';

const REPO = resolve(__dirname, '..', '..', '..', '..');
const SNAPSHOT = join(REPO, 'libs', 'catalog', 'snapshot', 'tmdb');

describe('snapshotFileName', () => {
  it.each([
    ['/genre/movie/list', {}, 'genre-movie-list.json'],
    ['/movie/now_playing', { page: 2, language: 'en-US' }, 'now_playing-page-2.json'],
    ['/movie/now_playing', {}, 'now_playing-page-1.json'],
    ['/movie/940721', { language: 'en-US' }, 'movie-940721.json'],
    ['/movie/../../etc/passwd', {}, undefined],
    ['/movie/now_playing', { page: 'x' }, undefined],
    ['/tv/1', {}, undefined],
  ])('maps %s %j to %s', (path, query, expected) => {
    expect(snapshotFileName(path, query)).toBe(expected);
  });
});

describe('resolveSnapshotDir', () => {
  let scratch: string;
  beforeEach(() => (scratch = mkdtempSync(join(tmpdir(), 'marquee-snapshot-'))));
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('finds the snapshot from the repository root, from this source folder and from dist/apps/api', () => {
    expect(resolveSnapshotDir(undefined, [REPO])).toBe(SNAPSHOT);
    expect(resolveSnapshotDir(undefined, [__dirname])).toBe(SNAPSHOT);
    expect(resolveSnapshotDir(undefined, [join(REPO, 'dist', 'apps', 'api')])).toBe(SNAPSHOT);
    expect(resolveSnapshotDir(undefined, [scratch, REPO])).toBe(SNAPSHOT);
  });

  it('uses TMDB_SNAPSHOT_DIR when set, and refuses a folder without the genre list', () => {
    writeFileSync(join(scratch, 'genre-movie-list.json'), '{"genres":[]}');
    expect(resolveSnapshotDir(scratch)).toBe(scratch);
    mkdirSync(join(scratch, 'empty'));
    expect(() => resolveSnapshotDir(join(scratch, 'empty'))).toThrow(
      /TMDB_SNAPSHOT_DIR=.*empty is not a TMDB snapshot folder/,
    );
  });

  it('says where it looked when nothing is found', () => {
    expect(() => resolveSnapshotDir(undefined, [scratch])).toThrow(
      /the TMDB snapshot was not found; set TMDB_SNAPSHOT_DIR \(looked in/,
    );
  });
});

describe('FileTmdbSource', () => {
  const source = new FileTmdbSource(SNAPSHOT);

  it('serves the genre list, pages and details like TMDB', async () => {
    expect(await source.get('/genre/movie/list', { language: 'en-US' })).toHaveProperty('genres');
    expect(await source.get('/movie/now_playing', { page: 2 })).toMatchObject({ page: 2, total_pages: 2 });
    expect(await source.get('/movie/1050035')).toMatchObject({ id: 1050035, original_title: '怪物' });
  });

  it('answers a request the snapshot lacks as not found (404)', async () => {
    await expect(source.get('/movie/1')).rejects.toMatchObject({
      code: 'IMPORT_FAILED',
      failure: 'not-found',
      status: 404,
    });
    await expect(source.get('/movie/now_playing', { page: 3 })).rejects.toThrow(
      /the TMDB snapshot has no GET \/movie\/now_playing\?page=3/,
    );
  });
});

describe('parseTmdbJson', () => {
  it('parses JSON', () => {
    expect(parseTmdbJson('{"page":1}', 'GET /x')).toEqual({ page: 1 });
  });

  it.each(['{"page":1,"results":[{"id":1,"title":"Wo', '{"page":1,"results":[1,2', '{"page":1,', '{"page"'])(
    'calls %s truncated',
    (text) => {
      expect(() => parseTmdbJson(text, 'GET /movie/now_playing?page=1')).toThrow(
        `TMDB sent truncated JSON for GET /movie/now_playing?page=1 (the body ends after ${text.length} bytes)`,
      );
    },
  );

  it.each(['<html>Bad Gateway</html>', '{"page":1,"results":[}]}', '', '{"a":1}}'])('calls %j malformed', (text) => {
    expect(() => parseTmdbJson(text, 'GET /x', 'text/html')).toThrow(
      /^TMDB sent malformed JSON for GET \/x \(\d+ bytes, content-type text\/html, starting /,
    );
  });
});

import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseTmdbJson } from './tmdb-json';
import { describeRequest, TmdbQuery, TmdbSource } from './tmdb-source';
import { TmdbRequestFailed } from './tmdb.exception';

/** The snapshot folder inside the repository. */
const SNAPSHOT_RELATIVE = join('libs', 'catalog', 'snapshot', 'tmdb');
/** A file every snapshot has; a candidate folder without it is not a snapshot. */
const MARKER = 'genre-movie-list.json';

/**
 * The file of the snapshot that stands for a TMDB API v3 request:
 * `/genre/movie/list` → `genre-movie-list.json`, `/movie/now_playing?page=N` →
 * `now_playing-page-N.json`, `/movie/{id}` → `movie-{id}.json`. Undefined for other requests.
 */
export function snapshotFileName(path: string, query: TmdbQuery = {}): string | undefined {
  if (path === '/genre/movie/list') return 'genre-movie-list.json';
  if (path === '/movie/now_playing') {
    const page = Number(query.page ?? 1);
    return Number.isInteger(page) && page >= 1 ? `now_playing-page-${page}.json` : undefined;
  }
  const movie = /^\/movie\/([1-9][0-9]{0,9})$/.exec(path);
  return movie ? `movie-${movie[1]}.json` : undefined;
}

/**
 * Finds the snapshot folder: `configured` (TMDB_SNAPSHOT_DIR, relative to the working directory)
 * when given, else `libs/catalog/snapshot/tmdb` under the working directory or any folder above
 * it or above this file (ts-jest and ts-node run from libs/catalog/src/tmdb, the webpack bundle
 * from dist/apps/api).
 * @throws TmdbRequestFailed `'unconfigured'` listing the folders tried.
 */
export function resolveSnapshotDir(configured?: string, start: string[] = [process.cwd(), __dirname]): string {
  if (configured) {
    const dir = resolve(configured);
    if (isSnapshot(dir)) return dir;
    throw new TmdbRequestFailed(
      'unconfigured',
      `TMDB_SNAPSHOT_DIR=${configured} is not a TMDB snapshot folder (no ${MARKER} in ${dir})`,
    );
  }
  const tried: string[] = [];
  for (const origin of start) {
    for (let dir = resolve(origin); ; dir = dirname(dir)) {
      for (const candidate of [join(dir, SNAPSHOT_RELATIVE), join(dir, 'snapshot', 'tmdb')]) {
        if (isSnapshot(candidate)) return candidate;
        tried.push(candidate);
      }
      if (dirname(dir) === dir) break;
    }
  }
  throw new TmdbRequestFailed(
    'unconfigured',
    `the TMDB snapshot was not found; set TMDB_SNAPSHOT_DIR (looked in ${[...new Set(tried)].slice(0, 6).join(', ')} …)`,
  );
}

function isSnapshot(dir: string): boolean {
  return existsSync(join(dir, MARKER)) && statSync(dir).isDirectory();
}

/**
 * TMDB API v3 answers from the committed snapshot (libs/catalog/snapshot/tmdb, see its README):
 * the first-run catalogue and tests, with no network. A request without a file is a 404.
 * @throws TmdbRequestFailed `'not-found'` for a request the snapshot lacks, `'malformed'` /
 *   `'truncated'` for a broken file.
 */
export class FileTmdbSource extends TmdbSource {
  readonly description: string;

  constructor(readonly dir: string) {
    super();
    this.description = `TMDB snapshot ${dir}`;
  }

  /** The snapshot found by {@link resolveSnapshotDir} from TMDB_SNAPSHOT_DIR (or the default places). */
  static locate(configured?: string): FileTmdbSource {
    return new FileTmdbSource(resolveSnapshotDir(configured));
  }

  async get(path: string, query: TmdbQuery = {}): Promise<unknown> {
    const request = describeRequest(path, query);
    const name = snapshotFileName(path, query);
    const file = name && join(this.dir, name);
    if (!file || !existsSync(file)) {
      throw new TmdbRequestFailed(
        'not-found',
        `the TMDB snapshot has no ${request} (${name ?? 'no file for this path'})`,
        request,
        404,
      );
    }
    return parseTmdbJson(await readFile(file, 'utf8'), `${request} (${file})`);
  }
}

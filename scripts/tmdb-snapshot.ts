/**
 * Refreshes libs/catalog/snapshot/tmdb from the live TMDB API v3 (npm run tmdb:snapshot).
 * Needs TMDB_API_KEY or TMDB_READ_TOKEN; optional TMDB_BASE_URL, TMDB_TIMEOUT_MS, TMDB_MAX_RETRIES,
 * `--pages N` (default 2) and `--out DIR` (default the snapshot folder). Writes genre-movie-list.json,
 * now_playing-page-<n>.json and movie-<id>.json (old JSON files are removed first; README.md
 * stays). Not run by tests.
 */
import 'reflect-metadata';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfigService } from '@app/common';
import { HttpTmdbSource, snapshotFileName, TmdbClient, TmdbQuery, TmdbRequestFailed, TmdbSource } from '@app/catalog';

const SNAPSHOT_DIR = resolve(__dirname, '..', 'libs', 'catalog', 'snapshot', 'tmdb');

/** Passes requests to the live API and keeps each answer under its snapshot file name. */
class RecordingSource extends TmdbSource {
  readonly description: string;

  constructor(
    private readonly live: TmdbSource,
    private readonly files: Map<string, unknown>,
  ) {
    super();
    this.description = live.description;
  }

  async get(path: string, query: TmdbQuery = {}): Promise<unknown> {
    const body = await this.live.get(path, query);
    const name = snapshotFileName(path, query);
    if (name) this.files.set(name, body);
    return body;
  }
}

async function main(argv: string[]): Promise<void> {
  const option = (name: string, fallback: string) =>
    argv.includes(name) ? (argv[argv.indexOf(name) + 1] ?? '') : fallback;
  const pagesArg = option('--pages', '2');
  const out = resolve(option('--out', SNAPSHOT_DIR));
  const pages = Number(pagesArg);
  if (!Number.isInteger(pages) || pages < 1 || pages > 20)
    throw new Error(`--pages must be an integer from 1 to 20, got "${pagesArg}"`);

  // The script is an entry point like main.ts: the environment is read once, through the schema.
  const live = HttpTmdbSource.fromConfig(AppConfigService.fromEnv(process.env));
  const files = new Map<string, unknown>();
  const recorder = new RecordingSource(live, files);
  const client = new TmdbClient(recorder); // validates every payload with the importer's schemas

  await client.genres();
  const ids = new Set<number>();
  const last = Math.min(pages, (await client.nowPlaying(1)).total_pages);
  for (let page = 1; page <= last; page++) {
    for (const item of (await client.nowPlaying(page)).results) ids.add(item.id);
  }
  for (const id of ids) {
    try {
      await client.movie(id);
    } catch (error) {
      if (!(error instanceof TmdbRequestFailed && error.failure === 'not-found')) throw error;
      console.warn(`skipped movie ${id}: ${error.message}`);
    }
  }

  mkdirSync(out, { recursive: true });
  for (const name of readdirSync(out)) if (name.endsWith('.json')) rmSync(join(out, name));
  for (const [name, body] of files) writeFileSync(join(out, name), `${JSON.stringify(body, null, 2)}\n`);
  console.log(`wrote ${files.size} files (${last} pages, ${ids.size} films) to ${out}; update its README.md`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

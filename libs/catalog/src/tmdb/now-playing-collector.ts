import { TmdbClient } from './tmdb-client';
import { TmdbRequestFailed } from './tmdb.exception';
import { TmdbMovieDetail, TmdbMovieListItem } from './tmdb.schemas';

/** Progress in units of work: `done` out of `total`, both whole numbers, `done <= total`. */
export interface ImportProgress {
  done: number;
  total: number;
}

/** Receives progress reports, in order; awaited before the import goes on. */
export type ImportProgressListener = (progress: ImportProgress) => Promise<void> | void;

/** A film as collected from TMDB: the list entry, the detail and the genre names. */
export interface CollectedMovie {
  item: TmdbMovieListItem;
  detail: TmdbMovieDetail;
  /** Genre names, from the detail's `genres` or, when it has none, the list's `genre_ids`. */
  genres: string[];
}

/** What {@link NowPlayingCollector.collect} gathered; nothing is written yet. */
export interface Collection {
  /** now_playing pages fetched. */
  pages: number;
  movies: CollectedMovie[];
  /** TMDB ids listed on a page whose `/movie/{id}` was 404 (skipped). */
  skippedIds: number[];
}

/** Detail requests in flight at once (TMDB allows ~40 requests per second). */
const DETAIL_CONCURRENCY = 4;

/**
 * Reads the now-playing catalogue from TMDB API v3: `/genre/movie/list`, then
 * `/movie/now_playing` pages 1..min(pages, total_pages), then `/movie/{id}` for every film
 * (deduplicated across pages). Reports progress in units: one per page, one per film, plus one
 * for the write that follows ({@link finish}), so `done == total` only once the import is stored.
 * `total` starts at 2 (first page + write) and grows as pages reveal `total_pages` and films.
 * @throws TmdbRequestFailed for any failed request except a film's 404, which is skipped.
 */
export class NowPlayingCollector {
  private done = 0;
  private plannedPages = 1;
  private knownMovies = 0;
  private reports: Promise<void> = Promise.resolve();

  constructor(
    private readonly client: TmdbClient,
    private readonly listener?: ImportProgressListener,
  ) {}

  /** Collects up to `pages` now_playing pages (1..500) and the films on them. */
  async collect(pages: number): Promise<Collection> {
    await this.report();
    const genreNames = new Map((await this.client.genres()).genres.map((genre) => [genre.id, genre.name]));
    const items = new Map<number, TmdbMovieListItem>();
    let fetched = 0;
    for (let page = 1; page <= this.plannedPages; page++) {
      const answer = await this.client.nowPlaying(page);
      fetched++;
      if (page === 1) this.plannedPages = Math.max(1, Math.min(pages, answer.total_pages));
      for (const item of answer.results) if (!items.has(item.id)) items.set(item.id, item);
      this.knownMovies = items.size;
      await this.step();
    }
    const details = await this.details([...items.values()]);
    const movies: CollectedMovie[] = [];
    const skippedIds: number[] = [];
    for (const [item, detail] of details) {
      if (!detail) skippedIds.push(item.id);
      else movies.push({ item, detail, genres: genresOf(detail, item, genreNames) });
    }
    return { pages: fetched, movies, skippedIds };
  }

  /** Reports the last unit (the write) done: `done == total`. */
  async finish(): Promise<ImportProgress> {
    await this.step();
    await this.reports;
    return this.snapshot();
  }

  private async details(items: TmdbMovieListItem[]): Promise<[TmdbMovieListItem, TmdbMovieDetail | undefined][]> {
    const results: [TmdbMovieListItem, TmdbMovieDetail | undefined][] = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = [items[index], await this.detailOrSkip(items[index].id)];
        await this.step();
      }
    };
    await Promise.all(Array.from({ length: Math.min(DETAIL_CONCURRENCY, items.length) }, worker));
    return results;
  }

  private async detailOrSkip(id: number): Promise<TmdbMovieDetail | undefined> {
    try {
      return await this.client.movie(id);
    } catch (error) {
      if (error instanceof TmdbRequestFailed && error.failure === 'not-found') return undefined;
      throw error;
    }
  }

  private snapshot(): ImportProgress {
    return { done: this.done, total: this.plannedPages + this.knownMovies + 1 };
  }

  private step(): Promise<void> {
    this.done++;
    return this.report();
  }

  /** Queues a report of the current numbers behind earlier ones, so listeners see them in order. */
  private report(): Promise<void> {
    const progress = this.snapshot();
    this.reports = this.reports.then(() => this.listener?.(progress));
    return this.reports;
  }
}

function genresOf(detail: TmdbMovieDetail, item: TmdbMovieListItem, names: Map<number, string>): string[] {
  const fromDetail = detail.genres.map((genre) => genre.name);
  const fromList = item.genre_ids.map((id) => names.get(id)).filter((name): name is string => Boolean(name));
  return [...new Set(fromDetail.length ? fromDetail : fromList)];
}

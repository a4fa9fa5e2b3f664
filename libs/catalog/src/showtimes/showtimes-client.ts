import { z } from 'zod';
import { describeRequest, SourceQuery } from '../http/json-body';
import { describeIssues } from '../tmdb/tmdb.schemas';
import { pageSchema, ShowtimesPage } from './showtimes.schemas';
import { ShowtimesSource } from './showtimes-source';
import { ShowtimesRequestFailed } from './showtimes.exception';

/** Records per page asked for (`per_page`). */
export const SHOWTIMES_PER_PAGE = 100;
/** Pages read at most per list (a runaway `total_pages` stops here). */
const MAX_PAGES = 200;
/** Times a list is read again from page 1 when its pages changed while being read. */
const RESTARTS = 2;

/** A record that did not fit its schema: skipped and reported. */
export interface InvalidRecord {
  list: string;
  /** The record's `id` when it had a readable one. */
  id?: string;
  problem: string;
}

/** A list read completely: valid records deduplicated by id (the last page's copy wins). */
export interface ListResult<T> {
  records: T[];
  invalid: InvalidRecord[];
  pages: number;
}

/**
 * Reads the showtimes API's paged lists (`page`, `per_page`; `meta_info.total_pages` /
 * `total_count`) through a {@link ShowtimesSource}, validating each record on its own.
 * Pages that change while being read — `total_count` or `total_pages` differing from page 1's —
 * make it read the list again from page 1, up to twice; ids seen on two pages count once.
 * @throws ShowtimesRequestFailed from the source; `'invalid'` when a page is not
 *   `{ <list>: [...] }`; `'unstable'` when the pages kept changing.
 */
export class ShowtimesClient {
  constructor(
    readonly source: ShowtimesSource,
    private readonly perPage = SHOWTIMES_PER_PAGE,
  ) {}

  /**
   * Every record of `GET path?query` under `key` (`cinemas`, `movies`, `showtimes`).
   * @param onPage called after each page with the pages read and the pages known so far.
   */
  async list<S extends z.ZodTypeAny & { _output: { id: string } }>(
    path: string,
    key: string,
    query: SourceQuery,
    schema: S,
    onPage?: (read: number, known: number) => Promise<void> | void,
  ): Promise<ListResult<z.output<S>>> {
    for (let round = 0; ; round++) {
      const outcome = await this.readAll(path, key, query, schema, onPage);
      if (outcome !== 'changed') return outcome;
      if (round >= RESTARTS) {
        throw new ShowtimesRequestFailed(
          'unstable',
          `the showtimes API's pages of ${describeRequest(path, query)} changed while they were read, ${RESTARTS + 1} times`,
          describeRequest(path, query),
        );
      }
    }
  }

  private async readAll<S extends z.ZodTypeAny & { _output: { id: string } }>(
    path: string,
    key: string,
    query: SourceQuery,
    schema: S,
    onPage?: (read: number, known: number) => Promise<void> | void,
  ): Promise<ListResult<z.output<S>> | 'changed'> {
    const records = new Map<string, z.output<S>>();
    const invalid: InvalidRecord[] = [];
    let first: { totalPages: number; totalCount?: number } | undefined;
    for (let page = 1; page <= (first?.totalPages ?? 1); page++) {
      const answer = await this.page(path, key, { ...query, page, per_page: this.perPage });
      const meta = answer.meta_info;
      const totalPages = Math.min(MAX_PAGES, Math.max(1, meta.total_pages ?? 1));
      if (!first) first = { totalPages, totalCount: meta.total_count };
      else if (totalPages !== first.totalPages || meta.total_count !== first.totalCount) return 'changed';
      for (const raw of answer.items) {
        const parsed = schema.safeParse(raw);
        if (parsed.success) records.set(parsed.data.id, parsed.data);
        else invalid.push({ list: key, id: idOf(raw), problem: describeIssues(parsed.error) });
      }
      await onPage?.(page, first.totalPages);
    }
    return { records: [...records.values()], invalid, pages: first?.totalPages ?? 0 };
  }

  private async page(path: string, key: string, query: SourceQuery): Promise<ShowtimesPage> {
    const body = await this.source.get(path, query);
    const result = pageSchema(key).safeParse(body);
    if (!result.success) {
      const request = describeRequest(path, query);
      throw new ShowtimesRequestFailed(
        'invalid',
        `the showtimes API answered ${request} with an unexpected payload: ${describeIssues(result.error)}`,
        request,
      );
    }
    return result.data;
  }
}

function idOf(raw: unknown): string | undefined {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 40) : undefined;
}

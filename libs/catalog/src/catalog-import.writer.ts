import { EntityManager, In } from 'typeorm';
import { Movie } from './entities/movie.entity';
import { CollectedMovie } from './tmdb/now-playing-collector';

/** The columns of a movie row the import sets (everything but the keys and timestamps). */
export type MovieRecord = Omit<Movie, 'id' | 'createdAt' | 'updatedAt'>;

/** Rows written by {@link upsertMovies}. */
export interface UpsertCounts {
  created: number;
  updated: number;
}

const CHUNK = 200;

/**
 * Maps a collected TMDB film to its row: the detail's fields (falling back to the list entry's),
 * `runtimeMin` null when TMDB has 0 or null, `posterPath` null when missing, strings cut to the
 * column sizes (by code points, so no character is split).
 */
export function toMovieRecord({ item, detail, genres }: CollectedMovie): MovieRecord {
  return {
    tmdbId: detail.id,
    title: cut(detail.title || item.title, 300),
    originalTitle: cut(detail.original_title ?? item.original_title ?? detail.title, 300),
    originalLanguage: detail.original_language ?? item.original_language ?? null,
    overview: nullable(cut(detail.overview ?? item.overview ?? '', 4_000)),
    posterPath: detail.poster_path ?? item.poster_path ?? null,
    releaseDate: detail.release_date ?? item.release_date ?? null,
    runtimeMin: detail.runtime,
    genres,
    popularity: detail.popularity || item.popularity,
    voteAverage: detail.vote_average || item.vote_average,
  };
}

/**
 * Inserts or updates `records` by `tmdb_id` inside the caller's transaction `manager`: existing
 * rows are updated in place (their ids, and so their shows, stay), new ones inserted; nothing is
 * deleted. `original_language` is cut to its 12-character column.
 * @throws the driver's error (e.g. a unique violation when another node inserted the same film
 *   concurrently); the caller's transaction then rolls back.
 */
export async function upsertMovies(manager: EntityManager, records: MovieRecord[]): Promise<UpsertCounts> {
  const repository = manager.getRepository(Movie);
  const existing = new Map<number, number>();
  for (let start = 0; start < records.length; start += CHUNK) {
    const tmdbIds = records.slice(start, start + CHUNK).map((record) => record.tmdbId);
    const rows = await repository.find({ select: { id: true, tmdbId: true }, where: { tmdbId: In(tmdbIds) } });
    for (const row of rows) existing.set(row.tmdbId, row.id);
  }
  const fresh: MovieRecord[] = [];
  let updated = 0;
  for (const record of records) {
    const row = { ...record, originalLanguage: record.originalLanguage ? cut(record.originalLanguage, 12) : null };
    const id = existing.get(record.tmdbId);
    if (id === undefined) {
      fresh.push(row);
    } else {
      await repository.update({ id }, row);
      updated++;
    }
  }
  for (let start = 0; start < fresh.length; start += CHUNK) {
    await repository.insert(fresh.slice(start, start + CHUNK));
  }
  return { created: fresh.length, updated };
}

function cut(value: string, length: number): string {
  const characters = Array.from(value);
  return characters.length > length ? characters.slice(0, length).join('') : value;
}

function nullable(value: string): string | null {
  return value === '' ? null : value;
}

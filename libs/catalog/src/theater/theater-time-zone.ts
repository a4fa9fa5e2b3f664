import { Brackets, EntityManager, WhereExpressionBuilder } from 'typeorm';
import { Theater } from '../entities/theater.entity';
import { localDayBounds } from '../schedule/local-time';

/**
 * The IANA zone a theater's showtimes are shown in: its own (an imported cinema's, from its
 * location), else `fallback` (CINEMA_TIME_ZONE, the zone of theaters an admin made).
 */
export function theaterTimeZone(theater: { timeZone: string | null }, fallback: string): string {
  return theater.timeZone ?? fallback;
}

/**
 * Restricts `query` to shows starting on local day `date` (`YYYY-MM-DD`) in the zone of their own
 * theater: one `[start, end)` range per zone in `zones` (the distinct `theater.time_zone` values,
 * `null` meaning `fallback`). The query must have aliases `sh` (show) and `theater`.
 */
export function whereLocalDay(
  query: WhereExpressionBuilder,
  date: string,
  zones: (string | null)[],
  fallback: string,
): void {
  query.andWhere(
    new Brackets((any) => {
      zones.forEach((zone, index) => {
        const { startMs, endMs } = localDayBounds(date, zone ?? fallback);
        const sameZone = zone === null ? 'theater.timeZone IS NULL' : `theater.timeZone = :zone${index}`;
        any.orWhere(`(${sameZone} AND sh.startsAt >= :dayStart${index} AND sh.startsAt < :dayEnd${index})`, {
          [`zone${index}`]: zone,
          [`dayStart${index}`]: new Date(startMs),
          [`dayEnd${index}`]: new Date(endMs),
        });
      });
      if (!zones.length) any.where('1 = 0');
    }),
  );
}

/** The distinct `time_zone` values of the theaters (`null` for those in the fallback zone). */
export async function theaterZones(manager: EntityManager): Promise<(string | null)[]> {
  const rows = await manager
    .createQueryBuilder(Theater, 'theater')
    .select('DISTINCT theater.timeZone', 'zone')
    .getRawMany<{ zone: string | null }>();
  return rows.map((row) => row.zone);
}

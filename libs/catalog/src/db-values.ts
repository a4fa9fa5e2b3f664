/**
 * Raw query values differ by driver: mysql2 gives DATETIME as Date and SUM/COUNT as strings,
 * better-sqlite3 gives DATETIME as a `YYYY-MM-DD HH:MM:SS.sss` UTC string and numbers as numbers.
 */

/** A raw DATETIME value as a Date (strings without a zone are UTC, as TypeORM stores them). */
export function dbDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  const iso = value.includes('T') ? value : value.replace(' ', 'T');
  return new Date(/Z$|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
}

/** A raw numeric value (COUNT, SUM, BIGINT) as a number; null and undefined as 0. */
export function dbNumber(value: string | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

import { ValueTransformer } from 'typeorm';

/**
 * BIGINT columns come back from mysql2 as strings (TypeORM turns on `bigNumberStrings`); this
 * reads them as numbers. Safe for the values stored (epoch milliseconds, Lamport timestamps).
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/**
 * A small JSON object kept in a TEXT column (e.g. a vector timestamp `{"1":3,"2":5}`), null
 * when absent. A value that does not parse reads as null rather than failing the whole row.
 */
export const jsonText: ValueTransformer = {
  to: (value: object | null | undefined) => (value === null || value === undefined ? value : JSON.stringify(value)),
  from: (value: string | null) => {
    if (value === null || value === undefined) return null;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  },
};

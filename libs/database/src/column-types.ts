import { ValueTransformer } from 'typeorm';

/**
 * BIGINT columns come back from mysql2 as strings (TypeORM turns on `bigNumberStrings`); this
 * reads them as numbers. Safe for the values stored (epoch milliseconds, Lamport timestamps).
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

// DataSource for the TypeORM CLI (migration:generate / migration:run / migration:revert).
// DATABASE_URL selects MySQL; unset, the SQLite file at SQLITE_PATH (default ./data/marquee.sqlite).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from '@app/database';
import { ENTITIES } from '../apps/api/src/entities';

export default new DataSource(
  databaseOptions(
    {
      databaseUrl: process.env.DATABASE_URL || undefined,
      sqlitePath: process.env.SQLITE_PATH ?? './data/marquee.sqlite',
      poolSize: 4,
    },
    ENTITIES,
  ),
);

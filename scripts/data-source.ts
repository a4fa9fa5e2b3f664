// DataSource for the TypeORM CLI (migration:generate / migration:run / migration:revert).
// DATABASE_URL selects MySQL; unset, the SQLite file at SQLITE_PATH (default ./data/marquee.sqlite).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { AppConfigService } from '@app/common';
import { databaseOptions, DatabaseTopology } from '@app/database';
import { ENTITIES } from '@app/schema';

export default new DataSource(
  databaseOptions(DatabaseTopology.fromConfig(AppConfigService.fromEnv(process.env)), ENTITIES),
);

import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isMysqlFamily } from './database.options';

const LOCK_NAME = 'marquee_migrations';
const LOCK_TIMEOUT_SECONDS = 120;

/**
 * Applies pending migrations once, even when several nodes start together: on MySQL under the
 * named lock `GET_LOCK('marquee_migrations')` held on one connection, so the first node migrates
 * and the others wait and find nothing to do. `afterMigrate` (first-run data) runs under the same
 * lock. SQLite is one process's file; no lock is needed.
 * @throws Error when the lock is not granted within 120 s, or a migration fails.
 */
export async function migrateWithLock(dataSource: DataSource, afterMigrate?: () => Promise<void>): Promise<void> {
  const logger = new Logger('Migrations');
  const run = async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length) logger.log(`applied ${applied.map((migration) => migration.name).join(', ')}`);
    if (afterMigrate) await afterMigrate();
  };
  if (!isMysqlFamily(dataSource.options)) return run();

  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [row] = await runner.query('SELECT GET_LOCK(?, ?) AS granted', [LOCK_NAME, LOCK_TIMEOUT_SECONDS]);
    if (Number(row?.granted) !== 1) {
      throw new Error(`could not take the migration lock "${LOCK_NAME}" within ${LOCK_TIMEOUT_SECONDS} s`);
    }
    try {
      await run();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}

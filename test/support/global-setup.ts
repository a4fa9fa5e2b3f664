import 'tsconfig-paths/register';
import 'reflect-metadata';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { databaseOptions, DatabaseTopology } from '@app/database';
import { ENTITIES } from '@app/schema';
import clearLeftoverProcesses from './clear-leftovers';
import { TEST_MYSQL_ADMIN_URL, TEST_MYSQL_DATABASE, TEST_MYSQL_URL } from './env';

/**
 * Once per jest run: a fresh MariaDB database `marquee_test`, migrated. Test files share it and
 * keep out of each other's way by making their own theaters, screens and shows. First, what a run
 * killed mid-way left running is stopped.
 */
export default async function globalSetup(): Promise<void> {
  await clearLeftoverProcesses();
  const admin = await createConnection(TEST_MYSQL_ADMIN_URL);
  await admin.query(`DROP DATABASE IF EXISTS \`${TEST_MYSQL_DATABASE}\``);
  await admin.query(`CREATE DATABASE \`${TEST_MYSQL_DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const dataSource = new DataSource(databaseOptions(DatabaseTopology.ofUrl(TEST_MYSQL_URL), ENTITIES));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

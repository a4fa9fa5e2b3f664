/** Where the tests find MariaDB and Redis (started by scripts/test.sh when absent). */
/** The test server is MariaDB (Debian's), so the URL selects TypeORM's MariaDB dialect. */
export const TEST_MYSQL_ADMIN_URL = process.env.TEST_MYSQL_ADMIN_URL ?? 'mariadb://root@127.0.0.1:3306';
export const TEST_MYSQL_DATABASE = process.env.TEST_MYSQL_DATABASE ?? 'marquee_test';
export const TEST_MYSQL_URL = `${TEST_MYSQL_ADMIN_URL}/${TEST_MYSQL_DATABASE}`;

/** The same URL with the `mysql://` scheme: TypeORM's MySQL dialect, and what mysql2's createConnection accepts. */
export function withMysqlScheme(url: string): string {
  return url.replace(/^mariadb:/, 'mysql:');
}
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The two storage drivers every service test runs on. */
export type Driver = 'mysql' | 'sqlite';
export const DRIVERS: Driver[] = ['mysql', 'sqlite'];

import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from './support/test-app';
import { TEST_MYSQL_ADMIN_URL } from './support/env';

/**
 * Nodes starting together on an empty MySQL database: the migrations run once under the named
 * lock and the first-run data (snapshot catalogue, theaters, a week of shows) is loaded once.
 */
describe('first start on an empty MariaDB database, three nodes at once', () => {
  const database = `marquee_first_run_${process.pid}`;
  let nodes: TestApp[] = [];

  beforeAll(async () => {
    const admin = await createConnection(TEST_MYSQL_ADMIN_URL);
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = `${TEST_MYSQL_ADMIN_URL}/${database}`;
    nodes = await Promise.all(
      [1, 2, 3].map((id) => createTestApp('mysql', { DATABASE_URL: url, SEED_ON_EMPTY: 'true', NODE_ID: String(id) })),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.close()));
    const admin = await createConnection(TEST_MYSQL_ADMIN_URL);
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.end();
  });

  it('applied each migration once and the schema matches the entities', async () => {
    const dataSource = nodes[0].get(DataSource);
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM migrations');
    expect(applied.map((row) => row.name)).toEqual(dataSource.migrations.map((migration) => migration.name));
    expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('loaded the first-run data once', async () => {
    const dataSource = nodes[1].get(DataSource);
    const count = async (table: string) =>
      Number((await dataSource.query(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
    expect(await count('movie')).toBeGreaterThanOrEqual(30);
    expect(await count('theater')).toBe(3); // the showtimes snapshot's Lyon cinemas
    expect(await count('screen')).toBe(8);
    const [{ duplicates }] = await dataSource.query(
      'SELECT COUNT(*) AS duplicates FROM (SELECT screen_id, starts_at FROM `show` GROUP BY screen_id, starts_at HAVING COUNT(*) > 1) d',
    );
    expect(Number(duplicates)).toBe(0);
    expect(await count('show')).toBeGreaterThan(50);
    const [{ missing }] = await dataSource.query(
      'SELECT COUNT(*) AS missing FROM `show` s JOIN screen sc ON sc.id = s.screen_id WHERE sc.seat_count <> (SELECT COUNT(*) FROM show_seat ss WHERE ss.show_id = s.id)',
    );
    expect(Number(missing)).toBe(0);
  });
});

describe('the SQLite schema matches the entities', () => {
  it('has nothing left to migrate after the migrations', async () => {
    const app = await createTestApp('sqlite');
    try {
      expect((await app.get(DataSource).driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

import { createConnection } from 'mysql2/promise';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';
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

  it('re-runs the import without credentials as a sync of the snapshot: a job with progress, nothing doubled', async () => {
    const dataSource = nodes[2].get(DataSource);
    const shows = async () => Number((await dataSource.query('SELECT COUNT(*) AS n FROM `show`'))[0].n);
    const before = await shows();
    const http = () => request(nodes[2].app.getHttpServer());
    const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const started = await http().post('/api/admin/showtimes/import').set(auth).send({}).expect(202);
    const deadline = Date.now() + 30_000;
    let job: { state: string; progress: { done: number; total: number }; result?: any; error?: string };
    for (;;) {
      job = (await http().get(`/api/admin/jobs/${started.body.jobId}`).set(auth).expect(200)).body;
      if (job.state === 'completed' || job.state === 'failed' || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(job).toMatchObject({ state: 'completed', result: { ran: true, source: expect.stringMatching(/snapshot/) } });
    expect(job.progress.done).toBe(job.progress.total);
    expect(job.result.read).toMatchObject({ cinemas: 3, showtimes: 240 });
    expect(job.result.sync).toMatchObject({ theaters: { created: 0 }, screens: { created: 0 }, shows: { created: 0 } });
    expect(await shows()).toBe(before);
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

import { DatabaseService } from '@app/database';
import { seatedShow, SeatedShow } from './support/booking-fixtures';
import { freePortRange } from './support/cluster';
import { faketimeEnv } from './support/faketime';
import { TEST_MYSQL_URL } from './support/env';
import { Child, startTsProcess } from './support/processes';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

const SKEW_S = 30;
const TTL_S = 300;

/**
 * One clock for holds (README "Replication and failover"): a node whose wall clock runs 30 s
 * ahead (libfaketime, preloaded into a real node process) stamps holds on the database's clock,
 * so a hold lasts HOLD_TTL_SECONDS of database time, not 30 s less, and a hold made by an
 * unskewed node is not seen as lapsed by the skewed one.
 */
describe('a node 30 s ahead of the database (faketime)', () => {
  let app: TestApp;
  let fixture: SeatedShow;
  let skewed: Child | undefined;
  let base: string;

  const dbNow = async () =>
    Number((await app.get(DatabaseService).manager.query('SELECT ROUND(UNIX_TIMESTAMP(NOW(3)) * 1000) AS now'))[0].now);

  beforeAll(async () => {
    app = await createTestApp('mysql');
    fixture = await seatedShow(app);
    const port = await freePortRange(1);
    base = `http://127.0.0.1:${port}`;
    skewed = await startTsProcess(
      'apps/api/src/main.ts',
      {
        ...faketimeEnv(SKEW_S),
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: TEST_MYSQL_URL,
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        SEED_ON_EMPTY: 'false',
        CATALOG_REFRESH_HOURS: '0',
        HOLD_SWEEP_INTERVAL_SECONDS: '86400',
        HOLD_TTL_SECONDS: String(TTL_S),
        NODE_ID: '9',
        RATE_LIMIT_PER_MINUTE: '100000',
      },
      'is up',
      90_000,
    );
  }, 120_000);

  afterAll(async () => {
    await skewed?.stop();
    await app?.close();
  });

  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('runs 30 s ahead: its own clock is skewed', async () => {
    const response = await fetch(`${base}/api/health`);
    const nodeDate = Date.parse(response.headers.get('date')!);
    expect(nodeDate - Date.now()).toBeGreaterThan((SKEW_S - 3) * 1000);
  });

  it('stamps a hold with the database’s clock: it lapses HOLD_TTL_SECONDS of database time after it was made', async () => {
    const before = await dbNow();
    const hold = await post(`/api/shows/${fixture.show.id}/holds`, {
      seatIds: [fixture.byLabel('A1').id],
      customer: { name: 'Skewed', email: 'skewed@example.com' },
    });
    const after = await dbNow();
    expect(hold.status).toBe(201);
    const expiresAt = Date.parse(String(hold.body.expiresAt));
    expect(expiresAt).toBeGreaterThanOrEqual(before + TTL_S * 1000 - 1_000);
    expect(expiresAt).toBeLessThanOrEqual(after + TTL_S * 1000 + 1_000);
    expect(Number(hold.body.expiresInMs)).toBeGreaterThan((TTL_S - 2) * 1000);
  });

  it('does not see as lapsed a hold an unskewed node made 10 s before its lapse', async () => {
    // Made on the database clock by this (unskewed) process with 10 s left; a node trusting its
    // own clock (30 s ahead) would take the seat now.
    const seat = fixture.byLabel('A2');
    const nearLapse = (await dbNow()) + 10_000;
    await app
      .get(DatabaseService)
      .manager.query(
        "UPDATE show_seat SET state = 'held', hold_id = 'near-lapse', held_until = ? WHERE show_id = ? AND seat_id = ?",
        [nearLapse, fixture.show.id, seat.id],
      );
    const taken = await post(`/api/shows/${fixture.show.id}/holds`, {
      seatIds: [seat.id],
      customer: { name: 'Thief', email: 'thief@example.com' },
    });
    expect(taken.status).toBe(409);
  });
});

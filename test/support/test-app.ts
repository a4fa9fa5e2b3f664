import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfigService } from '@app/common';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp, prepareDatabase } from '../../apps/api/src/configure-app';
import { Driver, TEST_MYSQL_URL } from './env';

/** A running test app and how to dispose of it. */
export interface TestApp {
  app: INestApplication;
  driver: Driver;
  /** Resolves a provider, e.g. `get(BookingService)`. */
  get<T>(type: abstract new (...args: never[]) => T): T;
  close(): Promise<void>;
}

/** The admin token test apps use. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/**
 * The whole API app on `driver` (the shared migrated MariaDB database, or a fresh SQLite file),
 * HTTP configured like main.ts but not listening (use `supertest(app.getHttpServer())`).
 * First-run data is off unless `env.SEED_ON_EMPTY` says otherwise; `env` overrides any variable.
 */
export async function createTestApp(driver: Driver, env: Record<string, string> = {}): Promise<TestApp> {
  // A folder of its own: the SQLite file, and the mail outbox (booking e-mails without SMTP_URL).
  const dir = mkdtempSync(join(tmpdir(), 'marquee-test-'));
  const config = AppConfigService.fromEnv({
    NODE_ENV: 'test',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SEED_ON_EMPTY: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Test files share one MariaDB database and a few customer addresses: the hold caps are
    // tested where they are set (test/security.e2e-spec.ts), not tripped across files.
    MAX_HOLDS_PER_CUSTOMER: '10000',
    MAX_HOLDS_PER_CLIENT: '10000',
    LOG_LEVEL: 'warn',
    // A test app leads its one-node cluster: keep its leader-only work (sweeping every lapsed hold
    // in the shared database, refreshing the catalogue) from racing other test files.
    HOLD_SWEEP_INTERVAL_SECONDS: '86400',
    CATALOG_REFRESH_HOURS: '0',
    MAIL_OUTBOX_DIR: join(dir, 'outbox'),
    ...(driver === 'mysql' ? { DATABASE_URL: TEST_MYSQL_URL } : { SQLITE_PATH: join(dir, 'marquee.sqlite') }),
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(AppConfigService)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: ['error', 'warn'] });
  configureApp(app);
  await app.init();
  await prepareDatabase(app);
  return {
    app,
    driver,
    get: (type) => app.get(type as never),
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

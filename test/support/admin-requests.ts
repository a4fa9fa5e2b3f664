import request from 'supertest';
import type { App } from 'supertest/types';
import { Driver } from './env';
import { createTestApp, TEST_ADMIN_TOKEN, TestApp } from './test-app';

/** supertest requests to `http` with the test admin token (JSON bodies). */
export function adminRequests(http: App) {
  const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  return {
    get: (path: string) => request(http).get(path).set(auth),
    post: (path: string, body?: object) => request(http).post(path).set(auth).send(body),
    put: (path: string, body?: object) => request(http).put(path).set(auth).send(body),
    patch: (path: string, body?: object) => request(http).patch(path).set(auth).send(body),
    delete: (path: string) => request(http).delete(path).set(auth),
  };
}

/** A test app, its HTTP server and admin requests to it, filled in before the describe's first test. */
export interface AdminApp {
  testApp: TestApp;
  http: App;
  admin: ReturnType<typeof adminRequests>;
}

/**
 * Registers the describe block's beforeAll (a test app on `driver`) and afterAll (closes it).
 * Read the fields inside tests, not at describe time.
 */
export function useAdminApp(driver: Driver): AdminApp {
  const app = {} as AdminApp;
  beforeAll(async () => {
    app.testApp = await createTestApp(driver);
    app.http = app.testApp.app.getHttpServer() as App;
    app.admin = adminRequests(app.http);
  });
  afterAll(() => app.testApp?.close());
  return app;
}

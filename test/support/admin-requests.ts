import request from 'supertest';
import type { App } from 'supertest/types';
import { TEST_ADMIN_TOKEN } from './test-app';

/** supertest requests to `http` with the test admin token (JSON bodies). */
export function adminRequests(http: App) {
  const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  return {
    get: (path: string) => request(http).get(path).set(auth),
    post: (path: string, body?: object) => request(http).post(path).set(auth).send(body),
    put: (path: string, body?: object) => request(http).put(path).set(auth).send(body),
    delete: (path: string) => request(http).delete(path).set(auth),
  };
}

import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import { Driver } from '../../support/env';
import { createTestApp, TestApp } from '../../support/test-app';

/** A test app listening on loopback, as a CLI reaches it. */
export interface ListeningApp extends TestApp {
  port: number;
}

/** The whole API on `driver` (see createTestApp), listening on 127.0.0.1:<free port>. */
export async function startApi(driver: Driver, env: Record<string, string> = {}): Promise<ListeningApp> {
  const app = await createTestApp(driver, env);
  await app.app.listen(0, '127.0.0.1');
  const port = ((app.app.getHttpServer() as Server).address() as AddressInfo).port;
  return { ...app, port };
}

import { INestApplication, Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { json } from 'express';
import { DataSource } from 'typeorm';
import { AppConfigService } from '@app/common';
import { migrateWithLock } from '@app/database';
import { PrimaryFailover } from '@app/failover';
import { FirstRunService } from '@app/catalog';
import { BookingService } from '@app/booking';
import { HttpMetrics } from '@app/metrics';
import { bodyErrors } from './http/body-errors';
import { ErrorFilter } from './http/error.filter';
import { validationPipe } from './http/validation';
import { requestShape, requireJsonBody } from './http/request-shape';

/** Largest JSON body accepted (bytes); larger gets 413. */
export const BODY_LIMIT = '64kb';

/**
 * HTTP concerns shared by main.ts and the tests: `/api` prefix, the proxies whose
 * `X-Forwarded-For` is believed (`TRUSTED_PROXIES`), security headers (helmet), the body rules
 * (JSON only, no `Content-Encoding`: 415; larger than {@link BODY_LIMIT}: 413; deeper than
 * MAX_JSON_DEPTH or with `__proto__`-like keys: 400), the validation pipe, the error filter,
 * OpenAPI at `/api/docs`. The app must be created with `{ bodyParser: false }`.
 */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  // Without trusted proxies req.ip is the socket's peer: nobody chooses their own identity.
  const proxies = app.get(AppConfigService).get('TRUSTED_PROXIES');
  express.set('trust proxy', proxies.length ? proxies : false);
  app.use(app.get(HttpMetrics).middleware());
  express.disable('x-powered-by');
  // Nodes speak plain HTTP (TLS, if any, ends at a proxy): helmet's default upgrade-insecure-requests
  // would make browsers fetch the pages' own scripts and styles over https from any non-loopback host.
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'img-src': ["'self'", 'data:', 'https://image.tmdb.org'], 'upgrade-insecure-requests': null },
      },
    }),
  );
  app.use(requireJsonBody);
  // inflate: false: a compressed body is refused (415) rather than inflated (a zip bomb) or, when
  // the encoding does not match the bytes, failing inside zlib.
  app.use(json({ limit: BODY_LIMIT, inflate: false }));
  app.use(bodyErrors);
  app.use(requestShape);
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Marquee')
      .setDescription(
        'Movie-ticket booking: catalogue, seat maps, holds, bookings. Errors: { error, message, ...details }.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' }, 'admin')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'DOOR_TOKEN (or ADMIN_TOKEN)' }, 'door')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * Applies pending migrations under the cluster-wide lock and, on an empty database, loads the
 * first-run data (unless `SEED_ON_EMPTY=false`); then moves the Lamport clock past what this
 * node stored before a restart.
 */
export async function prepareDatabase(app: INestApplication): Promise<void> {
  const config = app.get(AppConfigService);
  const firstRun = app.get(FirstRunService);
  // With replicas: servers that all came up read-only (docker compose's first start, a restart
  // after a crash) get the epoch's primary made writable before migrating, as the leader would.
  await app
    .get(PrimaryFailover)
    .reconcile()
    .catch((error: unknown) =>
      new Logger('Replication').warn(`could not check the database topology: ${String(error)}`),
    );
  await migrateWithLock(app.get(DataSource), config.get('SEED_ON_EMPTY') ? () => firstRun.seedIfEmpty() : undefined);
  await app.get(BookingService).restoreLamportClock();
}

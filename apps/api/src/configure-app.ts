import { INestApplication, Logger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { json, urlencoded } from 'express';
import { DataSource } from 'typeorm';
import { AppConfigService } from '@app/common';
import { migrateWithLock } from '@app/database';
import { PrimaryFailover } from '@app/failover';
import { FirstRunService } from '@app/catalog';
import { BookingService } from '@app/booking';
import { bodyErrors } from './http/body-errors';
import { ErrorFilter } from './http/error.filter';
import { validationPipe } from './http/validation';

/** Largest JSON body accepted (bytes); larger gets 413. */
export const BODY_LIMIT = '64kb';

/**
 * HTTP concerns shared by main.ts and the tests: `/api` prefix, security headers (helmet),
 * body size limit, the validation pipe, the error filter, OpenAPI at `/api/docs`.
 * The app must be created with `{ bodyParser: false }`.
 */
export function configureApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  express.set('trust proxy', 'loopback');
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
  app.use(json({ limit: BODY_LIMIT }));
  app.use(urlencoded({ extended: false, limit: BODY_LIMIT }));
  app.use(bodyErrors);
  app.setGlobalPrefix('api', { exclude: [] });
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

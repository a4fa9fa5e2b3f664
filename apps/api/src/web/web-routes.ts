import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { NextFunction, Request, Response, Router } from 'express';
import { join } from 'node:path';
import { AppConfigService } from '@app/common';
import { vendorFile, webRoot } from './web-files';
import { NOT_FOUND_PAGE, PAGES, RenderedPage, renderPage } from './web-pages';

/**
 * Serves the HTML pages at `/`, `/movies/:id`, `/shows/:id`, `/bookings`, `/bookings/:code`,
 * `/admin…`, `/door` and their assets at `/assets/…` (the door's QR decoder at `/assets/vendor/jsQR.js`), next to the JSON API under `/api` (whose global prefix
 * does not apply here). Registered on the Express instance after Nest's routes and before its 404
 * handler; every other GET outside `/api` that asks for HTML gets the not-found page (404).
 */
@Injectable()
export class WebRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfigService,
  ) {}

  onModuleInit(): void {
    const instance = this.adapterHost.httpAdapter?.getInstance<express.Express>();
    // No HTTP server (e.g. a test module without one): nothing to serve.
    if (typeof instance?.use !== 'function') return;
    instance.use(this.router());
  }

  /** The Express router of the pages and assets. */
  router(): Router {
    const root = webRoot();
    const settings = {
      timeZone: this.config.get('CINEMA_TIME_ZONE'),
      maxSeats: this.config.get('MAX_SEATS_PER_BOOKING'),
      holdSeconds: this.config.get('HOLD_TTL_SECONDS'),
    };
    const router = Router();
    router.use(
      '/assets',
      express.static(join(root, 'public'), {
        index: false,
        etag: true,
        lastModified: false,
        maxAge: 0,
        fallthrough: true,
      }),
    );
    // The QR decoder of the door page (browsers without BarcodeDetector), from the jsqr package.
    const jsQr = vendorFile(root, 'jsqr/dist/jsQR.js');
    router.get('/assets/vendor/jsQR.js', (_request: Request, response: Response) => {
      response.setHeader('Cache-Control', 'public, max-age=86400');
      response.type('text/javascript').sendFile(jsQr);
    });
    for (const page of PAGES) {
      const rendered = renderPage(root, page, settings);
      router.get(page.path, (request: Request, response: Response, next: NextFunction) => {
        if (page.param && !page.param.pattern.test(String(request.params[page.param.name]))) return next();
        send(request, response, rendered, 200);
      });
    }
    const notFound = renderPage(root, NOT_FOUND_PAGE, settings);
    router.get(/^(?!\/api(?:\/|$)).*/, (request: Request, response: Response, next: NextFunction) => {
      if (!request.accepts('html')) return next();
      send(request, response, notFound, 404);
    });
    return router;
  }
}

function send(request: Request, response: Response, page: RenderedPage, status: number): void {
  response.status(status);
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Cache-Control', 'no-cache');
  response.setHeader('ETag', page.etag);
  if (status === 200 && request.fresh) {
    response.status(304).end();
    return;
  }
  response.end(request.method === 'HEAD' ? undefined : page.html);
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { NextFunction, Request, Response, Router } from 'express';
import { join } from 'node:path';
import { AppConfigService } from '@app/common';
import { nodeModulesFile, VENDOR_FILES, webRoot } from './web-files';
import { NOT_FOUND_PAGE, PAGES, RenderedPage, renderPage } from './web-pages';

/**
 * Serves the HTML pages at `/`, `/movies/:id`, `/shows/:id`, `/bookings`, `/bookings/:code`,
 * `/admin…`, `/door` and their assets at `/assets/…` (npm packages' browser files at `/assets/vendor/…`), next to the JSON API under `/api` (whose global prefix
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
    for (const [name, file] of Object.entries(VENDOR_FILES)) {
      const path = nodeModulesFile(file);
      router.get(`/assets/vendor/${name}`, (_request: Request, response: Response) =>
        response.sendFile(path, { maxAge: 0, lastModified: false, headers: { 'Cache-Control': 'no-cache' } }),
      );
    }
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

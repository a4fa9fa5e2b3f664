import { Module } from '@nestjs/common';
import { WebRoutes } from './web-routes';

/**
 * The HTML front end: static pages with small ES-module scripts and one stylesheet, no build step
 * and no framework. The pages call the JSON API; the seat map follows Server-Sent Events.
 */
@Module({ providers: [WebRoutes] })
export class WebModule {}

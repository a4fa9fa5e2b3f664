import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsRegistry } from './metrics.registry';

/** Latency buckets (seconds) for HTTP requests and booking operations. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** `METHOD /route/template` → the operation it is (e.g. `'POST /api/bookings'` → `booking`). */
export type TrackedOperations = Record<string, string>;

/**
 * The outcome of an operation from its HTTP status: what a booking attempt ended as, without
 * the metrics knowing the domain's errors (the error filter has mapped them to statuses).
 */
export function outcomeOf(status: number): string {
  if (status >= 200 && status < 300) return 'success';
  switch (status) {
    case 409:
      return 'seat_unavailable';
    case 410:
      return 'expired';
    case 429:
      return 'rate_limited';
    case 503:
      return 'unavailable';
    default:
      return status >= 500 ? 'error' : 'rejected';
  }
}

/**
 * One Express middleware that counts every request by method, route template and status and
 * times it (`marquee_http_requests_total`, `marquee_http_request_duration_seconds`), and for the
 * routes named in {@link track} counts the outcome and times the operation
 * (`marquee_booking_outcomes_total`, `marquee_booking_operation_duration_seconds`). Routes are
 * Express's templates (`/api/shows/:id/holds`), so ids never become labels; a request no route
 * matched (static files, 404s) is `route="other"`.
 */
@Injectable()
export class HttpMetrics {
  private readonly requests;
  private readonly durations;
  private readonly outcomes;
  private readonly operationDurations;
  private operations: TrackedOperations = {};

  constructor(metrics: MetricsRegistry) {
    this.requests = metrics.counter('marquee_http_requests_total', 'HTTP requests answered', [
      'method',
      'route',
      'status',
    ]);
    this.durations = metrics.histogram(
      'marquee_http_request_duration_seconds',
      'HTTP request duration',
      ['method', 'route'],
      LATENCY_BUCKETS,
    );
    this.outcomes = metrics.counter('marquee_booking_outcomes_total', 'Holds and bookings by outcome', [
      'operation',
      'outcome',
    ]);
    this.operationDurations = metrics.histogram(
      'marquee_booking_operation_duration_seconds',
      'Hold and booking latency',
      ['operation', 'outcome'],
      LATENCY_BUCKETS,
    );
  }

  /** Names the routes whose outcomes and latency are tracked as operations (replaces any earlier). */
  track(operations: TrackedOperations): void {
    this.operations = { ...operations };
  }

  /** The middleware; install it before the routes (`app.use(httpMetrics.middleware())`). */
  middleware(): (req: Request, res: Response, next: NextFunction) => void {
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const template = (req.route as { path?: unknown } | undefined)?.path;
        const route = typeof template === 'string' ? `${req.baseUrl}${template}` : 'other';
        const status = res.statusCode;
        this.requests.inc({ method: req.method, route, status: String(status) });
        this.durations.observe({ method: req.method, route }, seconds);
        const operation = this.operations[`${req.method} ${route}`];
        if (operation) {
          const outcome = outcomeOf(status);
          this.outcomes.inc({ operation, outcome });
          this.operationDurations.observe({ operation, outcome }, seconds);
        }
      });
      next();
    };
  }
}

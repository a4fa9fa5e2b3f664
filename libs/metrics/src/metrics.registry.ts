import { Injectable, Logger } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One value of a gauge read at scrape time, with its labels. */
export interface GaugeSample {
  labels?: Record<string, string | number>;
  value: number;
}

/**
 * This process's Prometheus registry (prom-client): the default process and Node.js metrics,
 * plus what the app registers. Gauges are collectors that read existing status objects when
 * `/metrics` is scraped ({@link gaugeFrom}), so the libs they read from know nothing of metrics.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * A gauge whose samples `read` returns at each scrape (previous samples are dropped first, so
   * a label set that disappears stops being reported). A `read` that throws leaves the gauge
   * empty for that scrape and is logged at debug level; the scrape itself still succeeds.
   */
  gaugeFrom(
    name: string,
    help: string,
    labelNames: string[],
    read: () => GaugeSample[] | Promise<GaugeSample[]>,
  ): Gauge<string> {
    const logger = this.logger;
    return new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const sample of await read()) this.set(sample.labels ?? {}, sample.value);
        } catch (error) {
          logger.debug(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      },
    });
  }

  /** A counter registered here. */
  counter(name: string, help: string, labelNames: string[]): Counter<string> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** A histogram registered here; `buckets` in seconds. */
  histogram(name: string, help: string, labelNames: string[], buckets: number[]): Histogram<string> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  /** The exposition text of every metric (Prometheus text format 0.0.4). */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  /** The Content-Type of {@link scrape}'s text. */
  get contentType(): string {
    return this.registry.contentType;
  }
}

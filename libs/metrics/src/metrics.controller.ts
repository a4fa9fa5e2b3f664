import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { MetricsRegistry } from './metrics.registry';

/**
 * `GET /metrics`: Prometheus text format. Outside `/api` (Prometheus' convention) and not for the
 * public: nginx refuses it on the public port; scrape each node directly.
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    const text = await this.metrics.scrape();
    res.type(this.metrics.contentType).send(text);
  }
}

import { Controller, Get, Header, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import type { HealthCheckResult } from '@nestjs/terminus';
import { HealthService } from './health.service';
import { MetricsRegistry } from './metrics.registry';

/**
 * Probe endpoints, outside the /api/v1 prefix (main.ts excludes them) and without auth, as
 * Kubernetes probes and Prometheus scrapers call them. A failed check answers 503 with terminus'
 * result body (`{status, info, error, details}`), not the generic error shape, so an operator
 * sees which indicator failed.
 */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly metrics: MetricsRegistry,
  ) {}

  @Get('health/live')
  @Header('cache-control', 'no-store')
  live(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return withStatus(res, this.health.live());
  }

  @Get('health/ready')
  @Header('cache-control', 'no-store')
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return withStatus(res, this.health.ready());
  }

  @Get('metrics')
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.exposition();
    res.setHeader('content-type', contentType);
    res.send(body);
  }
}

async function withStatus(res: Response, check: Promise<HealthCheckResult>): Promise<HealthCheckResult> {
  try {
    return await check;
  } catch (err) {
    if (!(err instanceof ServiceUnavailableException)) throw err;
    res.status(503);
    return err.getResponse() as HealthCheckResult;
  }
}

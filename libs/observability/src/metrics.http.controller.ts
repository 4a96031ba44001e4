import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@passerelle/auth';
import { PasserelleMetrics } from './passerelle-metrics';

/** Prometheus scrape endpoint: counts and timings only, nothing about a person. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(PasserelleMetrics) private readonly metrics: PasserelleMetrics) {}

  @Get()
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.scrape();
  }
}

import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { PG_POOL, Public } from '@passerelle/platform';
import type { Pool } from 'pg';

/** Liveness and readiness: the process answers, and the event store and database answer it. */
@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get() @Public() @HealthCheck()
  check() {
    return this.health.check([
      () => this.probe('database', () => this.pool.query('SELECT 1')),
      () => this.probe('eventStore', () => this.store.headPosition()),
    ]);
  }

  private async probe(key: string, check: () => Promise<unknown>) {
    const indicator = this.indicators.check(key);
    try {
      await check();
      return indicator.up();
    } catch {
      return indicator.down({ message: 'unreachable' });
    }
  }
}

import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import type { Pool } from 'pg';
import { Public } from '@passerelle/auth';
import { PG_POOL } from '@passerelle/database';
import { ReadinessProbes } from './readiness-probes';

/**
 * /health of every service (the API, the projector, the relay, the webhook dispatcher, and all of
 * them in `npm start`): ready when the database, the event store and every registered dependency
 * answer.
 */
@ApiTags('operations')
@Controller('health')
export class OperationsHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly probes: ReadinessProbes,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  check() {
    const checks: [string, () => Promise<unknown>][] = [
      ['database', () => this.pool.query('SELECT 1')],
      ['eventStore', () => this.store.headPosition()],
      ...this.probes.entries(),
    ];
    return this.health.check(
      checks.map(
        ([key, check]) =>
          () =>
            this.probe(key, check),
      ),
    );
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

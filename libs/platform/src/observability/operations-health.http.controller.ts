import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import type { Pool } from 'pg';
import { Public } from '../auth/auth.decorators';
import { PG_POOL } from '../infrastructure/tokens';
import { ReadinessProbes } from './readiness-probes';

/**
 * /health of the services without an HTTP API (projector, relay, webhook dispatcher): ready when
 * the database, the event store and every registered dependency (the bus…) answer. The API has its
 * own controller with the same checks.
 */
@ApiExcludeController()
@Controller('health')
export class OperationsHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly probes: ReadinessProbes,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get() @Public() @HealthCheck()
  check() {
    const checks: Array<[string, () => Promise<unknown>]> = [
      ['database', () => this.pool.query('SELECT 1')],
      ['eventStore', () => this.store.headPosition()],
      ...this.probes.entries(),
    ];
    return this.health.check(checks.map(([key, check]) => () => this.probe(key, check)));
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

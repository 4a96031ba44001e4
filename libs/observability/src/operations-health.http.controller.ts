import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import type { Pool } from 'pg';
import { Public } from '@passerelle/auth';
import { PG_POOL } from '@passerelle/database';
import { named, object, oneOfValues, Operation } from '@passerelle/http';
import { PasserelleMetrics } from './passerelle-metrics';
import { NotReadyError, ReadinessProbes } from './readiness-probes';

/**
 * /health of every service (the API, the projector, the relay, the webhook dispatcher, and all of
 * them in `npm start`): ready when the database, the event store and every registered dependency
 * answer, and none of the service's projections (read models, relay, webhook outbox) is failed
 * (docs/operations.md).
 */
const INDICATORS = {
  type: 'object',
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string' } } },
};
const HEALTH = named(
  'Health',
  object({ status: oneOfValues(['ok', 'error', 'shutting_down']), info: INDICATORS, error: INDICATORS, details: INDICATORS }, [
    'info',
    'error',
  ]),
);
const UP = { status: 'up' };

@ApiTags('operations')
@Controller('health')
export class OperationsHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly probes: ReadinessProbes,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(PasserelleMetrics) private readonly metrics?: PasserelleMetrics,
  ) {}

  @Get()
  @Public()
  @Operation('getHealth', {
    summary: 'Ready: the database, the event store and every dependency answer, and no projection is failed (503 otherwise)',
    responses: [
      {
        status: 200,
        description: 'Ready',
        body: HEALTH,
        example: { status: 'ok', info: { database: UP, eventStore: UP }, error: {}, details: { database: UP, eventStore: UP } },
      },
    ],
    security: 'public',
  })
  // Documented by @Operation and the 503 below, in the document's own schema.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiResponse({
    status: 503,
    description: 'Not ready: the failing checks are in `error`',
    content: { 'application/json': { schema: HEALTH } },
  })
  check() {
    const checks: [string, () => Promise<unknown>][] = [
      ['database', () => this.pool.query('SELECT 1')],
      ['eventStore', () => this.store.headPosition()],
      ...(this.metrics?.observesProjections ? [['projections', () => this.projectionsHealthy()] as [string, () => Promise<unknown>]] : []),
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

  private async projectionsHealthy(): Promise<void> {
    const failed = (await this.metrics?.sampleProjections())?.filter((projection) => projection.failed) ?? [];
    if (failed.length > 0) throw new NotReadyError(`failed: ${failed.map((projection) => projection.name).join(', ')}`);
  }

  private async probe(key: string, check: () => Promise<unknown>) {
    const indicator = this.indicators.check(key);
    try {
      await check();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: error instanceof NotReadyError ? error.message : 'unreachable' });
    }
  }
}

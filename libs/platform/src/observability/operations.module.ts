import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { OperationsHealthController } from './operations-health.http.controller';
import { ReadinessProbes } from './readiness-probes';

/**
 * /health for a service that has no HTTP API of its own (projector, relay, webhook dispatcher).
 * ReadinessProbes is global so that any module of the service can register its dependency.
 */
@Global()
@Module({
  imports: [TerminusModule],
  controllers: [OperationsHealthController],
  providers: [ReadinessProbes],
  exports: [ReadinessProbes],
})
export class OperationsModule {}

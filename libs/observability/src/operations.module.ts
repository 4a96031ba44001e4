import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { OperationsHealthController } from './operations-health.http.controller';
import { ReadinessProbes } from './readiness-probes';

/**
 * /health for every service, the API included.
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

import { Global, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { CommandMetrics } from './command-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { logOptions } from './log-options';
import { LivenessController } from './liveness.http.controller';
import { MetricsController } from './metrics.http.controller';
import { PasserelleMetrics } from './passerelle-metrics';

export interface ObservabilityOptions {
  /** Names the service in every log line: api, projector, relay, webhook-dispatcher, standalone. */
  service: string;
  /** LOG_LEVEL. */
  logLevel: string;
}

/**
 * Logs, metrics and /metrics for one app root. After creating the app, hand Nest the JSON logger:
 * `app.useLogger(app.get(Logger))` (Logger from nestjs-pino), as runService does.
 * PasserelleMetrics is global: inject it to count (the webhook dispatcher's attempts, …).
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot(logOptions(options.service, options.logLevel))],
      controllers: [MetricsController, LivenessController],
      providers: [{ provide: PasserelleMetrics, useFactory: () => new PasserelleMetrics() }, CommandMetrics],
      exports: [PasserelleMetrics],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}

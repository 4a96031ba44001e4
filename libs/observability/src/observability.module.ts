import { Global, Inject, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import { CommandMetrics } from './command-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { JsonLogger } from './json-logger';
import { logOptions } from './log-options';
import { LivenessController } from './liveness.http.controller';
import { requestLog } from './request-log.middleware';
import { MetricsController } from './metrics.http.controller';
import { PasserelleMetrics } from './passerelle-metrics';

export interface ObservabilityOptions {
  /** Names the service in every log line: api, projector, relay, webhook-dispatcher, standalone. */
  service: string;
  /** LOG_LEVEL. */
  logLevel: string;
}

/** The app's one pino logger: it writes the request lines (request-log.middleware.ts) and backs JsonLogger. */
const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Logs, metrics and /metrics for one app root. After creating the app, hand Nest the JSON logger:
 * `app.useLogger(app.get(JsonLogger))`, as runService does (libs/runtime/src/run-service.ts).
 * PasserelleMetrics is global: inject it to count (the webhook dispatcher's attempts, …).
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  constructor(@Inject(ROOT_LOGGER) private readonly logger: Logger) {}

  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [MetricsController, LivenessController],
      providers: [
        // Created with the app, not on import: a test that replaced process.stdout.write first gets
        // the lines (test/e2e/support/personal-data-scan.ts).
        { provide: ROOT_LOGGER, useFactory: () => pino(logOptions(options.service, options.logLevel)) },
        { provide: JsonLogger, useFactory: (logger: Logger) => new JsonLogger(logger), inject: [ROOT_LOGGER] },
        { provide: PasserelleMetrics, useFactory: () => new PasserelleMetrics() },
        CommandMetrics,
      ],
      exports: [PasserelleMetrics, JsonLogger],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // A plain middleware: a request's line is written from its own closure, no AsyncLocalStorage (json-logger.ts).
    consumer.apply(requestLog(this.logger), HttpMetricsMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}

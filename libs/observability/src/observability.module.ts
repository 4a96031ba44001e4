import { Global, Inject, Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { CommandMetrics } from './command-metrics';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { JsonLogger } from './json-logger';
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

/** The app's one pino-http instance: its middleware writes the request lines, its root logger backs JsonLogger. */
const REQUEST_LOGGER = Symbol('REQUEST_LOGGER');

/**
 * Logs, metrics and /metrics for one app root. After creating the app, hand Nest the JSON logger:
 * `app.useLogger(app.get(JsonLogger))`, as runService does (libs/runtime/src/run-service.ts).
 * PasserelleMetrics is global: inject it to count (the webhook dispatcher's attempts, …).
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  constructor(@Inject(REQUEST_LOGGER) private readonly requestLogger: HttpLogger) {}

  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [MetricsController, LivenessController],
      providers: [
        // Created with the app, not on import: a test that replaced process.stdout.write first gets
        // the lines (test/e2e/support/personal-data-scan.ts).
        { provide: REQUEST_LOGGER, useFactory: () => pinoHttp(logOptions(options.service, options.logLevel)) },
        { provide: JsonLogger, useFactory: (requestLogger: HttpLogger) => new JsonLogger(requestLogger.logger), inject: [REQUEST_LOGGER] },
        { provide: PasserelleMetrics, useFactory: () => new PasserelleMetrics() },
        CommandMetrics,
      ],
      exports: [PasserelleMetrics, JsonLogger],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // A plain middleware: the request's log lines are bound to it (req.log) and to nothing else,
    // no AsyncLocalStorage (json-logger.ts).
    consumer.apply(this.requestLogger, HttpMetricsMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}

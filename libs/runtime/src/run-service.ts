import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig, runtimeSettings, type Env, type PasserelleConfig, type RuntimeSettings } from '@passerelle/config';
import { JsonLogger, ObservabilityModule, QuietFrameworkLogger } from '@passerelle/observability';
import { closeOnSignals } from './close-on-signals';
import { type ExternalConfig, requireExternalDatabase } from './service-requirements';
import { assertDatabaseAnswers } from './database-check';

export interface ServiceDefinition {
  /** api, projector, relay, webhook-dispatcher: names the service in logs, metrics and errors. */
  name: string;
  /** The service's own modules; runService adds logs and /metrics. */
  imports: (Type | DynamicModule)[];
  /** The service's composition root: the pools, stores and keys it needs (apps/<app>/src/*.infrastructure.ts). */
  infrastructure(settings: RuntimeSettings): DynamicModule;
  /** Start conditions beyond DATABASE_URL, e.g. requireCrossProcessBus; each throws a ConfigError. */
  requires?: readonly ((config: PasserelleConfig, service: string) => void)[];
  /** Before listening: body parser, pipes, OpenAPI… */
  configure?(app: NestExpressApplication, settings: RuntimeSettings): void;
  /** After listening, e.g. registering the bootstrap admin key. */
  started?(app: NestExpressApplication, settings: RuntimeSettings): Promise<void>;
}

export interface RunningService {
  app: NestExpressApplication;
  settings: RuntimeSettings;
  /** http://host:port of the service's HTTP server (the API, or /health and /metrics). */
  url: string;
}

@Module({})
class ServiceRootModule {}

/**
 * Starts one service of the production topology alone (`node dist/apps/<app>/src/main.js`):
 * validates the environment (every problem named), refuses to run without DATABASE_URL, loads
 * only the service's modules plus the infrastructure it composes, logs in JSON, serves /metrics (and
 * /health where the service adds it), and closes gracefully on SIGTERM/SIGINT.
 */
export async function runService(
  definition: ServiceDefinition,
  env: Env = process.env,
  options: { handleSignals?: boolean } = {},
): Promise<RunningService> {
  const config = loadConfig(env);
  requireExternalDatabase(config, definition.name);
  for (const requirement of definition.requires ?? []) requirement(config, definition.name);
  const settings = runtimeSettingsFrom(config);
  const root: DynamicModule = {
    module: ServiceRootModule,
    imports: [
      definition.infrastructure(settings),
      ObservabilityModule.forRoot({ service: definition.name, logLevel: settings.logLevel }),
      ...definition.imports,
    ],
  };
  await assertDatabaseAnswers(settings.databaseUrl);
  // Logs wait for the JSON logger; a failed start prints only the one line exitOnStartFailure gives.
  // The infrastructure applies pending migrations first, under their own advisory lock.
  const app = await NestFactory.create<NestExpressApplication>(root, {
    bodyParser: false,
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  try {
    const logger = app.get(JsonLogger);
    app.useLogger(new QuietFrameworkLogger(logger, settings.logLevel === 'debug' || settings.logLevel === 'trace'));
    app.flushLogs();
    app.disable('x-powered-by');
    definition.configure?.(app, settings);
    await app.listen(config.http.port, config.http.host);
    await definition.started?.(app, settings);
    const url = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${config.http.port}`;
    logger.log(`${definition.name} is running on ${url} (event store: ${config.eventStore.kind}, bus: ${config.bus.kind})`, 'Service');
    if (options.handleSignals !== false) closeOnSignals(app, logger);
    return { app, settings, url };
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
}

/** The settings of a split service: everything from the environment, nothing generated. */
export function runtimeSettingsFrom(config: ExternalConfig): RuntimeSettings {
  const { databaseUrl, masterKey, linkageKey } = config;
  return runtimeSettings(config, { databaseUrl, masterKey, linkageKey, bootstrapAdminKey: config.bootstrapAdminKey ?? null });
}

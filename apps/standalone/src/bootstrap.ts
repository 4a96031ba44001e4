import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiKeyStore } from '@passerelle/auth';
import { ensureEmbeddedSecrets, loadConfig, runtimeSettings, type RuntimeSettings } from '@passerelle/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@passerelle/embedded-postgres';
import { JsonLogger, QuietFrameworkLogger } from '@passerelle/observability';
import { configureHttpApp } from '../../api/src/http-app';
import { BackgroundThread } from './background-thread';
import { StandaloneModule } from './standalone.module';

/**
 * `npm start`: validates the environment, starts the embedded PostgreSQL when DATABASE_URL is
 * unset, runs the API on this thread and the projector, relay and webhook dispatcher on a
 * background thread of this process, and stops everything in order on SIGINT/SIGTERM (HTTP
 * first, then the background services, then the database).
 */
export async function bootstrapStandalone(env: NodeJS.ProcessEnv): Promise<void> {
  const config = loadConfig(env);
  const say = (line: string) => console.log(line);
  let embedded: EmbeddedPostgres | null = null;
  let settings: RuntimeSettings;
  if (config.mode === 'embedded') {
    const secrets = ensureEmbeddedSecrets(config.dataDir, env);
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, log: say });
    if (embedded.created || secrets.created) say(`Passerelle keeps its data and keys in ${config.dataDir} (secrets: ${secrets.file})`);
    settings = runtimeSettings(config, {
      databaseUrl: embedded.url,
      masterKey: secrets.masterKey,
      linkageKey: secrets.linkageKey,
      bootstrapAdminKey: secrets.bootstrapAdminKey,
    });
  } else {
    const { databaseUrl, masterKey, linkageKey } = config;
    settings = runtimeSettings(config, { databaseUrl, masterKey, linkageKey, bootstrapAdminKey: config.bootstrapAdminKey ?? null });
  }
  const background = new BackgroundThread(settings);
  const app = await NestFactory.create<NestExpressApplication>(StandaloneModule.withBackgroundThread(settings, background), {
    bodyParser: false,
    // JSON logs from the first line; a failed start prints only main.ts's one line, never Nest's stack.
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  app.useLogger(new QuietFrameworkLogger(app.get(JsonLogger), config.logLevel === 'debug' || config.logLevel === 'trace'));
  app.flushLogs();
  configureHttpApp(app, settings);
  if (settings.bootstrapAdminKey) await app.get(ApiKeyStore).ensureBootstrapAdmin(settings.bootstrapAdminKey);
  await background.start();
  await app.listen(config.http.port, config.http.host);
  const base = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${config.http.port}`;
  say(
    `Passerelle is running (${config.mode === 'embedded' ? `embedded PostgreSQL on port ${embedded?.port}` : 'PostgreSQL from DATABASE_URL'})`,
  );
  say(`  API      ${base}/v1`);
  say(`  OpenAPI  ${base}/docs`);
  say(`  Console  ${settings.publicUrl ?? base}/console/`);
  say(`  Health   ${base}/health`);
  // Never the key itself: a terminal's scrollback and a service's log are not where a credential belongs.
  if (settings.bootstrapAdminKey) {
    say(
      `  Admin key (bootstrap): ${config.mode === 'embedded' && !config.bootstrapAdminKey ? `bootstrapAdminKey in ${config.dataDir}/secrets.json` : 'PASSERELLE_BOOTSTRAP_ADMIN_KEY'}`,
    );
  }
  stopInOrder(app, background, embedded);
}

function stopInOrder(app: NestExpressApplication, background: BackgroundThread, embedded: EmbeddedPostgres | null): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const logger = new Logger('Shutdown');
    logger.log(`${signal}: finishing in-flight requests and projections`);
    try {
      await app.close();
      await background.stop();
      await embedded?.stop();
      process.exit(0);
    } catch (error) {
      console.error(`passerelle: shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));
}

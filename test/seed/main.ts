import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiKeyStore } from '@passerelle/auth';
import { ensureEmbeddedSecrets, loadConfig, type RuntimeSettings } from '@passerelle/config';
import { READ_MODEL } from '@passerelle/database';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@passerelle/embedded-postgres';
import { CLOCK_OVERRIDE_FLAG } from '@passerelle/http';
import { waitForCheckpoint } from '@passerelle/projections';
import { ALL_PROJECTIONS } from '@passerelle/subscribers';
import type { DataSource } from 'typeorm';
import { configureHttpApp } from '../../apps/api/src/http-app';
import { StandaloneModule } from '../../apps/standalone/src/standalone.module';
import { parseSeedArguments, type SeedArguments } from './seed-arguments';
import { httpTransport } from './seed-client';
import { seedNetwork, type SeededNetwork } from './seed-network';

/**
 * `npm run seed -- --cases N --seed S`. By default it seeds the same data `npm start` uses
 * (./.passerelle, or DATABASE_URL): it boots the network in this process, as `npm start` does, with
 * the clock override on and its API on a loopback port nobody else knows, so stop `npm start`
 * first. With `--url` it seeds a running network instead, which must have been started with
 * PASSERELLE_ALLOW_CLOCK_OVERRIDE=true.
 */
async function main(args: SeedArguments): Promise<void> {
  const log = (line: string) => console.error(line);
  if (args.url && args.adminKey) {
    report(await seedNetwork(httpTransport(args.url), args.adminKey, args, log));
    return;
  }
  // This process only: the override lets the seed write history at past instants (never in production).
  process.env[CLOCK_OVERRIDE_FLAG] = 'true';
  const config = loadConfig(process.env);
  let embedded: EmbeddedPostgres | null = null;
  let settings: RuntimeSettings;
  // This process serves the seed alone: no rate limit to wait out.
  const common = {
    bodyLimit: config.http.bodyLimit,
    logLevel: 'error',
    readYourWritesTimeoutMs: 5000,
    rateLimits: { perKey: null, perAddress: null },
  };
  if (config.mode === 'embedded') {
    const secrets = ensureEmbeddedSecrets(config.dataDir, process.env);
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, log });
    settings = {
      ...common,
      databaseUrl: embedded.url,
      masterKey: secrets.masterKey,
      linkageKey: secrets.linkageKey,
      bootstrapAdminKey: secrets.bootstrapAdminKey,
    };
  } else {
    settings = {
      ...common,
      databaseUrl: config.databaseUrl,
      masterKey: config.masterKey,
      linkageKey: config.linkageKey,
      bootstrapAdminKey: config.bootstrapAdminKey ?? null,
    };
  }
  const adminKey = settings.bootstrapAdminKey ?? args.adminKey;
  if (!adminKey) throw new Error('set PASSERELLE_BOOTSTRAP_ADMIN_KEY (or pass --admin-key) to seed a database given by DATABASE_URL');
  const app = await NestFactory.create<NestExpressApplication>(StandaloneModule.forRoot(settings), {
    bodyParser: false,
    logger: ['error', 'fatal'],
  });
  try {
    configureHttpApp(app, settings);
    await app.get(ApiKeyStore).ensureBootstrapAdmin(adminKey);
    await app.listen(0, '127.0.0.1');
    const seeded = await seedNetwork(httpTransport(await app.getUrl()), adminKey, args, log);
    log('waiting for the read models to catch up…');
    const readModel = app.get<DataSource>(READ_MODEL);
    for (const projection of ALL_PROJECTIONS) await waitForCheckpoint(readModel, projection.name, seeded.head, 120_000);
    report(seeded);
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

function report(seeded: SeededNetwork): void {
  console.log(
    JSON.stringify(
      {
        ...seeded.truth,
        organisations: seeded.organisations.length,
        head: seeded.head.toString(),
        // Shown once, like the admin key at `npm start`: to try the coordination and research views.
        coordinatorKey: seeded.coordinatorKey,
        researcherKey: seeded.researcherKey,
      },
      null,
      2,
    ),
  );
}

Promise.resolve()
  .then(() => main(parseSeedArguments(process.argv.slice(2))))
  .catch((error: unknown) => {
    console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });

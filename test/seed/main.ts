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
import { expectOk, httpTransport, type SeedTransport } from './seed-client';
import { expireSeededPlaceRequests } from './seed-expiry';
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
    const transport = httpTransport(args.url);
    const seeded = await seedNetwork(transport, args.adminKey, args, log);
    report(seeded, await placeRequestFigures(transport, seeded.coordinatorKey));
    return;
  }
  // This process only: the override lets the seed write history at past instants (never in production).
  process.env[CLOCK_OVERRIDE_FLAG] = 'true';
  const config = loadConfig(process.env);
  let embedded: EmbeddedPostgres | null = null;
  let settings: RuntimeSettings;
  // This process serves the seed alone: no rate limit to wait out. Seeded deadlines are in the past:
  // they are expired once, after the seed (seed-expiry.ts).
  const common = {
    bodyLimit: config.http.bodyLimit,
    logLevel: 'error',
    readYourWritesTimeoutMs: 5000,
    placeRequests: { expiryIntervalMs: null },
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
    const transport = httpTransport(await app.getUrl());
    const written = await seedNetwork(transport, adminKey, args, log);
    log('expiring the place requests nobody accepted in time…');
    const seeded = { ...written, head: await expireSeededPlaceRequests(app) };
    log('waiting for the read models to catch up…');
    const readModel = app.get<DataSource>(READ_MODEL);
    for (const projection of ALL_PROJECTIONS) await waitForCheckpoint(readModel, projection.name, seeded.head, 120_000);
    report(seeded, await placeRequestFigures(transport, seeded.coordinatorKey));
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

/** The coordination view of the seeded place requests: how long placing took, per département and service. */
async function placeRequestFigures(transport: SeedTransport, coordinatorKey: string): Promise<unknown> {
  const response = await expectOk(transport, 'place request figures', 'GET', '/v1/coordination/place-requests', { key: coordinatorKey });
  const body = response.body as { totals: Record<string, unknown>; rows: Record<string, unknown>[] };
  const brief = ({ requests, placed, expired, cancelled, timeToPlaceHours, rounds }: Record<string, unknown>) => ({
    requests,
    placed,
    expired,
    cancelled,
    timeToPlaceHours,
    rounds,
  });
  return {
    totals: { ...brief(body.totals), declinesPerRequest: body.totals.declinesPerRequest },
    byDepartmentAndService: body.rows.map((row) => ({ department: row.department, service: row.service, ...brief(row) })),
  };
}

function report(seeded: SeededNetwork, placeRequests: unknown): void {
  console.log(
    JSON.stringify(
      {
        ...seeded.truth,
        placeRequestFigures: placeRequests,
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

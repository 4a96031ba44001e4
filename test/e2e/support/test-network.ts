import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiKeyStore } from '@passerelle/auth';
import type { RuntimeSettings } from '@passerelle/config';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { configureHttpApp } from '../../../apps/api/src/http-app';
import { StandaloneModule } from '../../../apps/standalone/src/standalone.module';
import { checkingAgent, responseChecker, type OpenApi31Document } from './openapi-responses';

export interface TestNetwork {
  app: NestExpressApplication;
  database: TestDatabase;
  settings: RuntimeSettings;
  adminKey: string;
  /** A supertest agent whose every answer is checked against the OpenAPI document (support/openapi-responses.ts). */
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

export interface TestNetworkOptions {
  /** Receives every log line of the application (all levels), e.g. to search it for personal data. */
  logger?: LoggerService;
  /** Restart on an existing database (same keys via overrides); close() then leaves it to its owner. */
  database?: TestDatabase;
}

/** The whole network in-process on a fresh database: the same modules `npm start` runs. */
export async function startTestNetwork(overrides: Partial<RuntimeSettings> = {}, options: TestNetworkOptions = {}): Promise<TestNetwork> {
  const database = options.database ?? (await createTestDatabase('e2e'));
  // A network restarted with the same settings keeps its bootstrap key (a new one would revoke it).
  const adminKey = overrides.bootstrapAdminKey ?? `psk_${randomBytes(32).toString('base64url')}`;
  const settings: RuntimeSettings = {
    databaseUrl: database.url,
    masterKey: randomBytes(32).toString('base64'),
    linkageKey: randomBytes(32).toString('base64'),
    bootstrapAdminKey: adminKey,
    bodyLimit: '100kb',
    // A whole suite runs from one address with a few keys: limits far above it, still counted on every request.
    rateLimits: { perKey: { limit: 1_000_000, windowMs: 60_000 }, perAddress: { limit: 1_000_000, windowMs: 60_000 } },
    logLevel: 'error',
    readYourWritesTimeoutMs: 5000,
    eventStore: { kind: 'postgres' },
    webhooks: { retryScheduleMs: [0, 200, 400], allowLoopback: true },
    ...overrides,
  };
  const app = await NestFactory.create<NestExpressApplication>(StandaloneModule.forRoot(settings), {
    bodyParser: false,
    logger: options.logger ?? ['error', 'fatal'],
  });
  configureHttpApp(app, settings);
  await app.init();
  try {
    await app.get(ApiKeyStore).ensureBootstrapAdmin(adminKey);
  } catch (error) {
    await app.close();
    if (!options.database) await database.drop();
    throw error;
  }
  // Every answer a suite receives must be one the document declares (status, media type, schema).
  const check = responseChecker((await request(app.getHttpServer()).get('/docs-json')).body as OpenApi31Document);
  return {
    app,
    database,
    settings,
    adminKey,
    http: () => checkingAgent(request(app.getHttpServer()), check),
    async close() {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}

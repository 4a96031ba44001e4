import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { InfrastructureModule } from '@passerelle/composition';
import type { RuntimeSettings } from '@passerelle/config';
import { ObservabilityModule } from '@passerelle/observability';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiResources } from '../api.infrastructure';
import { ApiModule } from '../api.module';
import { configureHttpApp } from '../http-app';

@Module({})
class OpenApiRootModule {}

/** Never used to connect: in preview mode no resource is opened. */
const PREVIEW_SETTINGS: RuntimeSettings = {
  databaseUrl: 'postgres://preview@127.0.0.1:1/preview',
  masterKey: '',
  linkageKey: '',
  bootstrapAdminKey: null,
  bodyLimit: '100kb',
  logLevel: 'error',
  readYourWritesTimeoutMs: 0,
};

/**
 * The OpenAPI document the API serves at /docs-json, built without a database and without starting
 * the API (`npm run sdk:generate`, libs/sdk/README.md): Nest's preview mode resolves the API's modules
 * without instantiating a provider, so nothing connects; configureHttpApp then documents the routes
 * exactly as at start, and the document is read back from the app's own /docs-json route, over one
 * in-process request on a loopback port that is closed at once.
 */
export async function buildOpenApiDocument(): Promise<unknown> {
  const app = await NestFactory.create<NestExpressApplication>(
    {
      module: OpenApiRootModule,
      imports: [
        InfrastructureModule.forRoot(apiResources(PREVIEW_SETTINGS)),
        ObservabilityModule.forRoot({ service: 'api', logLevel: 'error' }),
        ApiModule,
      ],
    },
    { preview: true, bodyParser: false, logger: ['error', 'fatal'], abortOnError: false },
  );
  try {
    configureHttpApp(app, PREVIEW_SETTINGS);
    return await getJson(app.getHttpAdapter().getInstance(), '/docs-json');
  } finally {
    await app.close();
  }
}

async function getJson(handler: RequestListener, path: string): Promise<unknown> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    return await response.json();
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

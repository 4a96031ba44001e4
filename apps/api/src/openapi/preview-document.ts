import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { InfrastructureModule } from '@passerelle/composition';
import type { RuntimeSettings } from '@passerelle/config';
import { ObservabilityModule } from '@passerelle/observability';
import { apiResources } from '../api.infrastructure';
import { ApiModule } from '../api.module';
import { buildOpenApiDocument } from './openapi-document';

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
 * the API (`npm run openapi`, `npm run sdk:generate`; libs/sdk/README.md): Nest's preview mode
 * resolves the API's modules without instantiating a provider, so nothing connects, and
 * buildOpenApiDocument reads the same controllers' decorators as at start.
 */
export async function previewOpenApiDocument(): Promise<OpenAPIObject> {
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
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

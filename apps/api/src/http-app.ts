import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { RuntimeSettings } from '@passerelle/config';
import { createValidationPipe, jsonBodyParser, jsonOnly, responseHeaders } from '@passerelle/http';
import { fhirTransport } from './fhir/fhir-body-parser';
import { FHIR_BASE_PATH } from './fhir/fhir-http';
import { buildOpenApiDocument } from './openapi/openapi-document';

/** The JSON API; the console, /health, /metrics and /docs sit beside it. */
const API_PREFIX = '/v1/';

/**
 * What every HTTP app needs besides its modules: a request id and no caching of the API's answers,
 * JSON bodies only, bounded in size and depth, strict validation, and the OpenAPI document at
 * /docs (JSON at /docs-json, apps/api/src/openapi/openapi-document.ts); the FHIR facade describes itself at /fhir/r4/metadata.
 */
export function configureHttpApp(
  app: NestExpressApplication,
  settings: Pick<RuntimeSettings, 'bodyLimit' | 'trustProxy'>,
): INestApplication {
  // Behind a reverse proxy, the client's address (its rate limit) comes from X-Forwarded-For, and only then.
  if (settings.trustProxy !== undefined) app.set('trust proxy', settings.trustProxy);
  // Order matters: the headers first (every answer, errors included, carries them), then the
  // media type, then the bounded JSON parser.
  app.use(responseHeaders(API_PREFIX));
  app.use(jsonOnly(API_PREFIX));
  // FHIR routes: not cached either, and a bad body answered as an OperationOutcome (apps/api/src/fhir/fhir-body-parser.ts).
  app.use(`/${FHIR_BASE_PATH}`, ...fhirTransport(settings.bodyLimit));
  app.use(jsonBodyParser(settings.bodyLimit));
  app.useGlobalPipes(createValidationPipe());
  app.disable('x-powered-by');
  // No ETag computed over every answer (a SHA-1 of each body): the API's answers are never cached
  // (Cache-Control: no-store); FHIR sets its resources' version ETags itself (apps/api/src/fhir/fhir-http.ts).
  app.set('etag', false);
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app));
  return app;
}

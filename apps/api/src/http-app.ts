import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { RuntimeSettings } from '@passerelle/config';
import { createValidationPipe } from '@passerelle/http';
import { fhirBodyParser } from './fhir/fhir-body-parser';
import { FHIR_BASE_PATH } from './fhir/fhir-http';

/**
 * What every HTTP app needs besides its modules: a bounded JSON body, strict validation, and the
 * OpenAPI document at /docs (JSON at /docs-json); the FHIR facade describes itself at /fhir/r4/metadata.
 */
export function configureHttpApp(app: NestExpressApplication, settings: Pick<RuntimeSettings, 'bodyLimit'>): INestApplication {
  // First: FHIR routes answer a bad body as an OperationOutcome (apps/api/src/fhir/fhir-body-parser.ts).
  app.use(`/${FHIR_BASE_PATH}`, fhirBodyParser(settings.bodyLimit));
  app.useBodyParser('json', { limit: settings.bodyLimit, type: ['application/json', 'application/*+json'] });
  app.useGlobalPipes(createValidationPipe());
  app.disable('x-powered-by');
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Passerelle API')
      .setDescription(
        'Consent-scoped referral network for organisations protecting migrant women who survive gender-based violence or trafficking. ' +
          'Errors are application/problem+json (RFC 9457). Every state-changing POST honours Idempotency-Key.',
      )
      .setVersion('1')
      .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key psk_…' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}

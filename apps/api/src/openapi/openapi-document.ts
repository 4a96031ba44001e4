import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { COMPONENT_NAME, PROBLEM_SCHEMA, problemResponse, type JsonSchema } from '@passerelle/http';

type Operation = {
  operationId?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, unknown>;
  parameters?: { in: string; name: string; schema?: JsonSchema }[];
};
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The OpenAPI 3.1 document of the JSON API (/docs, /docs-json; `npm run openapi` writes it to a
 * file). @nestjs/swagger writes OpenAPI 3.0 from the controllers' decorators (libs/http/src/openapi/
 * operation.decorator.ts); this makes it 3.1 (nullable → type arrays), hoists the named response
 * schemas into components, adds the one `Problem` schema and the problems every route can answer.
 * The FHIR facade is left out: it describes itself (GET /fhir/r4/metadata, docs/fhir.md).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Passerelle API')
      .setDescription(
        'Consent-scoped referral network for organisations protecting migrant women who survive gender-based violence or trafficking. ' +
          'Errors are application/problem+json (RFC 9457) with a stable `code` (schema Problem). ' +
          'Every state-changing POST honours Idempotency-Key.',
      )
      .setVersion('1')
      .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
      .addServer('/', 'This server')
      .addTag('cases', 'Her case: identification, consents, erasure, her documents and who read her data')
      .addTag('referrals', 'Referring her to a partner, and the partner’s answer')
      .addTag('place-requests', 'Asking several shelters at once for a place')
      .addTag('inbox', 'Referrals received and sent')
      .addTag('organisations', 'The directory and declared capacity')
      .addTag('people and keys', 'An organisation’s people, invitations and machine keys')
      .addTag('keys', 'Who is calling')
      .addTag('sign-in', 'People sign in to the console (session cookie)')
      .addTag('webhooks', 'Signed deliveries of your organisation’s events')
      .addTag('coordination', 'Figures for the network’s coordinators, under consent')
      .addTag('research', 'Aggregates under disclosure control')
      .addTag('directory', 'The directory in open formats (HSDS)')
      .addTag('operations', 'Readiness of the service')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key, psk_…' }, 'bearer')
      .addCookieAuth(
        'passerelle_session',
        { type: 'apiKey', in: 'cookie', description: 'A signed-in person (the console); `__Host-passerelle_session` over HTTPS' },
        'session',
      )
      .build(),
    { operationIdFactory: (_controller, method) => method },
  );
  return toOpenApi31(document);
}

export function toOpenApi31(source: OpenAPIObject): OpenAPIObject {
  const schemas: Record<string, JsonSchema> = {};
  const document = hoist(to31Schemas(source), schemas) as OpenAPIObject;
  document.openapi = '3.1.0';
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...schemas, Problem: PROBLEM_SCHEMA } };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Operation | undefined;
      if (operation) completeOperation(path, operation);
    }
  }
  return document;
}

/** Security from the Operation decorator, and the problems any route can answer. */
function completeOperation(path: string, operation: Operation): void {
  // A route without @Operation keeps no `security` at all: the lint (security-defined) and
  // test/e2e/openapi-responses.e2e-spec.ts then name it, rather than it passing as public.
  const isPublic = operation.security?.some((requirement) => 'public' in requirement) ?? false;
  if (operation.security) operation.security = isPublic ? [] : dedupe(operation.security);
  const statuses = [400, 413, 429, ...(path.startsWith('/v1/') ? [415] : []), ...(isPublic ? [] : [401, 403])];
  for (const status of statuses) operation.responses[String(status)] ??= problemResponse(status);
  const tooMany = operation.responses['429'] as { headers?: Record<string, unknown> };
  tooMany.headers = { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } };
  operation.responses = Object.fromEntries(Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)));
}

function dedupe(requirements: Record<string, string[]>[]): Record<string, string[]>[] {
  const seen = new Set<string>();
  return requirements.filter((requirement) => {
    const key = JSON.stringify(requirement);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** OpenAPI 3.0 schema keywords as 3.1 (JSON Schema 2020-12) says them: `nullable` becomes a `null` type. */
function to31Schemas(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(to31Schemas);
  if (value === null || typeof value !== 'object') return value;
  const { nullable, ...rest } = value as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, child]) => [key, to31Schemas(child)]));
  if (nullable !== true) return converted;
  if (typeof converted.type === 'string') {
    const withNull: Record<string, unknown> = { ...converted, type: [converted.type, 'null'] };
    if (Array.isArray(converted.enum)) withNull.enum = [...(converted.enum as unknown[]), null];
    return withNull;
  }
  const { description, ...schema } = converted;
  return { ...(description === undefined ? {} : { description }), anyOf: [schema, { type: 'null' }] };
}

/** Moves every schema marked by `named()` into `components.schemas`, leaving a `$ref`. */
function hoist(value: unknown, schemas: Record<string, JsonSchema>): unknown {
  if (Array.isArray(value)) return value.map((child) => hoist(child, schemas));
  if (value === null || typeof value !== 'object') return value;
  const { [COMPONENT_NAME]: name, ...rest } = value as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, child]) => [key, hoist(child, schemas)]));
  if (typeof name !== 'string') return converted;
  const known = schemas[name];
  if (known && JSON.stringify(known) !== JSON.stringify(converted)) throw new Error(`Two different schemas are named ${name}`);
  schemas[name] = converted;
  return { $ref: `#/components/schemas/${name}` };
}

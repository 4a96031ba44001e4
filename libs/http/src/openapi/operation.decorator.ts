import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { KEPT_FOR_REPLAY, ReplayWholeAnswer, SecretInResponse } from '../idempotency/idempotency.guard';

/** A JSON Schema (2020-12, as OpenAPI 3.1 takes it): response bodies are written in it directly. */
export type JsonSchema = Record<string, unknown>;

/** The marker the document's post-processing (apps/api/src/openapi/openapi-document.ts) hoists into `components.schemas`. */
export const COMPONENT_NAME = 'x-component';

/** A response body schema under its name: it becomes `components.schemas.<name>`, the SDK's type of that name. */
export function named(name: string, schema: JsonSchema): JsonSchema {
  return { ...schema, [COMPONENT_NAME]: name };
}

/** Statuses of problem documents an operation may answer beside those every route can (see baselineProblems). */
export type ProblemStatus = 401 | 403 | 404 | 409 | 410 | 422 | 429;

export interface OperationResponse {
  status: 200 | 201 | 202 | 204 | 302;
  description: string;
  /** The body's schema (absent: no body, e.g. 204 or a redirection). */
  body?: JsonSchema;
  /** An example body (required with `body`): /docs shows it, the lint checks it against `body`. */
  example?: unknown;
  headers?: Record<string, { description: string; schema: JsonSchema }>;
}

export interface OperationSpec {
  summary: string;
  description?: string;
  /** Every 2xx/3xx answer the operation gives. */
  responses: OperationResponse[];
  /** Problems this operation raises itself (its use case): 403, 404, 409, 422 …. */
  problems?: ProblemStatus[];
  /** Who may call: an API key or a signed-in person (default), a signed-in person only, or anyone. */
  security?: 'key-or-session' | 'session' | 'public';
  /**
   * Honours `Idempotency-Key` (libs/http/src/idempotency/idempotency.guard.ts). `secrets`: fields
   * shown once (emptied on a replay); `wholeAnswer`: why a replay may keep every field. A replay whose
   * body differs from the first answer is documented as `<Name>Replay`, beside the full schema.
   */
  idempotent?: true | { secrets?: string[]; wholeAnswer?: string };
  /** Path parameters' schemas (pattern, format) by name. */
  path?: Record<string, JsonSchema>;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or invalid (REQUEST.VALIDATION lists the fields in `errors`, never their values).',
  401: 'No valid API key or session (AUTH.UNAUTHENTICATED).',
  403: 'The caller may not do this (AUTH.ROLE_NOT_ALLOWED, AUTH.CSRF, or a business rule such as REFERRAL.NOT_RECEIVER).',
  404: 'No such resource, or one the caller may not know exists.',
  409: 'Conflicts with the current state (an invalid transition, a concurrent change, IDEMPOTENCY.IN_PROGRESS).',
  410: 'Gone for good.',
  413: 'The body is larger than the limit (REQUEST.TOO_LARGE).',
  415: 'A body that is not JSON (REQUEST.UNSUPPORTED_MEDIA_TYPE).',
  422: 'Well-formed but refused by a business rule (the code says which).',
  429: 'Too many requests (REQUEST.RATE_LIMITED, SIGN_IN.TOO_MANY_ATTEMPTS); retry after `Retry-After` seconds.',
};

/** A problem document answer: always the one shared `Problem` schema. */
export function problemResponse(status: number): { description: string; content: Record<string, { schema: JsonSchema }> } {
  return {
    description: PROBLEM_DESCRIPTIONS[status] ?? 'A problem document.',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

const REPLAYED_HEADER: NonNullable<OperationResponse['headers']> = {
  'Idempotent-Replayed': {
    description: 'true when this is the replay of an earlier answer to the same Idempotency-Key',
    schema: { const: 'true' },
  },
};

export const IDEMPOTENCY_KEY_PATTERN = '^[A-Za-z0-9_.:-]{8,128}$';

/**
 * One operation of the OpenAPI document: its stable camelCase `operationId`, summary, every
 * success answer with its schema and example, the problems it raises, its security and its
 * `Idempotency-Key` header. The problems any route can answer (400, 413, 415, 429, and 401/403
 * once authenticated) are added to every operation by apps/api/src/openapi/openapi-document.ts.
 */
export function Operation(operationId: string, spec: OperationSpec): MethodDecorator {
  const decorators: MethodDecorator[] = [
    ApiOperation({ operationId, summary: spec.summary, ...(spec.description ? { description: spec.description } : {}) }),
    ...spec.responses.map((response) =>
      ApiResponse({
        status: response.status,
        description: response.description,
        ...(response.body
          ? { content: { 'application/json': { schema: withReplay(response.body, spec.idempotent), example: response.example } } }
          : {}),
        headers: { ...response.headers, ...(spec.idempotent ? REPLAYED_HEADER : {}) },
      }),
    ),
    // A retry with the same Idempotency-Key may find the first still running (409) or its body different (422).
    ...[...new Set([...(spec.problems ?? []), ...(spec.idempotent ? ([409, 422] as const) : [])])].map((status) =>
      ApiResponse({ status, ...problemResponse(status) }),
    ),
    ...Object.entries(spec.path ?? {}).map(([name, schema]) => ApiParam({ name, required: true, schema: schema })),
  ];
  if (spec.idempotent) {
    const { secrets = [], wholeAnswer } = spec.idempotent === true ? {} : spec.idempotent;
    if (secrets.length) decorators.push(SecretInResponse(...secrets));
    if (wholeAnswer) decorators.push(ReplayWholeAnswer(wholeAnswer));
    decorators.push(
      ApiHeader({
        name: 'Idempotency-Key',
        required: false,
        description:
          'Makes a retry safe: the first answer is kept (24 h) and replayed with `Idempotent-Replayed: true`; ' +
          'a replay keeps ids, statuses, positions and instants, lists the other fields in `omittedOnReplay` and never repeats a secret.',
        schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN },
      }),
    );
  }
  const security = spec.security ?? 'key-or-session';
  if (security === 'key-or-session') decorators.push(ApiSecurity('bearer'), ApiSecurity('session'));
  if (security === 'session') decorators.push(ApiSecurity('session'));
  if (security === 'public') decorators.push(ApiSecurity('public'));
  return applyDecorators(...decorators);
}

/**
 * The answer of an idempotent operation: its full body, or (when a replay differs from it) the body
 * a replay carries: the fields KEPT_FOR_REPLAY keeps, secrets as null, the rest named in `omittedOnReplay`.
 */
function withReplay(body: JsonSchema, idempotent: OperationSpec['idempotent']): JsonSchema {
  if (!idempotent) return body;
  const { secrets = [], wholeAnswer } = idempotent === true ? {} : idempotent;
  const properties = body.properties as Record<string, JsonSchema> | undefined;
  const name = body[COMPONENT_NAME];
  if (!properties || typeof name !== 'string') return body;
  const kept = (field: string) => wholeAnswer !== undefined || KEPT_FOR_REPLAY.has(field) || secrets.includes(field);
  const omitted = Object.keys(properties).filter((field) => !kept(field));
  if (omitted.length === 0 && secrets.length === 0) return body;
  const required = ((body.required as string[] | undefined) ?? []).filter(kept);
  const replay = named(`${name}Replay`, {
    type: 'object',
    description: `What a replay of the same Idempotency-Key answers instead of ${name} (header Idempotent-Replayed: true).`,
    required: [
      ...required,
      ...(secrets.length ? ['secretsShownOnce'] : []),
      ...(omitted.some((field) => ((body.required as string[] | undefined) ?? []).includes(field)) ? ['omittedOnReplay'] : []),
    ],
    properties: {
      ...Object.fromEntries(
        Object.entries(properties)
          .filter(([field]) => kept(field))
          .map(([field, schema]) => [
            field,
            secrets.includes(field) ? { type: 'null', description: 'Shown once, in the first answer.' } : schema,
          ]),
      ),
      ...(secrets.length ? { secretsShownOnce: { const: true } } : {}),
      ...(omitted.length ? { omittedOnReplay: { type: 'array', items: { enum: omitted } } } : {}),
    },
  });
  return { anyOf: [body, replay] };
}

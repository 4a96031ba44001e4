import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '@passerelle/domain';

/**
 * Codes answered by the HTTP layer itself (transport, validation, keys and sessions, idempotency,
 * rate limits) and by the stores behind the use cases, beside every business code of
 * libs/domain/src/shared/error-codes.ts. `problem()` takes only these: a new code that is not
 * listed here does not compile, so the `Problem` schema of the OpenAPI document names them all.
 */
export const HTTP_PROBLEM_CODES = [
  'REQUEST.BAD_REQUEST',
  'REQUEST.VALIDATION',
  'REQUEST.MALFORMED_JSON',
  'REQUEST.TOO_DEEP',
  'REQUEST.TOO_LARGE',
  'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  'REQUEST.METHOD_NOT_ALLOWED',
  'REQUEST.RATE_LIMITED',
  'REQUEST.ERROR',
  'NOT_FOUND',
  'AUTH.UNAUTHENTICATED',
  'AUTH.FORBIDDEN',
  'AUTH.ROLE_NOT_ALLOWED',
  'AUTH.CSRF',
  'SIGN_IN.FAILED',
  'SIGN_IN.TOO_MANY_ATTEMPTS',
  'IDEMPOTENCY.BAD_KEY',
  'IDEMPOTENCY.IN_PROGRESS',
  'IDEMPOTENCY.KEY_REUSED',
  'CLOCK.BAD_OVERRIDE',
  'STREAM.WRONG_EXPECTED_REVISION',
  'STREAM.DUPLICATE_EVENT_ID',
  'PRIVACY.INVALID_BIRTH_DATE',
  'PRIVACY.EMPTY_NAME',
  'PRIVACY.KEY_DESTROYED',
  'INTERNAL',
] as const;

export type HttpProblemCode = (typeof HTTP_PROBLEM_CODES)[number];
/** The FHIR facade's own codes travel as problems too, but are answered as OperationOutcomes (apps/api/src/fhir/fhir-outcome.ts). */
export type FhirProblemCode = `FHIR.${string}`;
export type ProblemCode = HttpProblemCode | DomainErrorCode;

/** Every stable `code` of a problem document of the JSON API, sorted: the enum of the `Problem` schema. */
export const PROBLEM_CODES: readonly ProblemCode[] = [
  ...HTTP_PROBLEM_CODES,
  ...(Object.keys(DOMAIN_ERROR_CODES) as DomainErrorCode[]),
].sort();

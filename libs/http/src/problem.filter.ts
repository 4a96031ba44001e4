import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, type DomainErrorCode, type DomainErrorKind } from '@passerelle/domain';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '@passerelle/event-store';
import { PrivacyError } from '@passerelle/privacy';
import type { Request, Response } from 'express';
import type { IncomingHttpHeaders } from 'node:http';
import { IdempotentReplay } from './idempotency/idempotent-replay';
import { MAX_JSON_DEPTH } from './input/json-body';
import { type ProblemCode } from './openapi/problem-codes';
import { problem, type Problem } from './problem';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  forbidden: HttpStatus.FORBIDDEN,
};

/** Privacy errors caused by the request itself; any other privacy error is ours (500). */
const PRIVACY_INPUT_ERRORS: Partial<Record<string, [number, ProblemCode, string]>> = {
  'PRIVACY.INVALID_BIRTH_DATE': [422, 'PRIVACY.INVALID_BIRTH_DATE', 'person.birthDate must be a real date between 1900 and 2100.'],
  'PRIVACY.EMPTY_NAME': [422, 'PRIVACY.EMPTY_NAME', 'person.familyName and person.givenName must contain letters.'],
  'PRIVACY.KEY_DESTROYED': [409, 'PRIVACY.KEY_DESTROYED', 'This person was erased; her data can no longer be written or read.'],
};

/** An error that already knows its problem body (validation, auth, idempotency). */
export class ProblemException extends HttpException {
  constructor(readonly body: Problem) {
    super(body, body.status);
  }
}

/**
 * One filter maps every error to application/problem+json (table in docs/architecture.md#http-api-and-errors). Unknown errors become
 * a 500 whose detail says nothing about the input: a stack trace could carry personal data.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof IdempotentReplay) {
      error.send(response);
      return;
    }
    const body = problemOf(error);
    if (body.status >= 500) this.logger.error(unhandledErrorLine(error, host.switchToHttp().getRequest<Request>()));
    if (body.status === 429 && typeof body.retryAfter === 'number') response.setHeader('Retry-After', String(body.retryAfter));
    response.status(body.status).type('application/problem+json').json(body);
  }
}

/**
 * The problem an error stands for, as this filter answers it: the one mapping from errors to
 * statuses and codes, also used by the FHIR facade to answer the same error as an OperationOutcome.
 */
export function problemOf(error: unknown): Problem {
  if (error instanceof ProblemException) return error.body;
  if (error instanceof DomainError) {
    const extra = Object.keys(error.details).length ? { details: error.details } : {};
    // Raised only through notFound/conflict/unprocessable/forbidden (libs/domain/src/shared/domain-error.ts), whose codes are typed.
    return problem(STATUS_BY_KIND[error.kind], error.code as DomainErrorCode, title(error.code), error.message, extra);
  }
  if (error instanceof WrongExpectedRevisionError) {
    return problem(409, error.code, 'Concurrent change', 'Someone changed this record at the same time; reload it and try again.');
  }
  if (error instanceof DuplicateEventIdError) {
    return problem(409, error.code, 'Duplicate request', 'This request was already applied with different content.');
  }
  if (error instanceof PrivacyError) {
    const known = PRIVACY_INPUT_ERRORS[error.code];
    if (known) return problem(known[0], known[1], title(error.code), known[2]);
  }
  if (error instanceof HttpException) return fromHttpException(error);
  const bodyParser = fromBodyParserError(error);
  if (bodyParser) return bodyParser;
  return problem(500, 'INTERNAL', 'Internal error', 'Something went wrong on our side; nothing about your request was logged.');
}

function fromHttpException(error: HttpException): Problem {
  const status = error.getStatus();
  const known: Partial<Record<number, [ProblemCode, string, string]>> = {
    400: ['REQUEST.BAD_REQUEST', 'Bad request', 'The request could not be read.'],
    401: ['AUTH.UNAUTHENTICATED', 'Unauthenticated', 'Send an API key as `Authorization: Bearer psk_…`.'],
    403: ['AUTH.FORBIDDEN', 'Forbidden', 'Your key does not allow this.'],
    404: ['NOT_FOUND', 'Not found', 'No such resource.'],
    405: ['REQUEST.METHOD_NOT_ALLOWED', 'Method not allowed', 'This method is not supported here.'],
    413: ['REQUEST.TOO_LARGE', 'Payload too large', 'The request body is larger than the limit.'],
    415: ['REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', 'Send JSON with Content-Type: application/json.'],
    429: ['REQUEST.RATE_LIMITED', 'Too many requests', 'Slow down and retry later.'],
  };
  // Never the exception's own message: a framework's message may quote the request (a path, a value).
  const [code, t, detail]: [ProblemCode, string, string] = known[status] ?? [
    'REQUEST.ERROR',
    'Request error',
    'The request could not be served as sent.',
  ];
  return problem(status, code, t, detail);
}

/** body-parser raises plain errors with a `type` and a 4xx `status` before any controller runs. */
function fromBodyParserError(error: unknown): Problem | null {
  if (typeof error !== 'object' || error === null) return null;
  const { type, status } = error as { type?: unknown; status?: unknown };
  if (type === 'entity.parse.failed') return problem(400, 'REQUEST.MALFORMED_JSON', 'Malformed JSON', 'The body is not valid JSON.');
  if (type === 'entity.too.deep')
    return problem(400, 'REQUEST.TOO_DEEP', 'Body nested too deeply', `JSON bodies may nest ${MAX_JSON_DEPTH} levels at most.`);
  if (type === 'entity.too.large')
    return problem(413, 'REQUEST.TOO_LARGE', 'Payload too large', 'The request body is larger than the limit.');
  if (typeof status === 'number' && status >= 400 && status < 500) return fromHttpException(new HttpException('Bad request', status));
  return null;
}

function title(code: string): string {
  const last = code.split('.').pop() ?? code;
  const words = last.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The line a 500 logs: the error (describeError) and the request's correlation id, which finds the
 * request's own line. The id is the one the request log gave the request (its X-Correlation-Id, a
 * UUID: libs/observability/src/request-log.middleware.ts); nothing else of the request, which may
 * hold personal data.
 */
export function unhandledErrorLine(error: unknown, request: { headers: IncomingHttpHeaders }): { correlationId?: string; message: string } {
  const message = `Unhandled ${describeError(error)}`;
  const correlationId = request.headers['x-correlation-id'];
  return typeof correlationId === 'string' ? { correlationId, message } : { message };
}

/** What a 500 logs: the error's name and first stack frames, never the request (it may hold personal data). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.stack?.split('\n').slice(0, 4).join(' | ') ?? ''}`;
  return typeof error;
}

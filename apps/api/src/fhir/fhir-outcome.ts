import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import { WrongExpectedRevisionError } from '@passerelle/event-store';
import { IdempotentReplay, problem, problemOf, ProblemException, unhandledErrorLine, type Problem } from '@passerelle/http';
import type { Request, Response } from 'express';
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4';
import { CODE_SYSTEM, FHIR_JSON } from './fhir-systems';

type IssueType = OperationOutcomeIssue['code'];

/** The FHIR issue type of each HTTP status the API answers (docs/fhir.md#errors). */
const ISSUE_BY_STATUS: Record<number, IssueType> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  405: 'not-supported',
  409: 'conflict',
  410: 'deleted',
  412: 'conflict',
  413: 'too-costly',
  415: 'not-supported',
  422: 'business-rule',
  428: 'required',
  429: 'throttled',
};

/** An error of the facade's own, with the same problem fields as the JSON API's (status, stable code, detail). */
export const fhirError = (status: number, code: `FHIR.${string}`, title: string, detail: string, field?: string) =>
  new ProblemException(problem(status, code, title, detail, field ? { errors: [{ field, message: detail }] } : {}));

/** A problem (docs/architecture.md#http-api-and-errors) as an OperationOutcome: same status, the stable code in `details`. */
export function operationOutcome(body: Problem): OperationOutcome {
  const code = ISSUE_BY_STATUS[body.status] ?? (body.status >= 500 ? 'exception' : 'processing');
  const details = { coding: [{ system: CODE_SYSTEM.errorCode, code: body.code ?? 'REQUEST.ERROR' }], text: body.title };
  const fields = body.errors ?? [];
  const issue: OperationOutcomeIssue[] =
    fields.length > 0
      ? fields.map((f) => ({ severity: 'error', code, details, diagnostics: f.message, expression: [f.field] }))
      : [{ severity: 'error', code, details, diagnostics: body.detail }];
  return { resourceType: 'OperationOutcome', issue };
}

/** If-Match was given and the referral is no longer at that version: 412, as FHIR's version-aware update says. */
const versionConflict = () =>
  problem(
    412,
    'FHIR.VERSION_CONFLICT',
    'Version conflict',
    'The resource changed since the version named in If-Match; read it again and retry with its new ETag.',
  );

/**
 * Every error of the FHIR routes as an OperationOutcome (application/fhir+json), mapped by the same
 * one function as the JSON API's problems (libs/http/src/problem.filter.ts), so a code means the
 * same status on both. As there, a 500 says nothing about the input and logs no request data but its
 * correlation id.
 */
@Catch()
export class FhirOutcomeFilter implements ExceptionFilter {
  private readonly logger = new Logger('FhirOutcomeFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    // A retry with the same Idempotency-Key: the stored answer, as FHIR JSON like the first.
    if (error instanceof IdempotentReplay) {
      error.send(response, FHIR_JSON);
      return;
    }
    const body = error instanceof WrongExpectedRevisionError && request.headers['if-match'] ? versionConflict() : problemOf(error);
    if (body.status >= 500) this.logger.error(unhandledErrorLine(error, request));
    sendOutcome(response, body);
  }
}

export function sendOutcome(response: Response, body: Problem): void {
  response.status(body.status).setHeader('Content-Type', FHIR_JSON);
  response.send(JSON.stringify(operationOutcome(body)));
}

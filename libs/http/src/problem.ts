/** RFC 9457 problem details, the body of every error this API returns (the `Problem` schema of the OpenAPI document). */
import type { FhirProblemCode, ProblemCode } from './openapi/problem-codes';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://passerelle.network/problems/';

/** Problem types are stable URIs derived from the code, e.g. `REFERRAL.NOT_RECEIVER` → `.../referral/not-receiver`. */
export function problemType(code: string): string {
  return TYPE_BASE + code.toLowerCase().replace(/_/g, '-').replace(/\./g, '/');
}

/** `code` is one of PROBLEM_CODES (libs/http/src/openapi/problem-codes.ts): an unlisted code does not compile. */
export function problem(
  status: number,
  code: ProblemCode | FhirProblemCode,
  title: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return { type: problemType(code), title, status, detail, code, ...extra };
}

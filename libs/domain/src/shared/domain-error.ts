import type { DOMAIN_ERROR_CODES, DomainErrorCode, DomainErrorKind } from './error-codes';

/** Every business rejection carries a stable code (all listed in error-codes.ts), e.g. 'REFERRAL.NOT_RECEIVER'. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The codes listed in error-codes.ts with kind `K`: a code is raised only as the kind it is listed with. */
export type CodeOfKind<K extends DomainErrorKind> = {
  [C in DomainErrorCode]: (typeof DOMAIN_ERROR_CODES)[C] extends K ? C : never;
}[DomainErrorCode];

export const notFound = (code: CodeOfKind<'not_found'>, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'not_found', message, details);
export const conflict = (code: CodeOfKind<'conflict'>, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'conflict', message, details);
export const unprocessable = (code: CodeOfKind<'unprocessable'>, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'unprocessable', message, details);
export const forbidden = (code: CodeOfKind<'forbidden'>, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'forbidden', message, details);

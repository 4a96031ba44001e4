/** How an error surfaces over HTTP; the platform filter maps kind → status. */
export type DomainErrorKind = 'not_found' | 'conflict' | 'unprocessable' | 'forbidden';

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

export const notFound = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'not_found', message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'conflict', message, details);
export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'unprocessable', message, details);
export const forbidden = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'forbidden', message, details);

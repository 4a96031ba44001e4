/**
 * Codes a caller may branch on. Messages never contain a plaintext, a key or a
 * configuration value: they may end up in logs and problem+json bodies.
 */
export type PrivacyErrorCode =
  | 'PRIVACY.INVALID_MASTER_KEY'
  | 'PRIVACY.INVALID_LINKAGE_KEY'
  | 'PRIVACY.MASTER_KEY_ID_REUSED'
  | 'PRIVACY.WRONG_MASTER_KEY'
  | 'PRIVACY.KEY_DESTROYED'
  | 'PRIVACY.KEY_NOT_FOUND'
  | 'PRIVACY.TAMPERED'
  | 'PRIVACY.NOT_SERIALISABLE'
  | 'PRIVACY.INVALID_CASE_ID'
  | 'PRIVACY.INVALID_BIRTH_DATE'
  | 'PRIVACY.EMPTY_NAME';

export class PrivacyError extends Error {
  constructor(
    readonly code: PrivacyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PrivacyError';
  }
}

export const isPrivacyError = (error: unknown, code?: PrivacyErrorCode): error is PrivacyError =>
  error instanceof PrivacyError && (code === undefined || error.code === code);

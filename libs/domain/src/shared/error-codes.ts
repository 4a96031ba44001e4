import type { DomainErrorKind } from './domain-error';

/**
 * Every code a decider can raise, with the kind it is raised as. One list so that the
 * problem+json filter, the OpenAPI document and the tests agree on the vocabulary.
 */
export const DOMAIN_ERROR_CODES = {
  'AUTH.PARTNER_ONLY': 'forbidden',
  'AUTH.ADMIN_ONLY': 'forbidden',
  'AUTH.HOLDER_OR_ADMIN_ONLY': 'forbidden',
  'AUTH.NOT_THIS_ORGANISATION': 'forbidden',
  'CASE.ALREADY_EXISTS': 'conflict',
  'CASE.NOT_FOUND': 'not_found',
  'CASE.ERASED': 'unprocessable',
  'CASE.ALREADY_ERASED': 'conflict',
  'CASE.FORMAL_REQUIRES_AUTHORITY': 'forbidden',
  'CASE.INDICATORS_REQUIRED': 'unprocessable',
  'CONSENT.UNKNOWN_RECIPIENT': 'unprocessable',
  'CONSENT.EMPTY': 'unprocessable',
  'CONSENT.EXPIRY_IN_PAST': 'unprocessable',
  'CONSENT.ALREADY_EXISTS': 'conflict',
  'CONSENT.NOT_FOUND': 'not_found',
  'CONSENT.ALREADY_WITHDRAWN': 'conflict',
  'REFERRAL.ALREADY_EXISTS': 'conflict',
  'REFERRAL.CASE_NOT_FOUND': 'unprocessable',
  'REFERRAL.UNKNOWN_RECEIVER': 'unprocessable',
  'REFERRAL.SELF_REFERRAL': 'unprocessable',
  'REFERRAL.SERVICE_NOT_OFFERED': 'unprocessable',
  'REFERRAL.RESPOND_BY_IN_PAST': 'unprocessable',
  'REFERRAL.CONSENT_MISSING': 'unprocessable',
  'REFERRAL.NOT_FOUND': 'not_found',
  'REFERRAL.INVALID_TRANSITION': 'conflict',
  'REFERRAL.NOT_RECEIVER': 'forbidden',
  'REFERRAL.NOT_SENDER': 'forbidden',
  'ORGANISATION.ALREADY_EXISTS': 'conflict',
  'ORGANISATION.NO_SERVICES': 'unprocessable',
  'ORGANISATION.NOT_FOUND': 'not_found',
  'CAPACITY.SERVICE_NOT_OFFERED': 'unprocessable',
  'CAPACITY.INVALID': 'unprocessable',
} as const satisfies Record<string, DomainErrorKind>;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;

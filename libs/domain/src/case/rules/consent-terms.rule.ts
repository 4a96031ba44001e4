import { conflict, unprocessable } from '../../shared/domain-error';
import { isStrictlyAfter, unique } from '../../shared/time';
import type { ConsentTerms } from '../case.commands';
import type { ConsentGranted } from '../case.events';
import type { Consent } from '../case.state';

export interface GrantRequest {
  caseId: string;
  terms: ConsentTerms;
  /** Named recipients the handler could not find in the directory. */
  unknownRecipients: string[];
  recordedBy: string;
  existing: Consent[];
  now: Date;
}

/**
 * Validates consent terms, shared by IdentifyPerson (first consent) and GrantConsent.
 * A consent naming an organisation that does not exist would silently authorise whoever registers
 * that id later, so unknown recipients are refused rather than ignored.
 */
export function grantConsent(request: GrantRequest): ConsentGranted {
  const { terms, now } = request;
  if (request.unknownRecipients.length > 0) {
    throw unprocessable(
      'CONSENT.UNKNOWN_RECIPIENT',
      'Consent names organisations that are not registered (their positions in recipients are in details)',
      { recipients: request.unknownRecipients.map((id) => terms.recipients.indexOf(id)) },
    );
  }
  const empty = (['recipients', 'categories', 'purposes'] as const).filter((field) => terms[field].length === 0);
  if (empty.length > 0) {
    throw unprocessable('CONSENT.EMPTY', `Consent must name at least one of each: ${empty.join(', ')}`, {
      fields: empty,
    });
  }
  if (terms.expiresAt !== null && !isStrictlyAfter(terms.expiresAt, now)) {
    throw unprocessable('CONSENT.EXPIRY_IN_PAST', 'Consent would expire at a time that is not after now', {
      field: 'expiresAt',
    });
  }
  if (request.existing.some((consent) => consent.consentId === terms.consentId)) {
    throw conflict('CONSENT.ALREADY_EXISTS', 'This consent is already recorded on this case');
  }
  return {
    type: 'ConsentGranted',
    data: {
      caseId: request.caseId,
      consentId: terms.consentId,
      recipients: unique(terms.recipients),
      categories: unique(terms.categories),
      purposes: unique(terms.purposes),
      expiresAt: terms.expiresAt,
      method: terms.method,
      language: terms.language,
      recordedBy: request.recordedBy,
    },
  };
}

import { ANY_REFERRAL_RECIPIENT, type ConsentGranted } from '@passerelle/domain';
import type { Consent } from 'fhir/r4';
import { CONSENT_CATEGORY_NAMES, CONSENT_PURPOSE_NAMES } from '../../shared/vocabulary-names';
import { CODE_SYSTEM, EXTENSION, GDPR } from '../fhir-systems';

/** One consent of hers as her case stream records it: granted, and perhaps withdrawn since. */
export interface RecordedConsent {
  caseId: string;
  granted: ConsentGranted['data'];
  grantedAt: string;
  withdrawnAt: string | null;
}

const RECIPIENT = { coding: [{ system: CODE_SYSTEM.participationType, code: 'IRCP', display: 'information recipient' }] };

/**
 * Her consent as a FHIR Consent (docs/fhir.md#consent): a privacy consent to disclose, under the
 * GDPR, the categories it names to the recipients it names for the purposes it names, until it
 * expires or she withdraws it; the partner that recorded it is its custodian.
 */
export function consentResource(consent: RecordedConsent, now: Date): Consent {
  const { granted } = consent;
  const expired = granted.expiresAt !== null && Date.parse(granted.expiresAt) <= now.getTime();
  const resource: Consent = {
    resourceType: 'Consent',
    id: granted.consentId,
    meta: { lastUpdated: consent.withdrawnAt ?? consent.grantedAt },
    status: consent.withdrawnAt !== null || expired ? 'inactive' : 'active',
    scope: { coding: [{ system: CODE_SYSTEM.consentScope, code: 'patient-privacy', display: 'Privacy Consent' }] },
    category: [{ coding: [{ system: CODE_SYSTEM.actCode, code: 'IDSCL', display: 'information disclosure' }] }],
    patient: { reference: `Patient/${consent.caseId}`, type: 'Patient' },
    dateTime: consent.grantedAt,
    performer: [{ reference: `Patient/${consent.caseId}`, type: 'Patient' }],
    organization: [{ reference: `Organization/${granted.recordedBy}`, type: 'Organization' }],
    policy: [{ uri: GDPR }],
    extension: [
      {
        url: EXTENSION.consentMethod,
        extension: [
          { url: 'method', valueCode: granted.method },
          ...(granted.language ? [{ url: 'language', valueCode: granted.language }] : []),
        ],
      },
    ],
    provision: {
      type: 'permit',
      period: { start: consent.grantedAt, ...(granted.expiresAt ? { end: granted.expiresAt } : {}) },
      actor: granted.recipients.map((recipient) =>
        recipient === ANY_REFERRAL_RECIPIENT
          ? { role: RECIPIENT, reference: { display: 'Any organisation she is referred to' } }
          : { role: RECIPIENT, reference: { reference: `Organization/${recipient}`, type: 'Organization' } },
      ),
      purpose: granted.purposes.map((code) => ({ system: CODE_SYSTEM.consentPurpose, code, display: CONSENT_PURPOSE_NAMES[code] })),
      code: granted.categories.map((code) => ({
        coding: [{ system: CODE_SYSTEM.consentCategory, code, display: CONSENT_CATEGORY_NAMES[code] }],
      })),
    },
  };
  return resource;
}

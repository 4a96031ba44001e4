import type {
  ClosureOutcome,
  ConsentCategory,
  ConsentPurpose,
  DeclineReason,
  OrganisationKind,
  Service,
  Urgency,
  WithdrawalReason,
} from '@passerelle/domain';

/**
 * English names of the closed vocabularies (libs/domain/src/shared/vocabulary.ts) for the
 * machine-readable exports: FHIR `display` texts and the names of HSDS services. Typed as complete
 * records, so a new value in the vocabulary does not compile until it is named here.
 */
export const SERVICE_NAMES: Record<Service, string> = {
  shelter: 'Shelter',
  specialised_shelter: 'Specialised shelter',
  medical: 'Medical care',
  sexual_reproductive_health: 'Sexual and reproductive health',
  psychological: 'Psychological support',
  legal: 'Legal support',
  asylum_procedure: 'Asylum procedure',
  language: 'Language',
  childcare: 'Childcare',
  employment: 'Employment',
  material_aid: 'Material aid',
};

export const ORGANISATION_KIND_NAMES: Record<OrganisationKind, string> = {
  ngo: 'NGO',
  health: 'Health service',
  refuge: 'Refuge',
  authority: 'Authority',
};

export const URGENCY_NAMES: Record<Urgency, string> = { routine: 'Routine', soon: 'Soon', urgent: 'Urgent' };

export const DECLINE_REASON_NAMES: Record<DeclineReason, string> = {
  no_capacity: 'No capacity',
  not_eligible: 'Not eligible',
  safety: 'Safety',
  unreachable: 'Unreachable',
  other: 'Other',
};

export const WITHDRAWAL_REASON_NAMES: Record<WithdrawalReason, string> = {
  person_request: 'At her request',
  no_longer_needed: 'No longer needed',
  sent_in_error: 'Sent in error',
  other: 'Other',
  placed_elsewhere: 'Placed elsewhere (another organisation accepted her place request first)',
  expired: 'Her place request expired with nobody accepting',
  cancelled: 'Her place request was cancelled',
};

export const CLOSURE_OUTCOME_NAMES: Record<ClosureOutcome, string> = {
  service_provided: 'Service provided',
  person_declined: 'She declined',
  lost_contact: 'Lost contact',
  redirected: 'Redirected',
  other: 'Other',
};

export const CONSENT_CATEGORY_NAMES: Record<ConsentCategory, string> = {
  identity: 'Identity',
  contact: 'Contact',
  health: 'Health',
  legal: 'Legal situation',
  vulnerability: 'Vulnerability',
  children: 'Children',
};

export const CONSENT_PURPOSE_NAMES: Record<ConsentPurpose, string> = {
  referral: 'Referral',
  coordination: 'Coordination (statistics)',
  research: 'Research (anonymised)',
};

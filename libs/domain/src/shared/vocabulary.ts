/** The closed vocabularies of the public API (docs/architecture.md#streams-and-events). Arrays are the single source for validation and OpenAPI enums. */
export const ORGANISATION_KINDS = ['ngo', 'health', 'refuge', 'authority'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const SERVICES = [
  'shelter',
  'specialised_shelter',
  'medical',
  'sexual_reproductive_health',
  'psychological',
  'legal',
  'asylum_procedure',
  'language',
  'childcare',
  'employment',
  'material_aid',
] as const;
export type Service = (typeof SERVICES)[number];

export const INDICATORS = [
  'trafficking_sexual',
  'trafficking_labour',
  'gbv_intimate_partner',
  'gbv_sexual',
  'fgm',
  'forced_marriage',
  'lgbtiq',
  'pregnant',
  'with_children',
  'isolated',
  'urgent_health',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export const CONSENT_CATEGORIES = ['identity', 'contact', 'health', 'legal', 'vulnerability', 'children'] as const;
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];

export const CONSENT_PURPOSES = ['referral', 'coordination', 'research'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHODS = ['verbal', 'written', 'digital'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** A consent recipient: an organisation id, or every organisation she is later referred to. */
export const ANY_REFERRAL_RECIPIENT = 'any_referral_recipient';

export const IDENTIFICATION_LEVELS = ['presumed', 'formal'] as const;
export type IdentificationLevel = (typeof IDENTIFICATION_LEVELS)[number];

export const AGE_BANDS = ['0-17', '18-24', '25-34', '35-44', '45-54', '55+', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const SAFE_CHANNELS = ['phone', 'sms', 'email', 'in_person', 'through_referrer', 'none'] as const;
export type SafeChannel = (typeof SAFE_CHANNELS)[number];

export const URGENCIES = ['routine', 'soon', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const DECLINE_REASONS = ['no_capacity', 'not_eligible', 'safety', 'unreachable', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Reasons a sender gives when it withdraws a referral itself. */
export const WITHDRAWAL_REASONS = ['person_request', 'no_longer_needed', 'sent_in_error', 'other'] as const;
/**
 * Reasons recorded when a place request ends for every referral still waiting: she was placed
 * through another one, nobody accepted before `respondBy`, or the sender cancelled the request.
 * Never sent by a partner: they follow from the place request (docs/adr/0012-place-requests.md).
 */
export const PLACE_REQUEST_WITHDRAWAL_REASONS = ['placed_elsewhere', 'expired', 'cancelled'] as const;
export type PlaceRequestWithdrawalReason = (typeof PLACE_REQUEST_WITHDRAWAL_REASONS)[number];
export type WithdrawalReason = (typeof WITHDRAWAL_REASONS)[number] | PlaceRequestWithdrawalReason;

/** A place request asks 2 to 10 shelters at once; the first acceptance places her. */
export const PLACE_REQUEST_STATUSES = ['open', 'placed', 'expired', 'cancelled'] as const;
export type PlaceRequestStatus = (typeof PLACE_REQUEST_STATUSES)[number];
export const PLACE_REQUEST_RECIPIENTS = { min: 2, max: 10 } as const;

export const CLOSURE_OUTCOMES = ['service_provided', 'person_declined', 'lost_contact', 'redirected', 'other'] as const;
export type ClosureOutcome = (typeof CLOSURE_OUTCOMES)[number];

/**
 * Who may act. Machine keys carry `partner` (its organisation's own system) or a network role;
 * people carry `org_admin` or `caseworker` in a partner organisation, or a network role in the
 * network's own organisation (NETWORK_ORGANISATION).
 */
export const NETWORK_ROLES = ['network_admin', 'coordinator', 'researcher'] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];
/** A person's role in a partner organisation: `org_admin` manages its people and keys and nothing else; `caseworker` works cases. */
export const ORGANISATION_MEMBER_ROLES = ['org_admin', 'caseworker'] as const;
export type OrganisationMemberRole = (typeof ORGANISATION_MEMBER_ROLES)[number];
export const PERSON_ROLES = [...ORGANISATION_MEMBER_ROLES, ...NETWORK_ROLES] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
export const KEY_ROLES = ['partner', ...NETWORK_ROLES] as const;
export type KeyRole = (typeof KEY_ROLES)[number];
export const ROLES = ['partner', 'caseworker', 'org_admin', ...NETWORK_ROLES] as const;
export type Role = (typeof ROLES)[number];
/** The roles that act as their organisation on cases and referrals: its system's key, or one of its caseworkers. */
export const ORGANISATION_ACTING_ROLES = ['partner', 'caseworker'] as const satisfies readonly Role[];

/** The network's own organisation: its administrators, coordinators and researchers; never in the directory, never a partner. */
export const NETWORK_ORGANISATION = 'passerelle';

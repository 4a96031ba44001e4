/**
 * Published integration events: the only shape of our history that leaves the
 * process, on the bus and in webhooks. They are thin on purpose (docs/consent-and-privacy.md): ids, type, positions,
 * timestamps and organisation ids, never a personal field, a free text, an indicator or a
 * département. A partner fetches the details it may see through the API with its own key.
 *
 * Versioning: a type name ends in `.v<n>`. Adding an optional field keeps the version; removing or
 * changing the meaning of a field publishes a new version next to the old one.
 */
export const INTEGRATION_EVENT_TYPES = [
  'referral.made.v1',
  'referral.accepted.v1',
  'referral.declined.v1',
  'referral.withdrawn.v1',
  'referral.closed.v1',
  'place_request.made.v1',
  'place_request.placed.v1',
  'place_request.expired.v1',
  'place_request.cancelled.v1',
  'case.identified.v1',
  'case.consent_granted.v1',
  'case.consent_withdrawn.v1',
  'case.erased.v1',
  'organisation.registered.v1',
  'organisation.capacity_declared.v1',
] as const;
export type IntegrationEventType = (typeof INTEGRATION_EVENT_TYPES)[number];

/** Fields every integration event carries. Positions are decimal strings: they outgrow a JSON number. */
export interface IntegrationEnvelope<Type extends IntegrationEventType> {
  type: Type;
  /** The id of the internal event; also the `webhook-id` of its deliveries, so receivers dedupe on it. */
  eventId: string;
  /** 0-based revision inside the referral's, case's, place request's or organisation's stream: orders one subject's events. */
  streamRevision: string;
  /** Position in the network's global order; `POST /v1/webhooks/{id}/replay` starts from one. */
  globalPosition: string;
  /** ISO 8601 instant the fact happened. */
  occurredAt: string;
}

type ReferralSubject = { referralId: string };
type CaseSubject = { caseId: string };
type OrganisationSubject = { organisationId: string };
type PlaceRequestSubject = { placeRequestId: string };

/** A partner referred a case to another organisation (`from` → `to`). */
export type ReferralMadeV1 = IntegrationEnvelope<'referral.made.v1'> & ReferralSubject & { caseId: string; from: string; to: string };
/** The receiver (`by`) accepted the referral. */
export type ReferralAcceptedV1 = IntegrationEnvelope<'referral.accepted.v1'> & ReferralSubject & { by: string };
/** The receiver (`by`) declined the referral. */
export type ReferralDeclinedV1 = IntegrationEnvelope<'referral.declined.v1'> & ReferralSubject & { by: string };
/**
 * The referral was withdrawn, by or on behalf of the sender (`by`). `reason` is a code, never text:
 * `placed_elsewhere`, `expired` and `cancelled` say that its place request ended without this
 * receiver (docs/adr/0012-place-requests.md): stop and drop what you hold about her.
 */
export type ReferralWithdrawnV1 = IntegrationEnvelope<'referral.withdrawn.v1'> & ReferralSubject & { by: string; reason: string };
/** Either party (`by`) closed the referral. */
export type ReferralClosedV1 = IntegrationEnvelope<'referral.closed.v1'> & ReferralSubject & { by: string };

/** A partner (`from`) asked several organisations at once for a place for her case (the list: `GET /v1/place-requests/{id}`, sender only). */
export type PlaceRequestMadeV1 = IntegrationEnvelope<'place_request.made.v1'> & PlaceRequestSubject & { caseId: string; from: string };
/** The first acceptance placed her: `by` accepted, through its referral `referralId`. */
export type PlaceRequestPlacedV1 = IntegrationEnvelope<'place_request.placed.v1'> &
  PlaceRequestSubject & { referralId: string; by: string };
/** Nobody accepted before respondBy: every referral still waiting was withdrawn (`expired`). */
export type PlaceRequestExpiredV1 = IntegrationEnvelope<'place_request.expired.v1'> & PlaceRequestSubject;
/** The sender (`by`) cancelled the request: every referral still waiting was withdrawn (`cancelled`). */
export type PlaceRequestCancelledV1 = IntegrationEnvelope<'place_request.cancelled.v1'> & PlaceRequestSubject & { by: string };

/** A partner (`identifiedBy`) identified a person; the case is held by that partner. */
export type CaseIdentifiedV1 = IntegrationEnvelope<'case.identified.v1'> & CaseSubject & { identifiedBy: string };
/** Her consent `consentId` was recorded by `recordedBy`. */
export type CaseConsentGrantedV1 = IntegrationEnvelope<'case.consent_granted.v1'> & CaseSubject & { consentId: string; recordedBy: string };
/** She withdrew consent `consentId`: recipients must stop using what it covered (GDPR art. 7(3)). */
export type CaseConsentWithdrawnV1 = IntegrationEnvelope<'case.consent_withdrawn.v1'> & CaseSubject & { consentId: string; by: string };
/** She was erased: recipients must delete what they hold about her (GDPR art. 17 and 19). */
export type CaseErasedV1 = IntegrationEnvelope<'case.erased.v1'> & CaseSubject & { requestedBy: string };

/** An organisation joined the network (the directory is public to every key holder). */
export type OrganisationRegisteredV1 = IntegrationEnvelope<'organisation.registered.v1'> & OrganisationSubject;
/** An organisation declared its places for a service; read them from `GET /v1/organisations`. */
export type OrganisationCapacityDeclaredV1 = IntegrationEnvelope<'organisation.capacity_declared.v1'> & OrganisationSubject;

export type IntegrationEvent =
  | ReferralMadeV1
  | ReferralAcceptedV1
  | ReferralDeclinedV1
  | ReferralWithdrawnV1
  | ReferralClosedV1
  | PlaceRequestMadeV1
  | PlaceRequestPlacedV1
  | PlaceRequestExpiredV1
  | PlaceRequestCancelledV1
  | CaseIdentifiedV1
  | CaseConsentGrantedV1
  | CaseConsentWithdrawnV1
  | CaseErasedV1
  | OrganisationRegisteredV1
  | OrganisationCapacityDeclaredV1;

export const isIntegrationEventType = (value: string): value is IntegrationEventType =>
  (INTEGRATION_EVENT_TYPES as readonly string[]).includes(value);

import {
  assertNever,
  CASE_EVENT_TYPES,
  PLACE_REQUEST_EVENT_TYPES,
  REFERRAL_EVENT_TYPES,
  type CapacityDeclared,
  type CaseEvent,
  type OrganisationRegistered,
  type PlaceRequestEvent,
  type ReferralEvent,
} from '@passerelle/domain';
import type { RecordedEvent } from '@passerelle/event-store';
import { NETWORK, type Audience } from './audience';
import type { IntegrationEnvelope, IntegrationEvent, IntegrationEventType } from './integration-events';

/** An integration event ready to publish: the bus key keeps one subject's events in order. */
export interface Publication {
  event: IntegrationEvent;
  /** The referral, case, place request or organisation id: the partition key on the bus. */
  key: string;
  audience: Audience;
}

type InternalEvent = CaseEvent | ReferralEvent | PlaceRequestEvent | OrganisationRegistered | CapacityDeclared;
/**
 * The directory's events leave the process; an organisation's people and keys (MemberInvited,
 * ApiKeyIssued, …) stay inside: who works where is the organisation's business, not the network's.
 */
const PUBLISHED_ORGANISATION_TYPES = ['OrganisationRegistered', 'CapacityDeclared'] as const;
const PUBLISHED_INTERNAL_TYPES: ReadonlySet<string> = new Set([
  ...CASE_EVENT_TYPES,
  ...REFERRAL_EVENT_TYPES,
  ...PLACE_REQUEST_EVENT_TYPES,
  ...PUBLISHED_ORGANISATION_TYPES,
]);

/** Internal event types that have an integration event; every other event stays inside. */
export const PUBLISHED_EVENT_TYPES: readonly string[] = [...PUBLISHED_INTERNAL_TYPES];

/**
 * The pure mapping from a recorded internal event to what may leave the process. Each case picks
 * ids field by field, so a field added to an internal event never leaks by accident (no spread).
 * Returns null for an event type that is not published.
 */
export function toPublication(recorded: RecordedEvent): Publication | null {
  if (!PUBLISHED_INTERNAL_TYPES.has(recorded.type)) return null;
  const internal = { type: recorded.type, data: recorded.data } as InternalEvent;
  const envelope = <Type extends IntegrationEventType>(type: Type): IntegrationEnvelope<Type> => ({
    type,
    eventId: recorded.eventId,
    streamRevision: recorded.streamRevision.toString(),
    globalPosition: recorded.globalPosition.toString(),
    occurredAt: recorded.metadata.occurredAt,
  });
  const scoped = audienceOf(recorded);
  switch (internal.type) {
    case 'ReferralMade': {
      const { referralId, caseId, from, to } = internal.data;
      return { key: referralId, audience: scoped, event: { ...envelope('referral.made.v1'), referralId, caseId, from, to } };
    }
    case 'ReferralAccepted':
      return referralMove(envelope('referral.accepted.v1'), internal.data, scoped);
    case 'ReferralDeclined':
      return referralMove(envelope('referral.declined.v1'), internal.data, scoped);
    case 'ReferralWithdrawn': {
      const { referralId, by, reason } = internal.data;
      return { key: referralId, audience: scoped, event: { ...envelope('referral.withdrawn.v1'), referralId, by, reason } };
    }
    case 'ReferralClosed':
      return referralMove(envelope('referral.closed.v1'), internal.data, scoped);
    // A place request's events reach its sender only (its scope): they stand for the list of shelters asked.
    case 'PlaceRequestMade': {
      const { placeRequestId, caseId, from } = internal.data;
      return { key: placeRequestId, audience: scoped, event: { ...envelope('place_request.made.v1'), placeRequestId, caseId, from } };
    }
    case 'PlaceRequestPlaced': {
      const { placeRequestId, referralId, by } = internal.data;
      return { key: placeRequestId, audience: scoped, event: { ...envelope('place_request.placed.v1'), placeRequestId, referralId, by } };
    }
    case 'PlaceRequestExpired': {
      const { placeRequestId } = internal.data;
      return { key: placeRequestId, audience: scoped, event: { ...envelope('place_request.expired.v1'), placeRequestId } };
    }
    case 'PlaceRequestCancelled': {
      const { placeRequestId, by } = internal.data;
      return { key: placeRequestId, audience: scoped, event: { ...envelope('place_request.cancelled.v1'), placeRequestId, by } };
    }
    case 'PersonIdentified': {
      const { caseId, identifiedBy } = internal.data;
      return { key: caseId, audience: scoped, event: { ...envelope('case.identified.v1'), caseId, identifiedBy } };
    }
    case 'ConsentGranted': {
      const { caseId, consentId, recordedBy } = internal.data;
      return { key: caseId, audience: scoped, event: { ...envelope('case.consent_granted.v1'), caseId, consentId, recordedBy } };
    }
    case 'ConsentWithdrawn': {
      const { caseId, consentId, by } = internal.data;
      return { key: caseId, audience: scoped, event: { ...envelope('case.consent_withdrawn.v1'), caseId, consentId, by } };
    }
    case 'PersonErased': {
      const { caseId, requestedBy } = internal.data;
      return { key: caseId, audience: scoped, event: { ...envelope('case.erased.v1'), caseId, requestedBy } };
    }
    // The directory is public to every key holder, so organisation events go to the whole network.
    case 'OrganisationRegistered': {
      const { organisationId } = internal.data;
      return { key: organisationId, audience: NETWORK, event: { ...envelope('organisation.registered.v1'), organisationId } };
    }
    case 'CapacityDeclared': {
      const { organisationId } = internal.data;
      return { key: organisationId, audience: NETWORK, event: { ...envelope('organisation.capacity_declared.v1'), organisationId } };
    }
    default:
      return assertNever(internal, 'internal event type');
  }
}

type MoveType = 'referral.accepted.v1' | 'referral.declined.v1' | 'referral.closed.v1';

function referralMove<Type extends MoveType>(
  envelope: IntegrationEnvelope<Type>,
  data: { referralId: string; by: string },
  audience: Audience,
): Publication {
  const event = { ...envelope, referralId: data.referralId, by: data.by } as IntegrationEvent;
  return { key: data.referralId, audience, event };
}

/** Consent decided at write time who may see the event: exactly the organisations in its scope. */
function audienceOf(recorded: RecordedEvent): Audience {
  return { kind: 'organisations', organisationIds: Object.keys(recorded.metadata.scope).sort() };
}

import type { CapacityDeclared, OrganisationRegistered } from '@passerelle/domain';
import type { InboxCaseEvent, InboxPlaceRequestEvent, InboxReferralEvent, Recorded } from '../inbox/inbox.events';

/**
 * The case events the inbox reads, each with her linkage key as privacy_linkage_keys gives it when
 * the batch is applied (coordination-linkage.ts): set on a consent naming the coordination purpose
 * while she has a key, null on every other event, and null once she is erased.
 */
export type CoordinationCaseEvent = InboxCaseEvent & { linkageKey: string | null };
/** The referral events the coordination view reads: the same ones the inbox reads. */
export type CoordinationReferralEvent = InboxReferralEvent;
export type CoordinationPlaceRequestEvent = InboxPlaceRequestEvent;
export type CoordinationOrganisationEvent = Recorded<OrganisationRegistered | CapacityDeclared>;

export const COORDINATION_CASE_EVENT_TYPES = [
  'PersonIdentified',
  'ConsentGranted',
  'ConsentWithdrawn',
  'PersonErased',
] as const satisfies readonly CoordinationCaseEvent['type'][];
export const COORDINATION_REFERRAL_EVENT_TYPES = [
  'ReferralMade',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralWithdrawn',
  'ReferralClosed',
] as const satisfies readonly CoordinationReferralEvent['type'][];
export const COORDINATION_ORGANISATION_EVENT_TYPES = [
  'OrganisationRegistered',
  'CapacityDeclared',
] as const satisfies readonly CoordinationOrganisationEvent['type'][];
export const COORDINATION_PLACE_REQUEST_EVENT_TYPES = [
  'PlaceRequestMade',
  'PlaceRequestPlaced',
  'PlaceRequestExpired',
  'PlaceRequestCancelled',
] as const satisfies readonly CoordinationPlaceRequestEvent['type'][];

import type { CapacityDeclared, OrganisationRegistered } from '@passerelle/domain';
import type { InboxCaseEvent, InboxPlaceRequestEvent, InboxReferralEvent, Recorded } from '../inbox/inbox.events';

/** The case and referral events the coordination view reads: the same ones the inbox reads. */
export type CoordinationCaseEvent = InboxCaseEvent;
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

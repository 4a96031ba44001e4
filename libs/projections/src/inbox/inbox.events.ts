import type {
  ConsentGranted,
  ConsentWithdrawn,
  PersonErased,
  PersonIdentified,
  PlaceRequestCancelled,
  PlaceRequestExpired,
  PlaceRequestMade,
  PlaceRequestPlaced,
  ReferralAccepted,
  ReferralClosed,
  ReferralDeclined,
  ReferralMade,
  ReferralWithdrawn,
} from '@passerelle/domain';
import type { RecordedEvent } from '@passerelle/event-store';

/** A domain event as the store delivers it: its type and data plus position and metadata. */
export type Recorded<E> = E extends { type: infer T extends string; data: infer D } ? RecordedEvent<T, D> : never;

export type InboxCaseEvent = Recorded<PersonIdentified | ConsentGranted | ConsentWithdrawn | PersonErased>;
export type InboxReferralEvent = Recorded<ReferralMade | ReferralAccepted | ReferralDeclined | ReferralWithdrawn | ReferralClosed>;

export type InboxPlaceRequestEvent = Recorded<PlaceRequestMade | PlaceRequestPlaced | PlaceRequestExpired | PlaceRequestCancelled>;

/** The explicit lists of handled types; every other event only moves the checkpoint. */
export const INBOX_CASE_EVENT_TYPES = [
  'PersonIdentified',
  'ConsentGranted',
  'ConsentWithdrawn',
  'PersonErased',
] as const satisfies readonly InboxCaseEvent['type'][];
export const INBOX_REFERRAL_EVENT_TYPES = [
  'ReferralMade',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralWithdrawn',
  'ReferralClosed',
] as const satisfies readonly InboxReferralEvent['type'][];
export const INBOX_PLACE_REQUEST_EVENT_TYPES = [
  'PlaceRequestMade',
  'PlaceRequestPlaced',
  'PlaceRequestExpired',
  'PlaceRequestCancelled',
] as const satisfies readonly InboxPlaceRequestEvent['type'][];

import type { SealedText } from '../shared/metadata';
import type { ConsentCategory, Service, Urgency } from '../shared/vocabulary';

/** One shelter asked, and the referral made to it. */
export interface PlaceRequestRecipient {
  organisationId: string;
  referralId: string;
}

/**
 * Events of a `place-request-<uuid>` stream (docs/adr/0012-place-requests.md): one request for a
 * place sent to several shelters at once. This stream is the consistency boundary: it is placed,
 * expired or cancelled exactly once, and its referrals follow.
 */
export type PlaceRequestMade = {
  type: 'PlaceRequestMade';
  data: {
    placeRequestId: string;
    caseId: string;
    from: string;
    recipients: PlaceRequestRecipient[];
    service: Service;
    urgency: Urgency;
    sharedCategories: ConsentCategory[];
    /** Sealed once with her data key; every referral of the request carries this same ciphertext. */
    message: SealedText;
    respondBy: string | null;
  };
};
/** The first acceptance: she is placed through `referralId`, by its receiver `by`. */
export type PlaceRequestPlaced = {
  type: 'PlaceRequestPlaced';
  data: { placeRequestId: string; referralId: string; by: string; note: SealedText };
};
/** `respondBy` passed with no acceptance; recorded at that instant. */
export type PlaceRequestExpired = { type: 'PlaceRequestExpired'; data: { placeRequestId: string; respondBy: string } };
export type PlaceRequestCancelled = { type: 'PlaceRequestCancelled'; data: { placeRequestId: string; by: string } };

export type PlaceRequestEvent = PlaceRequestMade | PlaceRequestPlaced | PlaceRequestExpired | PlaceRequestCancelled;
export const PLACE_REQUEST_EVENT_TYPES = [
  'PlaceRequestMade',
  'PlaceRequestPlaced',
  'PlaceRequestExpired',
  'PlaceRequestCancelled',
] as const satisfies readonly PlaceRequestEvent['type'][];
export const placeRequestStream = (placeRequestId: string) => `place-request-${placeRequestId}`;

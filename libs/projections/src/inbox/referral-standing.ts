import type { InboxPlaceRequestRow } from './inbox-place-request.entity';
import type { InboxReferralRow } from './inbox-referral.entity';

/**
 * Whether a referral still opens her data to its receiver (docs/consent-and-privacy.md): not once it
 * was withdrawn, nor once its place request ended otherwise than through it (placed elsewhere,
 * expired, cancelled), even before the withdrawal that follows is projected: the receiver's view
 * ends with the request's decision.
 */
export function referralOpenToReceiver(
  referral: Pick<InboxReferralRow, 'referralId' | 'status' | 'placeRequestId'>,
  request: Pick<InboxPlaceRequestRow, 'status' | 'placedReferralId'> | null | undefined,
): boolean {
  if (referral.status === 'withdrawn') return false;
  if (referral.placeRequestId === null || !request || request.status === 'open') return true;
  return request.status === 'placed' && request.placedReferralId === referral.referralId;
}

import type { CompletePlacement, MakeReferralForPlaceRequest, WithdrawForPlaceRequest } from '../referral.commands';
import type { ReferralEvent } from '../referral.events';
import type { ReferralState } from '../referral.state';

/**
 * A place request decides on its own stream (place-request.decider.ts); its referrals follow. These
 * rules check no actor and no consent: the decision was taken, with those checks, when the place
 * request's event was appended. Each records nothing when the referral is already past the step,
 * so the API's follow-up and the process manager may both run it (docs/adr/0012-place-requests.md).
 */

export function makeReferralForPlaceRequest({ data }: MakeReferralForPlaceRequest, state: ReferralState): ReferralEvent[] {
  if (state.status !== 'none') return [];
  const { request } = data;
  const recipient = request.recipients.find((r) => r.referralId === data.referralId);
  if (!recipient) return [];
  return [
    {
      type: 'ReferralMade',
      data: {
        referralId: data.referralId,
        caseId: request.caseId,
        from: request.from,
        to: recipient.organisationId,
        service: request.service,
        urgency: request.urgency,
        sharedCategories: request.sharedCategories,
        message: request.message,
        respondBy: request.respondBy,
        placeRequest: { placeRequestId: request.placeRequestId, recipients: request.recipients.length },
      },
    },
  ];
}

export function completePlacement({ data }: CompletePlacement, state: ReferralState): ReferralEvent[] {
  if (state.status !== 'referred' || state.placeRequestId !== data.placeRequestId) return [];
  return [{ type: 'ReferralAccepted', data: { referralId: data.referralId, by: data.by, note: data.note } }];
}

/** Withdrawn on the sender's behalf: the request it made has ended. */
export function withdrawForPlaceRequest({ data }: WithdrawForPlaceRequest, state: ReferralState): ReferralEvent[] {
  if (state.status !== 'referred' || state.placeRequestId !== data.placeRequestId) return [];
  return [{ type: 'ReferralWithdrawn', data: { referralId: data.referralId, by: state.from, reason: data.reason, note: null } }];
}

import { assertNever } from '@passerelle/domain';
import type { InboxReferralRow } from './inbox-referral.entity';
import type { InboxReferralEvent } from './inbox.events';

/**
 * Pure: a referral's inbox row after one more event. The decider already refused impossible
 * transitions, so the row mirrors the stream; null for a referral it has never seen made.
 */
export function evolveInboxReferral(row: InboxReferralRow | null, event: InboxReferralEvent): InboxReferralRow | null {
  // Replaying from a lowered checkpoint must not move the row back or apply an event twice.
  if (row && event.globalPosition <= row.lastPosition) return row;
  const touched = { updatedAt: new Date(event.metadata.occurredAt), lastPosition: event.globalPosition };
  switch (event.type) {
    case 'ReferralMade': {
      if (row) return row;
      const data = event.data;
      return {
        referralId: data.referralId,
        caseId: data.caseId,
        fromOrg: data.from,
        toOrg: data.to,
        service: data.service,
        urgency: data.urgency,
        status: 'referred',
        sharedCategories: [...data.sharedCategories],
        messageSealed: data.message,
        respondBy: data.respondBy === null ? null : new Date(data.respondBy),
        declineReason: null,
        withdrawalReason: null,
        outcome: null,
        placeRequestId: data.placeRequest?.placeRequestId ?? null,
        otherRecipients: data.placeRequest ? data.placeRequest.recipients - 1 : null,
        createdPosition: event.globalPosition,
        createdAt: touched.updatedAt,
        ...touched,
      };
    }
    case 'ReferralAccepted':
      return row && { ...row, status: 'accepted', ...touched };
    case 'ReferralDeclined':
      return row && { ...row, status: 'declined', declineReason: event.data.reason, ...touched };
    case 'ReferralWithdrawn':
      return row && { ...row, status: 'withdrawn', withdrawalReason: event.data.reason, ...touched };
    case 'ReferralClosed':
      return row && { ...row, status: 'closed', outcome: event.data.outcome, ...touched };
    default:
      return assertNever(event, 'inbox referral event');
  }
}

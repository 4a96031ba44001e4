import { assertNever } from '@passerelle/domain';
import type { CoordinationReferralRow } from './coordination-referral.entity';
import type { CoordinationReferralEvent } from './coordination.events';

/** Pure: a referral's steps and their instants after one more event; null for one never seen made. */
export function evolveCoordinationReferral(
  row: CoordinationReferralRow | null,
  event: CoordinationReferralEvent,
): CoordinationReferralRow | null {
  if (row && event.globalPosition <= row.lastPosition) return row;
  const at = new Date(event.metadata.occurredAt);
  const lastPosition = event.globalPosition;
  switch (event.type) {
    case 'ReferralMade': {
      if (row) return row;
      const { referralId, caseId, from, to, service, urgency, respondBy, placeRequest } = event.data;
      return {
        referralId,
        caseId,
        fromOrg: from,
        toOrg: to,
        service,
        urgency,
        status: 'referred',
        madeAt: at,
        respondBy: respondBy === null ? null : new Date(respondBy),
        acceptedAt: null,
        declinedAt: null,
        withdrawnAt: null,
        closedAt: null,
        declineReason: null,
        outcome: null,
        placeRequestId: placeRequest?.placeRequestId ?? null,
        lastPosition,
      };
    }
    case 'ReferralAccepted':
      return row && { ...row, status: 'accepted', acceptedAt: at, lastPosition };
    case 'ReferralDeclined':
      return row && { ...row, status: 'declined', declinedAt: at, declineReason: event.data.reason, lastPosition };
    case 'ReferralWithdrawn':
      return row && { ...row, status: 'withdrawn', withdrawnAt: at, lastPosition };
    case 'ReferralClosed':
      return row && { ...row, status: 'closed', closedAt: at, outcome: event.data.outcome, lastPosition };
    default:
      return assertNever(event, 'coordination referral event');
  }
}

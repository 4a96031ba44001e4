import { assertNever } from '@passerelle/domain';
import type { InboxPlaceRequestRow } from './inbox-place-request.entity';
import type { InboxPlaceRequestEvent } from './inbox.events';

/** Pure: a place request's inbox row after one more event; null for one never seen made. */
export function evolveInboxPlaceRequest(row: InboxPlaceRequestRow | null, event: InboxPlaceRequestEvent): InboxPlaceRequestRow | null {
  if (row && event.globalPosition <= row.lastPosition) return row;
  const touched = { updatedAt: new Date(event.metadata.occurredAt), lastPosition: event.globalPosition };
  switch (event.type) {
    case 'PlaceRequestMade': {
      if (row) return row;
      const { placeRequestId, caseId, from, service, urgency, recipients, respondBy } = event.data;
      return {
        placeRequestId,
        caseId,
        fromOrg: from,
        service,
        urgency,
        status: 'open',
        recipients: recipients.length,
        respondBy: respondBy === null ? null : new Date(respondBy),
        placedReferralId: null,
        placedBy: null,
        createdAt: touched.updatedAt,
        ...touched,
      };
    }
    case 'PlaceRequestPlaced':
      return row && { ...row, status: 'placed', placedReferralId: event.data.referralId, placedBy: event.data.by, ...touched };
    case 'PlaceRequestExpired':
      return row && { ...row, status: 'expired', ...touched };
    case 'PlaceRequestCancelled':
      return row && { ...row, status: 'cancelled', ...touched };
    default:
      return assertNever(event, 'inbox place request event');
  }
}

import { assertNever } from '@passerelle/domain';
import type { CoordinationPlaceRequestRow } from './coordination-place-request.entity';
import type { CoordinationPlaceRequestEvent } from './coordination.events';

/** Pure: a place request's row after one more event; null for one never seen made. Département and round are derived after. */
export function evolveCoordinationPlaceRequest(
  row: CoordinationPlaceRequestRow | null,
  event: CoordinationPlaceRequestEvent,
): CoordinationPlaceRequestRow | null {
  if (row && event.globalPosition <= row.lastPosition) return row;
  const at = new Date(event.metadata.occurredAt);
  const lastPosition = event.globalPosition;
  switch (event.type) {
    case 'PlaceRequestMade': {
      if (row) return row;
      const { placeRequestId, caseId, from, service, urgency, recipients } = event.data;
      return {
        placeRequestId,
        caseId,
        fromOrg: from,
        service,
        urgency,
        department: '',
        status: 'open',
        recipients: recipients.length,
        madeAt: at,
        placedAt: null,
        expiredAt: null,
        cancelledAt: null,
        round: null,
        madePosition: event.globalPosition,
        lastPosition,
      };
    }
    case 'PlaceRequestPlaced':
      return row && { ...row, status: 'placed', placedAt: at, lastPosition };
    case 'PlaceRequestExpired':
      return row && { ...row, status: 'expired', expiredAt: at, lastPosition };
    case 'PlaceRequestCancelled':
      return row && { ...row, status: 'cancelled', cancelledAt: at, lastPosition };
    default:
      return assertNever(event, 'coordination place request event');
  }
}

import {
  placeRequestDecider,
  type PlaceRequestEvent,
  type PlaceRequestStatus,
  type ReferralEvent,
  type Service,
  type Urgency,
} from '@passerelle/domain';
import type { RecordedEvent } from '@passerelle/event-store';

export interface RecipientView {
  organisationId: string;
  referralId: string;
  status: 'referred' | 'accepted' | 'declined' | 'withdrawn' | 'closed';
  declineReason: string | null;
  withdrawalReason: string | null;
  /** When it accepted or declined; null while it has not answered. */
  respondedAt: string | null;
  /** Seconds from the request to that answer. */
  responseSeconds: number | null;
}

export interface PlaceRequestView {
  placeRequestId: string;
  caseId: string;
  from: string;
  status: PlaceRequestStatus;
  service: Service;
  urgency: Urgency;
  respondBy: string | null;
  createdAt: string;
  updatedAt: string;
  /** Who accepted first, through which referral, and when; null until she is placed. */
  placed: { organisationId: string; referralId: string; at: string } | null;
  recipients: RecipientView[];
}

/**
 * What the sender reads of its place request, folded from the request's stream and each referral's.
 * A request whose respondBy has passed is `expired` at once, as the decider already treats it, even
 * before the sweep records it.
 */
export function placeRequestView(request: RecordedEvent[], referrals: RecordedEvent[][], now: Date): PlaceRequestView | null {
  const first = request[0];
  const last = request[request.length - 1];
  if (!first || !last || first.type !== 'PlaceRequestMade') return null;
  const made = first.data as Extract<PlaceRequestEvent, { type: 'PlaceRequestMade' }>['data'];
  const state = request.reduce(
    (folded, e) => placeRequestDecider.evolve(folded, { type: e.type, data: e.data } as PlaceRequestEvent),
    placeRequestDecider.initialState(),
  );
  if (state.status === 'none') return null;
  const placedEvent = request.find((e) => e.type === 'PlaceRequestPlaced');
  const overdue = state.status === 'open' && state.respondBy !== null && Date.parse(state.respondBy) <= now.getTime();
  const madeAt = Date.parse(first.metadata.occurredAt);
  return {
    placeRequestId: made.placeRequestId,
    caseId: made.caseId,
    from: made.from,
    status: overdue ? 'expired' : state.status,
    service: made.service,
    urgency: made.urgency,
    respondBy: made.respondBy,
    createdAt: first.metadata.occurredAt,
    updatedAt: last.metadata.occurredAt,
    placed:
      state.status === 'placed' && placedEvent
        ? { organisationId: state.placedBy, referralId: state.placedReferralId, at: placedEvent.metadata.occurredAt }
        : null,
    recipients: made.recipients.map(({ organisationId, referralId }, index) =>
      recipientView(organisationId, referralId, referrals[index] ?? [], madeAt),
    ),
  };
}

function recipientView(organisationId: string, referralId: string, stream: RecordedEvent[], madeAt: number): RecipientView {
  const view: RecipientView = {
    organisationId,
    referralId,
    status: 'referred',
    declineReason: null,
    withdrawalReason: null,
    respondedAt: null,
    responseSeconds: null,
  };
  for (const recorded of stream) {
    const event = { type: recorded.type, data: recorded.data } as ReferralEvent;
    const answered = () => {
      view.respondedAt = recorded.metadata.occurredAt;
      view.responseSeconds = Math.round((Date.parse(recorded.metadata.occurredAt) - madeAt) / 1000);
    };
    switch (event.type) {
      case 'ReferralMade':
        break;
      case 'ReferralAccepted':
        view.status = 'accepted';
        answered();
        break;
      case 'ReferralDeclined':
        view.status = 'declined';
        view.declineReason = event.data.reason;
        answered();
        break;
      case 'ReferralWithdrawn':
        view.status = 'withdrawn';
        view.withdrawalReason = event.data.reason;
        break;
      case 'ReferralClosed':
        view.status = 'closed';
        break;
    }
  }
  return view;
}

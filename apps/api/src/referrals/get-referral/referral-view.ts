import type { ConsentCategory, ReferralEvent } from '@passerelle/domain';
import type { RecordedEvent } from '@passerelle/event-store';

export interface ReferralView {
  referralId: string;
  caseId: string;
  from: string;
  to: string;
  service: string;
  urgency: string;
  status: 'referred' | 'accepted' | 'declined' | 'withdrawn' | 'closed';
  sharedCategories: ConsentCategory[];
  respondBy: string | null;
  declineReason: string | null;
  withdrawalReason: string | null;
  outcome: string | null;
  /** The place request it belongs to and how many other organisations it went to (never who). */
  placeRequestId: string | null;
  otherRecipients: number | null;
  createdAt: string;
  updatedAt: string;
  sealed: { message: string | null; notes: { by: string; type: string; note: string | null }[] };
}

/** Folds a referral stream into what its two parties read; null for a stream with no ReferralMade. */
export function referralView(recorded: RecordedEvent[]): ReferralView | null {
  let view: ReferralView | null = null;
  for (const record of recorded) {
    const event = { type: record.type, data: record.data } as ReferralEvent;
    const at = record.metadata.occurredAt;
    if (event.type === 'ReferralMade') {
      const d = event.data;
      view = {
        referralId: d.referralId,
        caseId: d.caseId,
        from: d.from,
        to: d.to,
        service: d.service,
        urgency: d.urgency,
        status: 'referred',
        sharedCategories: d.sharedCategories,
        respondBy: d.respondBy,
        declineReason: null,
        withdrawalReason: null,
        outcome: null,
        placeRequestId: d.placeRequest?.placeRequestId ?? null,
        otherRecipients: d.placeRequest ? d.placeRequest.recipients - 1 : null,
        createdAt: at,
        updatedAt: at,
        sealed: { message: d.message, notes: [] },
      };
      continue;
    }
    if (!view) continue;
    view.updatedAt = at;
    view.sealed.notes.push({ by: event.data.by, type: event.type, note: event.data.note });
    switch (event.type) {
      case 'ReferralAccepted':
        view.status = 'accepted';
        break;
      case 'ReferralDeclined':
        view.status = 'declined';
        view.declineReason = event.data.reason;
        break;
      case 'ReferralWithdrawn':
        view.status = 'withdrawn';
        view.withdrawalReason = event.data.reason;
        break;
      case 'ReferralClosed':
        view.status = 'closed';
        view.outcome = event.data.outcome;
        break;
    }
  }
  return view;
}

import { assertNever } from '@passerelle/domain';
import type { CoordinationReferralEvent } from '../coordination/coordination.events';
import type { ResearchReferralRow } from './research-referral.entity';
import { delayBand } from './research.vocabulary';

export type ResearchReferralEvent = CoordinationReferralEvent;

const DAY = 86_400_000;
const daysSince = (madeOn: string, occurredAt: string) => Math.round((Date.parse(occurredAt.slice(0, 10)) - Date.parse(madeOn)) / DAY);

/** Pure: a referral's generalised row after one more event. */
export function evolveResearchReferral(row: ResearchReferralRow | null, event: ResearchReferralEvent): ResearchReferralRow | null {
  if (row && event.globalPosition <= row.lastPosition) return row;
  const lastPosition = event.globalPosition;
  const answered = (outcome: string) => {
    if (!row) return null;
    const responseDays = daysSince(row.madeOn, event.metadata.occurredAt);
    return { ...row, outcome, responseDays, delayBand: delayBand(responseDays), lastPosition };
  };
  switch (event.type) {
    case 'ReferralMade': {
      if (row) return row;
      const { referralId, caseId, service, to } = event.data;
      const { occurredAt } = event.metadata;
      return {
        referralId,
        caseId,
        month: occurredAt.slice(0, 7),
        service,
        receiver: to,
        outcome: 'pending',
        madeOn: occurredAt.slice(0, 10),
        responseDays: null,
        delayBand: delayBand(null),
        lastPosition,
      };
    }
    case 'ReferralAccepted':
      return answered('accepted');
    case 'ReferralDeclined':
      return answered('declined');
    case 'ReferralWithdrawn':
      return row && { ...row, outcome: 'withdrawn', lastPosition };
    case 'ReferralClosed':
      return row && { ...row, outcome: `closed_${event.data.outcome}`, lastPosition };
    default:
      return assertNever(event, 'research referral event');
  }
}

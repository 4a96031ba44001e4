import type { ClosureOutcome, DeclineReason, Service, Urgency } from '@passerelle/domain';
import { EntitySchema } from 'typeorm';
import { positionColumn } from '../read-model.columns';
import type { InboxReferralStatus } from '../inbox/inbox-referral.entity';

/** A referral as the coordination view counts it: who, what, when each step happened. No message, no note. */
export interface CoordinationReferralRow {
  referralId: string;
  caseId: string;
  fromOrg: string;
  toOrg: string;
  service: Service;
  urgency: Urgency;
  status: InboxReferralStatus;
  madeAt: Date;
  respondBy: Date | null;
  acceptedAt: Date | null;
  declinedAt: Date | null;
  withdrawnAt: Date | null;
  closedAt: Date | null;
  declineReason: DeclineReason | null;
  outcome: ClosureOutcome | null;
  /** The place request it was made for, if any: its declines count per request (docs/adr/0012-place-requests.md). */
  placeRequestId: string | null;
  lastPosition: bigint;
}

const at = (name: string) => ({ name, type: 'timestamptz' as const, nullable: true });

export const CoordinationReferralEntity = new EntitySchema<CoordinationReferralRow>({
  name: 'CoordinationReferral',
  tableName: 'coordination_referrals',
  columns: {
    referralId: { name: 'referral_id', type: 'uuid', primary: true },
    caseId: { name: 'case_id', type: 'uuid' },
    fromOrg: { name: 'from_org', type: 'text' },
    toOrg: { name: 'to_org', type: 'text' },
    service: { type: 'text' },
    urgency: { type: 'text' },
    status: { type: 'text' },
    madeAt: { name: 'made_at', type: 'timestamptz' },
    respondBy: at('respond_by'),
    acceptedAt: at('accepted_at'),
    declinedAt: at('declined_at'),
    withdrawnAt: at('withdrawn_at'),
    closedAt: at('closed_at'),
    declineReason: { name: 'decline_reason', type: 'text', nullable: true },
    outcome: { type: 'text', nullable: true },
    placeRequestId: { name: 'place_request_id', type: 'uuid', nullable: true },
    lastPosition: positionColumn('last_position'),
  },
});

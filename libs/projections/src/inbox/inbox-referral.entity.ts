import type { ClosureOutcome, ConsentCategory, DeclineReason, Service, Urgency, WithdrawalReason } from '@passerelle/domain';
import { EntitySchema } from 'typeorm';
import { positionColumn } from '../read-model.columns';

export const INBOX_REFERRAL_STATUSES = ['referred', 'accepted', 'declined', 'withdrawn', 'closed'] as const;
export type InboxReferralStatus = (typeof INBOX_REFERRAL_STATUSES)[number];

/** A referral as both parties' inboxes list it. Personal data never lives here, only ids and the sealed message. */
export interface InboxReferralRow {
  referralId: string;
  caseId: string;
  fromOrg: string;
  toOrg: string;
  service: Service;
  urgency: Urgency;
  status: InboxReferralStatus;
  sharedCategories: ConsentCategory[];
  /** The message exactly as sealed in the event; opened at read time with the case key, so erasure shreds it. */
  messageSealed: string | null;
  respondBy: Date | null;
  declineReason: DeclineReason | null;
  withdrawalReason: WithdrawalReason | null;
  outcome: ClosureOutcome | null;
  /** The place request it belongs to, if any (docs/adr/0012-place-requests.md). */
  placeRequestId: string | null;
  /** How many other organisations the same place request went to: a number, never who. */
  otherRecipients: number | null;
  /** Global position of ReferralMade: the inbox's stable newest-first order and its cursor. */
  createdPosition: bigint;
  /** When the referral was made (the event's occurredAt). */
  createdAt: Date;
  updatedAt: Date;
  /** Position of the last event folded in; lets the evolver ignore an event it already holds. */
  lastPosition: bigint;
}

export const InboxReferralEntity = new EntitySchema<InboxReferralRow>({
  name: 'InboxReferral',
  tableName: 'inbox_referrals',
  columns: {
    referralId: { name: 'referral_id', type: 'uuid', primary: true },
    caseId: { name: 'case_id', type: 'uuid' },
    fromOrg: { name: 'from_org', type: 'text' },
    toOrg: { name: 'to_org', type: 'text' },
    service: { type: 'text' },
    urgency: { type: 'text' },
    status: { type: 'text' },
    sharedCategories: { name: 'shared_categories', type: 'text', array: true },
    messageSealed: { name: 'message_sealed', type: 'text', nullable: true },
    respondBy: { name: 'respond_by', type: 'timestamptz', nullable: true },
    declineReason: { name: 'decline_reason', type: 'text', nullable: true },
    withdrawalReason: { name: 'withdrawal_reason', type: 'text', nullable: true },
    outcome: { type: 'text', nullable: true },
    placeRequestId: { name: 'place_request_id', type: 'uuid', nullable: true },
    otherRecipients: { name: 'other_recipients', type: 'integer', nullable: true },
    createdPosition: positionColumn('created_position'),
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
    lastPosition: positionColumn('last_position'),
  },
});

import type { ClosureOutcome, DeclineReason, Service, Urgency } from '@passerelle/domain';
import type { InboxReferralRow } from '@passerelle/projections';
import type { ReferralView } from '../../referrals/get-referral/referral-view';

export type ReferralStatus = 'referred' | 'accepted' | 'declined' | 'withdrawn' | 'closed';

/**
 * What a Task is made of, from the referral stream itself (a read, an update) or from the inbox
 * read model (a search): ids, parties, status and its reason, no text and nothing about her, so
 * a Task never needs her key and never enters the access log.
 */
export interface ReferralFacts {
  referralId: string;
  caseId: string;
  from: string;
  to: string;
  service: Service;
  urgency: Urgency;
  status: ReferralStatus;
  respondBy: string | null;
  declineReason: DeclineReason | null;
  outcome: ClosureOutcome | null;
  createdAt: string;
  updatedAt: string;
  /** The referral stream's revision: the resource's versionId and ETag, and what If-Match is compared with. */
  revision: bigint;
}

/**
 * A referral stream holds ReferralMade, then at most one answer (accepted, declined, withdrawn),
 * then, after an acceptance, at most ReferralClosed (libs/domain/src/referral/referral.decider.ts):
 * so its status tells its revision. A search reads rows of the inbox read model, which keeps the
 * status but not the revision.
 */
export const REVISION_OF_STATUS: Record<ReferralStatus, bigint> = { referred: 0n, accepted: 1n, declined: 1n, withdrawn: 1n, closed: 2n };

export function factsFromStream(view: ReferralView, revision: bigint): ReferralFacts {
  return {
    referralId: view.referralId,
    caseId: view.caseId,
    from: view.from,
    to: view.to,
    service: view.service as Service,
    urgency: view.urgency as Urgency,
    status: view.status,
    respondBy: view.respondBy,
    declineReason: view.declineReason as DeclineReason | null,
    outcome: view.outcome as ClosureOutcome | null,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    revision,
  };
}

export function factsFromInbox(row: InboxReferralRow): ReferralFacts {
  return {
    referralId: row.referralId,
    caseId: row.caseId,
    from: row.fromOrg,
    to: row.toOrg,
    service: row.service,
    urgency: row.urgency,
    status: row.status,
    respondBy: row.respondBy?.toISOString() ?? null,
    declineReason: row.declineReason,
    outcome: row.outcome,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    revision: REVISION_OF_STATUS[row.status],
  };
}

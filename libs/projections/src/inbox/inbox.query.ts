import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { InboxCaseEntity, type InboxCaseRow } from './inbox-case.entity';
import { decodeInboxCursor, encodeInboxCursor } from './inbox-cursor';
import { InboxReferralEntity, type InboxReferralRow, type InboxReferralStatus } from './inbox-referral.entity';
import { InboxPlaceRequestEntity, type InboxPlaceRequestRow } from './inbox-place-request.entity';

export const INBOX_MAX_LIMIT = 100;

export interface InboxListRequest {
  organisationId: string;
  /** `received`: referrals made to the organisation; `sent`: referrals it made. */
  direction: 'received' | 'sent';
  status?: InboxReferralStatus;
  /** `nextCursor` of the previous page; absent for the first page. */
  cursor?: string;
  /** Page size, clamped to 1..{@link INBOX_MAX_LIMIT}. */
  limit: number;
}

export interface InboxPage {
  rows: InboxReferralRow[];
  /** Null on the last page. */
  nextCursor: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads of the inbox read model. Returns rows as stored: the caller still applies the consent state
 * of the case (see {@link inboxCaseState}) before showing a partner anything about the person.
 */
export class InboxQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first by the position of ReferralMade, which never changes, so pages never overlap. */
  async list(request: InboxListRequest): Promise<InboxPage> {
    const before = request.cursor === undefined ? null : decodeInboxCursor(request.cursor);
    const limit = Math.min(Math.max(Math.trunc(request.limit) || 1, 1), INBOX_MAX_LIMIT);
    const party = request.direction === 'received' ? 'r.toOrg' : 'r.fromOrg';
    const query = this.dataSource
      .getRepository(InboxReferralEntity)
      .createQueryBuilder('r')
      .where(`${party} = :organisationId`, { organisationId: request.organisationId })
      .orderBy('r.createdPosition', 'DESC')
      .take(limit + 1); // one more than asked tells whether there is a next page
    if (request.status) query.andWhere('r.status = :status', { status: request.status });
    if (before !== null) query.andWhere('r.createdPosition < :before', { before: before.toString() });
    const found = await query.getMany();
    const rows = found.slice(0, limit);
    const last = rows[rows.length - 1];
    return { rows, nextCursor: found.length > limit && last ? encodeInboxCursor(last.createdPosition) : null };
  }

  async getReferral(referralId: string): Promise<InboxReferralRow | null> {
    if (!UUID.test(referralId)) return null;
    return this.dataSource.getRepository(InboxReferralEntity).findOneBy({ referralId });
  }

  async getCase(caseId: string): Promise<InboxCaseRow | null> {
    if (!UUID.test(caseId)) return null;
    return this.dataSource.getRepository(InboxCaseEntity).findOneBy({ caseId });
  }

  /** Every referral made for one case (e.g. to know whether a partner received her). */
  async referralsOfCase(caseId: string): Promise<InboxReferralRow[]> {
    if (!UUID.test(caseId)) return [];
    return this.dataSource.getRepository(InboxReferralEntity).findBy({ caseId });
  }

  /** The place requests among `ids` that exist (e.g. those of one inbox page's rows). */
  async getPlaceRequests(ids: readonly (string | null)[]): Promise<InboxPlaceRequestRow[]> {
    const known = [...new Set(ids)].filter((id): id is string => id !== null && UUID.test(id));
    if (known.length === 0) return [];
    return this.dataSource.getRepository(InboxPlaceRequestEntity).findBy({ placeRequestId: In(known) });
  }

  /** The cases among `caseIds` that exist, in no particular order (e.g. the cases behind one inbox page). */
  async getCases(caseIds: readonly string[]): Promise<InboxCaseRow[]> {
    const ids = [...new Set(caseIds)].filter((id) => UUID.test(id));
    if (ids.length === 0) return [];
    return this.dataSource.getRepository(InboxCaseEntity).findBy({ caseId: In(ids) });
  }
}

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

/** A bound on `updatedAt` (FHIR's `_lastUpdated`): strictly after or before `at`, or also at it. */
export interface UpdatedBound {
  at: Date;
  inclusive: boolean;
}

export interface InboxSearchRequest {
  /** The reader: only referrals it sent or received are ever returned. */
  organisationId: string;
  /** Referrals made to this organisation (a FHIR Task's owner). */
  to?: string;
  /** Referrals made by this organisation (a FHIR Task's requester). */
  from?: string;
  /** Any of these statuses; all when absent. */
  statuses?: readonly InboxReferralStatus[];
  updatedAfter?: UpdatedBound;
  updatedBefore?: UpdatedBound;
  cursor?: string;
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

  /**
   * Referrals the reader is a party to, by party, status and time of the last change (a FHIR Task
   * search), in the inbox's stable order: newest made first, paged with the same cursors.
   */
  async search(request: InboxSearchRequest): Promise<InboxPage> {
    const before = request.cursor === undefined ? null : decodeInboxCursor(request.cursor);
    const limit = Math.min(Math.max(Math.trunc(request.limit) || 1, 1), INBOX_MAX_LIMIT);
    const query = this.dataSource
      .getRepository(InboxReferralEntity)
      .createQueryBuilder('r')
      .where('(r.toOrg = :reader OR r.fromOrg = :reader)', { reader: request.organisationId })
      .orderBy('r.createdPosition', 'DESC')
      .take(limit + 1);
    if (request.to !== undefined) query.andWhere('r.toOrg = :to', { to: request.to });
    if (request.from !== undefined) query.andWhere('r.fromOrg = :from', { from: request.from });
    if (request.statuses) query.andWhere('r.status IN (:...statuses)', { statuses: request.statuses.length ? request.statuses : [''] });
    if (request.updatedAfter) {
      query.andWhere(`r.updatedAt ${request.updatedAfter.inclusive ? '>=' : '>'} :after`, { after: request.updatedAfter.at });
    }
    if (request.updatedBefore) {
      query.andWhere(`r.updatedAt ${request.updatedBefore.inclusive ? '<=' : '<'} :until`, { until: request.updatedBefore.at });
    }
    if (before !== null) query.andWhere('r.createdPosition < :before', { before: before.toString() });
    const found = await query.getMany();
    const rows = found.slice(0, limit);
    const last = rows[rows.length - 1];
    return { rows, nextCursor: found.length > limit && last ? encodeInboxCursor(last.createdPosition) : null };
  }

  /** The case whose consents include this one, or null (e.g. to read one consent by its id). */
  async caseOfConsent(consentId: string): Promise<string | null> {
    if (!UUID.test(consentId)) return null;
    const row = await this.dataSource
      .getRepository(InboxCaseEntity)
      .createQueryBuilder('c')
      .select('c.caseId', 'caseId')
      .where('c.consents @> :consent::jsonb', { consent: JSON.stringify([{ consentId }]) })
      .getRawOne<{ caseId: string }>();
    return row?.caseId ?? null;
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

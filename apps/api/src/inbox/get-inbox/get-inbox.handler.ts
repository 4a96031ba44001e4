import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { READ_MODEL } from '@passerelle/database';
import {
  InboxQuery,
  INBOX_PROJECTION_NAME,
  inboxCaseState,
  referralOpenToReceiver,
  waitForCheckpoint,
  type InboxPlaceRequestRow,
  type InboxReferralRow,
} from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { PersonAccessService } from '../../shared/person-access';
import { GetInboxQuery } from './get-inbox.query';

/**
 * A partner's inbox: referrals it received or sent, newest first. Personal fields are opened per
 * row with the consent state of now, so a withdrawal empties them at once; the page's reads go to
 * the access log in one INSERT.
 */
@QueryHandler(GetInboxQuery)
export class GetInboxHandler implements IQueryHandler<GetInboxQuery> {
  constructor(
    private readonly inbox: InboxQuery,
    private readonly access: PersonAccessService,
    @Inject(READ_MODEL) private readonly readModel: DataSource,
    @Inject(APP_CONFIG) private readonly settings: RuntimeSettings,
  ) {}

  async execute({ actor, now, filter }: GetInboxQuery) {
    const caughtUp =
      filter.minPosition === undefined ||
      (await waitForCheckpoint(this.readModel, INBOX_PROJECTION_NAME, filter.minPosition, this.settings.readYourWritesTimeoutMs));
    const page = await this.inbox.list({
      organisationId: actor.organisationId,
      direction: filter.direction,
      status: filter.status,
      cursor: filter.cursor,
      limit: filter.limit,
    });
    const [caseRows, requestRows] = await Promise.all([
      this.inbox.getCases(page.rows.map((r) => r.caseId)),
      this.inbox.getPlaceRequests(page.rows.map((r) => r.placeRequestId)),
    ]);
    const cases = new Map(caseRows.map((c) => [c.caseId, c]));
    const requests = new Map(requestRows.map((p) => [p.placeRequestId, p]));
    const people = await this.access.viewPage(
      page.rows.map((row) => {
        const found = cases.get(row.caseId);
        const caseState = found ? inboxCaseState(found) : ({ status: 'none' } as const);
        const open = referralOpenToReceiver(row, row.placeRequestId ? requests.get(row.placeRequestId) : null);
        const referral = { to: row.toOrg, sharedCategories: row.sharedCategories, referralId: row.referralId, open };
        return { viewer: actor.organisationId, caseState, personal: found?.personalSealed ?? null, referral, now };
      }),
      { keyId: actor.keyId, personId: actor.personId ?? null, via: 'inbox' },
    );
    const items = page.rows.map((row, i) => {
      const person = people[i] ?? { person: null, categories: [], erased: false };
      const request = row.placeRequestId ? requests.get(row.placeRequestId) : undefined;
      return {
        ...item(row, now),
        ...placeRequestFields(row, request, actor.organisationId),
        person: person.person,
        visibleCategories: person.categories,
        erased: person.erased,
      };
    });
    return { items, nextCursor: page.nextCursor, caughtUp };
  }
}

function item(row: InboxReferralRow, now: Date) {
  return {
    referralId: row.referralId,
    caseId: row.caseId,
    from: row.fromOrg,
    to: row.toOrg,
    service: row.service,
    urgency: row.urgency,
    status: row.status,
    respondBy: row.respondBy?.toISOString() ?? null,
    overdue: row.status === 'referred' && row.respondBy !== null && row.respondBy < now,
    declineReason: row.declineReason,
    withdrawalReason: row.withdrawalReason,
    outcome: row.outcome,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    position: row.createdPosition.toString(),
  };
}

/**
 * A row of a place request says which request and how many others were asked, never who
 * (docs/adr/0012-place-requests.md); only the sender also reads the request's status and who accepted.
 */
function placeRequestFields(row: InboxReferralRow, request: InboxPlaceRequestRow | undefined, viewer: string) {
  const isSender = row.fromOrg === viewer;
  return {
    placeRequestId: row.placeRequestId,
    otherRecipients: row.otherRecipients,
    placeRequest: isSender && request ? { status: request.status, placedBy: request.placedBy } : null,
  };
}

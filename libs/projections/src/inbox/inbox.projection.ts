import type { Projection } from '../runner/projection';
import { tableLanes, tablesProjection, type ReadModelTable } from '../runner/read-model-table';
import { InboxCaseEntity, type InboxCaseRow } from './inbox-case.entity';
import { evolveInboxCase } from './inbox-case.evolve';
import { InboxReferralEntity, type InboxReferralRow } from './inbox-referral.entity';
import { evolveInboxReferral } from './inbox-referral.evolve';
import { InboxPlaceRequestEntity, type InboxPlaceRequestRow } from './inbox-place-request.entity';
import { evolveInboxPlaceRequest } from './inbox-place-request.evolve';
import {
  INBOX_CASE_EVENT_TYPES,
  INBOX_PLACE_REQUEST_EVENT_TYPES,
  INBOX_REFERRAL_EVENT_TYPES,
  type InboxCaseEvent,
  type InboxPlaceRequestEvent,
  type InboxReferralEvent,
} from './inbox.events';

export const INBOX_PROJECTION_NAME = 'inbox';

export const inboxCasesTable: ReadModelTable<InboxCaseRow, InboxCaseEvent> = {
  entity: InboxCaseEntity,
  key: 'caseId',
  handles: INBOX_CASE_EVENT_TYPES,
  keyOf: (event) => event.data.caseId,
  evolve: evolveInboxCase,
  creates: 'PersonIdentified',
};

export const inboxReferralsTable: ReadModelTable<InboxReferralRow, InboxReferralEvent> = {
  entity: InboxReferralEntity,
  key: 'referralId',
  handles: INBOX_REFERRAL_EVENT_TYPES,
  keyOf: (event) => event.data.referralId,
  evolve: evolveInboxReferral,
  creates: 'ReferralMade',
};

export const inboxPlaceRequestsTable: ReadModelTable<InboxPlaceRequestRow, InboxPlaceRequestEvent> = {
  entity: InboxPlaceRequestEntity,
  key: 'placeRequestId',
  handles: INBOX_PLACE_REQUEST_EVENT_TYPES,
  keyOf: (event) => event.data.placeRequestId,
  evolve: evolveInboxPlaceRequest,
  creates: 'PlaceRequestMade',
};

/**
 * Partners' inboxes: referrals sent and received, the consent state that decides what they may see,
 * and the status of the place requests they belong to.
 */
const INBOX_TABLES = [inboxCasesTable, inboxReferralsTable, inboxPlaceRequestsTable];
export const inboxProjection: Projection = tablesProjection(INBOX_PROJECTION_NAME, INBOX_TABLES);
/** Its replay, a table per lane (libs/projections/src/rebuild/rebuild-catalogue.ts). */
export const INBOX_LANES = tableLanes(INBOX_PROJECTION_NAME, INBOX_TABLES);

export const INBOX_ENTITIES = [InboxCaseEntity, InboxReferralEntity, InboxPlaceRequestEntity];
export { INBOX_MIGRATIONS } from './inbox.migration';

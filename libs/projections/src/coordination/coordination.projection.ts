import type { RecordedEvent } from '@passerelle/event-store';
import type { EntityManager } from 'typeorm';
import type { FinishStep, Projection } from '../runner/projection';
import { applyToTable, INTO_EMPTY, type ReadModelTable } from '../runner/read-model-table';
import { CoordinationCaseEntity, type CoordinationCaseRow } from './coordination-case.entity';
import { evolveCoordinationCase } from './coordination-case.evolve';
import { CoordinationOrganisationEntity, type CoordinationOrganisationRow } from './coordination-organisation.entity';
import { evolveCoordinationOrganisation } from './coordination-organisation.evolve';
import { CoordinationReferralEntity, type CoordinationReferralRow } from './coordination-referral.entity';
import { evolveCoordinationReferral } from './coordination-referral.evolve';
import {
  COORDINATION_CASE_EVENT_TYPES,
  COORDINATION_ORGANISATION_EVENT_TYPES,
  COORDINATION_PLACE_REQUEST_EVENT_TYPES,
  COORDINATION_REFERRAL_EVENT_TYPES,
  type CoordinationCaseEvent,
  type CoordinationOrganisationEvent,
  type CoordinationPlaceRequestEvent,
  type CoordinationReferralEvent,
} from './coordination.events';
import { CoordinationPlaceRequestEntity, type CoordinationPlaceRequestRow } from './coordination-place-request.entity';
import { evolveCoordinationPlaceRequest } from './coordination-place-request.evolve';
import {
  countPlaceRequests,
  derivePlaceRequests,
  PLACE_REQUEST_CELL_TABLES,
  RECOMPUTE_PLACE_REQUEST_CELLS,
  RECOMPUTE_PLACE_REQUESTS,
  touchedPlaceRequests,
} from './coordination-place-requests';
import { recomputeAllPersons, refreshPersons } from './coordination-persons';
import { refreshAllCaseSummaries, refreshCaseSummaries } from './coordination-summary';
import { RECOMPUTE_CELLS, runStatements } from './coordination-cells';
import { addCells, takeAwayCells } from './coordination-cells-upkeep';
import { withLinkageKeys } from './coordination-linkage';

export const COORDINATION_PROJECTION_NAME = 'coordination';

export const coordinationCasesTable: ReadModelTable<CoordinationCaseRow, CoordinationCaseEvent> = {
  entity: CoordinationCaseEntity,
  key: 'caseId',
  handles: COORDINATION_CASE_EVENT_TYPES,
  keyOf: (event) => event.data.caseId,
  evolve: evolveCoordinationCase,
  creates: 'PersonIdentified',
};

export const coordinationReferralsTable: ReadModelTable<CoordinationReferralRow, CoordinationReferralEvent> = {
  entity: CoordinationReferralEntity,
  key: 'referralId',
  handles: COORDINATION_REFERRAL_EVENT_TYPES,
  keyOf: (event) => event.data.referralId,
  evolve: evolveCoordinationReferral,
  creates: 'ReferralMade',
};

export const coordinationOrganisationsTable: ReadModelTable<CoordinationOrganisationRow, CoordinationOrganisationEvent> = {
  entity: CoordinationOrganisationEntity,
  key: 'organisationId',
  handles: COORDINATION_ORGANISATION_EVENT_TYPES,
  keyOf: (event) => event.data.organisationId,
  evolve: evolveCoordinationOrganisation,
  creates: 'OrganisationRegistered',
};

export const coordinationPlaceRequestsTable: ReadModelTable<CoordinationPlaceRequestRow, CoordinationPlaceRequestEvent> = {
  entity: CoordinationPlaceRequestEntity,
  key: 'placeRequestId',
  handles: COORDINATION_PLACE_REQUEST_EVENT_TYPES,
  keyOf: (event) => event.data.placeRequestId,
  evolve: evolveCoordinationPlaceRequest,
  creates: 'PlaceRequestMade',
};

const PLACE_REQUEST_TYPES: readonly string[] = COORDINATION_PLACE_REQUEST_EVENT_TYPES;
const CASE_TYPES: readonly string[] = COORDINATION_CASE_EVENT_TYPES;
const REFERRAL_TYPES: readonly string[] = COORDINATION_REFERRAL_EVENT_TYPES;

/** The rows events write directly, and, per batch, the rows derived from them. */
async function applyCoordination(manager: EntityManager, recorded: RecordedEvent[]): Promise<void> {
  const events = await withLinkageKeys(manager, recorded);
  const cases = events.filter((event) => CASE_TYPES.includes(event.type)) as CoordinationCaseEvent[];
  const referrals = events.filter((event) => REFERRAL_TYPES.includes(event.type)) as CoordinationReferralEvent[];
  const referralIds = [...new Set(referrals.map((event) => event.data.referralId))];
  // Her case counts again once her referral is made: its row does not exist yet before the batch.
  const made = referrals.flatMap((event) => (event.type === 'ReferralMade' ? [event.data.caseId] : []));
  const caseIds = [...new Set([...cases.map((event) => event.data.caseId), ...made])];
  // Her linkage key is read before the batch too: an erasure removes it from the case row, and her person row must go.
  // The derived rows' statements are prepared (libs/projections/src/runner/run-prepared.ts); a generic plan spares planning them every batch.
  await manager.query('SET LOCAL plan_cache_mode = force_generic_plan');
  const before = await takeAwayCells(manager, caseIds, referralIds);
  const requestIds = (events.filter((event) => PLACE_REQUEST_TYPES.includes(event.type)) as CoordinationPlaceRequestEvent[]).map(
    (event) => event.data.placeRequestId,
  );
  const declined = referrals.flatMap((event) => (event.type === 'ReferralDeclined' ? [event.data.referralId] : []));
  // A referral made and declined in this batch has no row yet to say its request: its ReferralMade does.
  const requestsOfNewReferrals = referrals.flatMap((event) =>
    event.type === 'ReferralMade' && event.data.placeRequest ? [event.data.placeRequest.placeRequestId] : [],
  );
  const touchedRequests = await touchedPlaceRequests(manager, [...requestIds, ...requestsOfNewReferrals], declined);
  await countPlaceRequests(manager, touchedRequests, -1);
  await applyToTable(manager, coordinationOrganisationsTable, events);
  await applyToTable(manager, coordinationCasesTable, events);
  await applyToTable(manager, coordinationReferralsTable, events);
  await applyToTable(manager, coordinationPlaceRequestsTable, events);
  await derivePlaceRequests(manager, requestIds);
  await countPlaceRequests(manager, touchedRequests, 1);
  const linked = cases.flatMap((event) => (event.linkageKey ? [event.linkageKey] : []));
  await refreshPersons(manager, [...new Set([...before.linkageKeys, ...linked])]);
  await refreshCaseSummaries(manager, referralIds);
  await addCells(manager, caseIds, referralIds, before.emptied);
}

/** The coordinator's network view: funnels, identification gaps and capacity (docs/adr/0002-coordination-and-consent.md). */
export const coordinationProjection: Projection = {
  name: COORDINATION_PROJECTION_NAME,
  handles: [
    ...COORDINATION_ORGANISATION_EVENT_TYPES,
    ...COORDINATION_CASE_EVENT_TYPES,
    ...COORDINATION_REFERRAL_EVENT_TYPES,
    ...COORDINATION_PLACE_REQUEST_EVENT_TYPES,
  ],
  applyBatch: applyCoordination,
};

/**
 * A replay from position 0 writes only the rows events write directly, derived rows (case
 * summaries, persons, cells) being computed once at the end by {@link finishCoordination}; cut into
 * lanes that write apart, which a rebuild runs side by side (libs/projections/src/rebuild/rebuild-catalogue.ts):
 * her case with its linkage key, the referrals, and the organisations with the place requests.
 */
export const COORDINATION_REPLAY_LANES: readonly Projection[] = [
  {
    name: COORDINATION_PROJECTION_NAME,
    handles: COORDINATION_CASE_EVENT_TYPES,
    applyBatch: async (manager, events) =>
      applyToTable(manager, coordinationCasesTable, await withLinkageKeys(manager, events), INTO_EMPTY),
  },
  {
    name: COORDINATION_PROJECTION_NAME,
    handles: COORDINATION_REFERRAL_EVENT_TYPES,
    applyBatch: (manager, events) => applyToTable(manager, coordinationReferralsTable, events, INTO_EMPTY),
  },
  {
    name: COORDINATION_PROJECTION_NAME,
    handles: [...COORDINATION_ORGANISATION_EVENT_TYPES, ...COORDINATION_PLACE_REQUEST_EVENT_TYPES],
    async applyBatch(manager, events) {
      await applyToTable(manager, coordinationOrganisationsTable, events, INTO_EMPTY);
      await applyToTable(manager, coordinationPlaceRequestsTable, events, INTO_EMPTY);
    },
  },
];

/** The same replay in one transaction: the lanes in turn. */
export const coordinationReplayProjection: Projection = {
  ...coordinationProjection,
  async applyBatch(manager, events) {
    for (const lane of COORDINATION_REPLAY_LANES) await lane.applyBatch(manager, events);
  },
};

/**
 * Independent chains, which a rebuild runs side by side: each reads what the others do not write
 * (the referral cells read the cases' identification month, which the summaries do not change).
 * The case and delay cells both read the summaries and write apart: they follow them side by side.
 */
export const finishCoordination: readonly FinishStep[] = [
  {
    run: refreshAllCaseSummaries,
    then: [
      { run: (manager) => runStatements(manager, RECOMPUTE_CELLS.cases) },
      { run: (manager) => runStatements(manager, RECOMPUTE_CELLS.delays) },
    ],
  },
  {
    async run(manager) {
      await recomputeAllPersons(manager);
      await runStatements(manager, RECOMPUTE_CELLS.persons);
    },
  },
  { run: (manager) => runStatements(manager, RECOMPUTE_CELLS.referrals) },
  { run: (manager) => runStatements(manager, [...RECOMPUTE_PLACE_REQUESTS, ...RECOMPUTE_PLACE_REQUEST_CELLS]) },
];
/** The case summaries, which the finish sets on every referred case. */
export const COORDINATION_UPDATED_BY_FINISH = ['coordination_cases'];

export const COORDINATION_TABLES = [
  'coordination_cases',
  'coordination_referrals',
  'coordination_organisations',
  'coordination_persons',
  'coordination_case_cells',
  'coordination_referral_cells',
  'coordination_delay_cells',
  'coordination_person_cells',
  'coordination_place_requests',
  ...PLACE_REQUEST_CELL_TABLES,
];
export const COORDINATION_ENTITIES = [
  CoordinationCaseEntity,
  CoordinationReferralEntity,
  CoordinationOrganisationEntity,
  CoordinationPlaceRequestEntity,
];
export { COORDINATION_MIGRATIONS } from './coordination.migration';

import type { Projection } from '../runner/projection';
import { applyToTable, type ReadModelTable } from '../runner/read-model-table';
import { CoordinationCaseEntity, type CoordinationCaseRow } from './coordination-case.entity';
import { evolveCoordinationCase } from './coordination-case.evolve';
import { CoordinationOrganisationEntity, type CoordinationOrganisationRow } from './coordination-organisation.entity';
import { evolveCoordinationOrganisation } from './coordination-organisation.evolve';
import { CoordinationReferralEntity, type CoordinationReferralRow } from './coordination-referral.entity';
import { evolveCoordinationReferral } from './coordination-referral.evolve';
import {
  COORDINATION_CASE_EVENT_TYPES, COORDINATION_ORGANISATION_EVENT_TYPES, COORDINATION_REFERRAL_EVENT_TYPES,
  type CoordinationCaseEvent, type CoordinationOrganisationEvent, type CoordinationReferralEvent,
} from './coordination.events';
import { CoordinationReadModel1767225600040 } from './coordination.migration';

export const COORDINATION_PROJECTION_NAME = 'coordination';

export const coordinationCasesTable: ReadModelTable<CoordinationCaseRow, CoordinationCaseEvent> = {
  entity: CoordinationCaseEntity,
  key: 'caseId',
  handles: COORDINATION_CASE_EVENT_TYPES,
  keyOf: (event) => event.data.caseId,
  evolve: evolveCoordinationCase,
};

export const coordinationReferralsTable: ReadModelTable<CoordinationReferralRow, CoordinationReferralEvent> = {
  entity: CoordinationReferralEntity,
  key: 'referralId',
  handles: COORDINATION_REFERRAL_EVENT_TYPES,
  keyOf: (event) => event.data.referralId,
  evolve: evolveCoordinationReferral,
};

export const coordinationOrganisationsTable: ReadModelTable<CoordinationOrganisationRow, CoordinationOrganisationEvent> = {
  entity: CoordinationOrganisationEntity,
  key: 'organisationId',
  handles: COORDINATION_ORGANISATION_EVENT_TYPES,
  keyOf: (event) => event.data.organisationId,
  evolve: evolveCoordinationOrganisation,
};

/** The coordinator's network view: funnels, identification gaps and capacity (DESIGN §1, §6). */
export const coordinationProjection: Projection = {
  name: COORDINATION_PROJECTION_NAME,
  handles: [...COORDINATION_ORGANISATION_EVENT_TYPES, ...COORDINATION_CASE_EVENT_TYPES, ...COORDINATION_REFERRAL_EVENT_TYPES],
  async applyBatch(manager, events) {
    await applyToTable(manager, coordinationOrganisationsTable, events);
    await applyToTable(manager, coordinationCasesTable, events);
    await applyToTable(manager, coordinationReferralsTable, events);
  },
};

export const COORDINATION_TABLES = ['coordination_cases', 'coordination_referrals', 'coordination_organisations'];
export const COORDINATION_ENTITIES = [CoordinationCaseEntity, CoordinationReferralEntity, CoordinationOrganisationEntity];
export const COORDINATION_MIGRATIONS = [CoordinationReadModel1767225600040];

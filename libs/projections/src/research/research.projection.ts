import type { Projection } from '../runner/projection';
import { tableLanes, tablesProjection, type ReadModelTable } from '../runner/read-model-table';
import { ResearchCaseEntity, type ResearchCaseRow } from './research-case.entity';
import { evolveResearchCase, type ResearchCaseEvent } from './research-case.evolve';
import {
  ResearchOrganisationEntity,
  evolveResearchOrganisation,
  type ResearchOrganisationEvent,
  type ResearchOrganisationRow,
} from './research-organisation.entity';
import { ResearchReferralEntity, type ResearchReferralRow } from './research-referral.entity';
import { evolveResearchReferral, type ResearchReferralEvent } from './research-referral.evolve';
import { RESEARCH_READ_MODEL_MIGRATIONS } from './research.migration';
import { RESEARCH_LEDGER_MIGRATIONS } from './ledger/epsilon-ledger.migration';

export const RESEARCH_PROJECTION_NAME = 'research';
const CASE_EVENTS = [
  'PersonIdentified',
  'ConsentGranted',
  'ConsentWithdrawn',
  'PersonErased',
] as const satisfies readonly ResearchCaseEvent['type'][];
const REFERRAL_EVENTS = [
  'ReferralMade',
  'ReferralAccepted',
  'ReferralDeclined',
  'ReferralWithdrawn',
  'ReferralClosed',
] as const satisfies readonly ResearchReferralEvent['type'][];
const ORGANISATION_EVENTS = ['OrganisationRegistered'] as const satisfies readonly ResearchOrganisationEvent['type'][];

export const researchCasesTable: ReadModelTable<ResearchCaseRow, ResearchCaseEvent> = {
  entity: ResearchCaseEntity,
  key: 'caseId',
  handles: CASE_EVENTS,
  keyOf: (event) => event.data.caseId,
  evolve: evolveResearchCase,
  creates: 'PersonIdentified',
};
export const researchReferralsTable: ReadModelTable<ResearchReferralRow, ResearchReferralEvent> = {
  entity: ResearchReferralEntity,
  key: 'referralId',
  handles: REFERRAL_EVENTS,
  keyOf: (event) => event.data.referralId,
  evolve: evolveResearchReferral,
  creates: 'ReferralMade',
};
export const researchOrganisationsTable: ReadModelTable<ResearchOrganisationRow, ResearchOrganisationEvent> = {
  entity: ResearchOrganisationEntity,
  key: 'organisationId',
  handles: ORGANISATION_EVENTS,
  keyOf: (event) => event.data.organisationId,
  evolve: evolveResearchOrganisation,
  creates: 'OrganisationRegistered',
};

/** Generalised rows for anonymised research (docs/adr/0002-coordination-and-consent.md); queries apply consent and disclosure control. */
const RESEARCH_READ_MODEL_TABLES = [researchOrganisationsTable, researchCasesTable, researchReferralsTable];
export const researchProjection: Projection = tablesProjection(RESEARCH_PROJECTION_NAME, RESEARCH_READ_MODEL_TABLES);
/** Its replay, a table per lane (libs/projections/src/rebuild/rebuild-catalogue.ts). */
export const RESEARCH_LANES = tableLanes(RESEARCH_PROJECTION_NAME, RESEARCH_READ_MODEL_TABLES);

export const RESEARCH_TABLES = ['research_cases', 'research_referrals', 'research_organisations'];
export const RESEARCH_ENTITIES = [ResearchCaseEntity, ResearchReferralEntity, ResearchOrganisationEntity];
/** The read model's migration only: what a rebuild recreates in its shadow schema. */
export { RESEARCH_READ_MODEL_MIGRATIONS };
/** Plus the ε ledger, which is not rebuilt: it records what was spent, not what happened. */
export const RESEARCH_MIGRATIONS = [RESEARCH_READ_MODEL_MIGRATIONS, RESEARCH_LEDGER_MIGRATIONS];

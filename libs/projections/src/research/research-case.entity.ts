import type { AgeBand, OrganisationKind } from '@passerelle/domain';
import { EntitySchema } from 'typeorm';
import { positionColumn } from '../read-model.columns';

export interface ResearchConsent {
  consentId: string;
  expiresAt: string | null;
}

/**
 * An identification, generalised: month, région, kind of the organisation that identified her,
 * her indicator families and age band. No département, no linkage key, no personal field. Counted
 * only while `researchUntil` is after the query's now (ADR 0002); the case id is the row key, never
 * returned.
 */
export interface ResearchCaseRow {
  caseId: string;
  month: string;
  region: string;
  organisationKind: OrganisationKind;
  indicatorSet: string;
  ageBand: AgeBand;
  researchConsents: ResearchConsent[];
  researchUntil: Date | null;
  lastPosition: bigint;
}

export const ResearchCaseEntity = new EntitySchema<ResearchCaseRow>({
  name: 'ResearchCase',
  tableName: 'research_cases',
  columns: {
    caseId: { name: 'case_id', type: 'uuid', primary: true },
    month: { type: 'text' },
    region: { type: 'text' },
    organisationKind: { name: 'organisation_kind', type: 'text' },
    indicatorSet: { name: 'indicator_set', type: 'text' },
    ageBand: { name: 'age_band', type: 'text' },
    researchConsents: { name: 'research_consents', type: 'jsonb' },
    researchUntil: { name: 'research_until', type: 'timestamptz', nullable: true },
    lastPosition: positionColumn('last_position'),
  },
});

import type { OrganisationKind, OrganisationRegistered } from '@passerelle/domain';
import { EntitySchema } from 'typeorm';
import type { Recorded } from '../inbox/inbox.events';

/** Kinds of the organisations, for the `receiverKind` dimension. */
export interface ResearchOrganisationRow {
  organisationId: string;
  kind: OrganisationKind;
}

export const ResearchOrganisationEntity = new EntitySchema<ResearchOrganisationRow>({
  name: 'ResearchOrganisation',
  tableName: 'research_organisations',
  columns: {
    organisationId: { name: 'organisation_id', type: 'text', primary: true },
    kind: { type: 'text' },
  },
});

export type ResearchOrganisationEvent = Recorded<OrganisationRegistered>;

/** Pure: an organisation's kind never changes once registered. */
export const evolveResearchOrganisation = (
  row: ResearchOrganisationRow | null,
  event: ResearchOrganisationEvent,
): ResearchOrganisationRow => row ?? { organisationId: event.data.organisationId, kind: event.data.kind };

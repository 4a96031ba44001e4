import type { AgeBand, Consent, IdentificationLevel, Indicator, OrganisationKind, SafeChannel, SealedPersonal } from '@passerelle/domain';
import { EntitySchema } from 'typeorm';
import { positionColumn } from '../read-model.columns';

/**
 * The consent state of a case, read when a partner queries, so that a withdrawal or an erasure
 * hides data that was shared before it. Partner-facing: never holds the linkage key.
 */
export interface InboxCaseRow {
  caseId: string;
  /** The organisation that identified her and holds the case. */
  holder: string;
  holderKind: OrganisationKind;
  level: IdentificationLevel;
  indicators: Indicator[];
  department: string;
  ageBand: AgeBand;
  safety: { doNotContact: boolean; safeChannel: SafeChannel };
  /** Sealed per-category personal fields from PersonIdentified; null once she is erased. */
  personalSealed: SealedPersonal | null;
  consents: Consent[];
  erased: boolean;
  identifiedAt: Date;
  updatedAt: Date;
  lastPosition: bigint;
}

export const InboxCaseEntity = new EntitySchema<InboxCaseRow>({
  name: 'InboxCase',
  tableName: 'inbox_cases',
  columns: {
    caseId: { name: 'case_id', type: 'uuid', primary: true },
    holder: { type: 'text' },
    holderKind: { name: 'holder_kind', type: 'text' },
    level: { type: 'text' },
    indicators: { type: 'text', array: true },
    department: { type: 'text' },
    ageBand: { name: 'age_band', type: 'text' },
    safety: { type: 'jsonb' },
    personalSealed: { name: 'personal_sealed', type: 'jsonb', nullable: true },
    consents: { type: 'jsonb' },
    erased: { type: 'boolean' },
    identifiedAt: { name: 'identified_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
    lastPosition: positionColumn('last_position'),
  },
});

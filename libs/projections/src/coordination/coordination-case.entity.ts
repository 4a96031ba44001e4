import type { IdentificationLevel, Indicator, OrganisationKind } from '@passerelle/domain';
import { EntitySchema } from 'typeorm';
import { positionColumn } from '../read-model.columns';

/** An active consent naming the coordination purpose. */
export interface CoordinationConsent {
  consentId: string;
  expiresAt: string | null;
}

/** What "no expiry" is stored as, so that `coordination_until > now` is one comparison. */
export const NO_EXPIRY = new Date('9999-12-31T23:59:59.999Z');

/**
 * An identification as the coordination view counts it. No personal field: ids, the identifying
 * organisation, indicators, département and dates. The linkage key is a pseudonym of her identity:
 * copied here from privacy_linkage_keys only while she has a consent naming coordination (no query
 * returns it), dropped when the last one is withdrawn and on erasure
 * (docs/adr/0002-coordination-and-consent.md, docs/adr/0011-linkage-keys-outside-the-events.md).
 */
export interface CoordinationCaseRow {
  caseId: string;
  identifiedBy: string;
  identifierKind: OrganisationKind;
  level: IdentificationLevel;
  indicators: Indicator[];
  department: string;
  identifiedAt: Date;
  /** Null without one, without a coordination consent (granted and not withdrawn), and from her erasure on. */
  linkageKey: string | null;
  coordinationConsents: CoordinationConsent[];
  /** The latest expiry among those consents ({@link NO_EXPIRY} if one never expires); null with none. */
  coordinationUntil: Date | null;
  erased: boolean;
  /**
   * Funnel summary, maintained from her referrals by the projection (coordination-summary.ts), not
   * by this row's events: the evolver carries these through unchanged.
   */
  firstReferredAt: Date | null;
  everAccepted: boolean;
  serviceProvided: boolean;
  lastPosition: bigint;
}

export const CoordinationCaseEntity = new EntitySchema<CoordinationCaseRow>({
  name: 'CoordinationCase',
  tableName: 'coordination_cases',
  columns: {
    caseId: { name: 'case_id', type: 'uuid', primary: true },
    identifiedBy: { name: 'identified_by', type: 'text' },
    identifierKind: { name: 'identifier_kind', type: 'text' },
    level: { type: 'text' },
    indicators: { type: 'text', array: true },
    department: { type: 'text' },
    identifiedAt: { name: 'identified_at', type: 'timestamptz' },
    linkageKey: { name: 'linkage_key', type: 'text', nullable: true },
    coordinationConsents: { name: 'coordination_consents', type: 'jsonb' },
    coordinationUntil: { name: 'coordination_until', type: 'timestamptz', nullable: true },
    erased: { type: 'boolean' },
    firstReferredAt: { name: 'first_referred_at', type: 'timestamptz', nullable: true },
    everAccepted: { name: 'ever_accepted', type: 'boolean' },
    serviceProvided: { name: 'service_provided', type: 'boolean' },
    lastPosition: positionColumn('last_position'),
  },
});

import { assertNever } from '@passerelle/domain';
import { regionOf } from '@passerelle/geography';
import type { CoordinationCaseEvent } from '../coordination/coordination.events';
import { NO_EXPIRY } from '../coordination/coordination-case.entity';
import type { ResearchCaseRow, ResearchConsent } from './research-case.entity';
import { indicatorSet } from './research.vocabulary';

export type ResearchCaseEvent = CoordinationCaseEvent;

function researchUntil(consents: readonly ResearchConsent[]): Date | null {
  if (consents.length === 0) return null;
  const ends: string[] = [];
  for (const consent of consents) {
    if (consent.expiresAt === null) return NO_EXPIRY;
    ends.push(consent.expiresAt);
  }
  return new Date(Math.max(...ends.map((end) => Date.parse(end))));
}

/**
 * Pure: her generalised row after one more event of her case. Generalisation happens here, once:
 * the département becomes its région, indicators their families, the date its month. Erasure
 * deletes the row: research never counts an erased woman again.
 */
export function evolveResearchCase(row: ResearchCaseRow | null, event: ResearchCaseEvent): ResearchCaseRow | null {
  if (row && event.globalPosition <= row.lastPosition) return row;
  const lastPosition = event.globalPosition;
  switch (event.type) {
    case 'PersonIdentified': {
      if (row) return row;
      const { caseId, identifierKind, department, indicators, ageBand } = event.data;
      return {
        caseId,
        month: event.metadata.occurredAt.slice(0, 7),
        region: regionOf(department)?.code ?? 'unknown',
        organisationKind: identifierKind,
        indicatorSet: indicatorSet(indicators),
        ageBand,
        researchConsents: [],
        researchUntil: null,
        lastPosition,
      };
    }
    case 'ConsentGranted': {
      if (!row) return null;
      const { consentId, purposes, expiresAt } = event.data;
      if (!purposes.includes('research') || row.researchConsents.some((c) => c.consentId === consentId)) return { ...row, lastPosition };
      const researchConsents = [...row.researchConsents, { consentId, expiresAt }];
      return { ...row, researchConsents, researchUntil: researchUntil(researchConsents), lastPosition };
    }
    case 'ConsentWithdrawn': {
      if (!row) return null;
      const researchConsents = row.researchConsents.filter((consent) => consent.consentId !== event.data.consentId);
      return { ...row, researchConsents, researchUntil: researchUntil(researchConsents), lastPosition };
    }
    case 'PersonErased':
      return null;
    default:
      return assertNever(event, 'research case event');
  }
}

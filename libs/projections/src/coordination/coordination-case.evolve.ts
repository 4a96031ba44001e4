import { assertNever } from '@passerelle/domain';
import { NO_EXPIRY, type CoordinationCaseRow, type CoordinationConsent } from './coordination-case.entity';
import type { CoordinationCaseEvent } from './coordination.events';

/** Until when her coordination consents allow linkage: the latest expiry, null with none left. */
export function coordinationUntil(consents: readonly CoordinationConsent[]): Date | null {
  if (consents.length === 0) return null;
  const ends: string[] = [];
  for (const consent of consents) {
    if (consent.expiresAt === null) return NO_EXPIRY;
    ends.push(consent.expiresAt);
  }
  return new Date(Math.max(...ends.map((end) => Date.parse(end))));
}

/** Pure: an identification as the coordination view counts it, after one more event of her case. */
export function evolveCoordinationCase(row: CoordinationCaseRow | null, event: CoordinationCaseEvent): CoordinationCaseRow | null {
  // Replaying from a lowered checkpoint must not apply an event twice.
  if (row && event.globalPosition <= row.lastPosition) return row;
  const lastPosition = event.globalPosition;
  switch (event.type) {
    case 'PersonIdentified': {
      if (row) return row;
      const { caseId, identifiedBy, identifierKind, level, indicators, department } = event.data;
      // Only what counts: her personal fields (sealed) are never copied here, nor her linkage key
      // until a consent naming coordination brings it.
      return {
        caseId,
        identifiedBy,
        identifierKind,
        level,
        indicators: [...indicators],
        department,
        identifiedAt: new Date(event.metadata.occurredAt),
        linkageKey: null,
        coordinationConsents: [],
        coordinationUntil: null,
        erased: false,
        firstReferredAt: null,
        everAccepted: false,
        serviceProvided: false,
        lastPosition,
      };
    }
    case 'ConsentGranted': {
      if (!row) return null;
      const { consentId, purposes, expiresAt } = event.data;
      if (!purposes.includes('coordination') || row.coordinationConsents.some((c) => c.consentId === consentId))
        return { ...row, lastPosition };
      const coordinationConsents = [...row.coordinationConsents, { consentId, expiresAt }];
      const linkageKey = event.linkageKey ?? row.linkageKey;
      return { ...row, linkageKey, coordinationConsents, coordinationUntil: coordinationUntil(coordinationConsents), lastPosition };
    }
    case 'ConsentWithdrawn': {
      if (!row) return null;
      const coordinationConsents = row.coordinationConsents.filter((consent) => consent.consentId !== event.data.consentId);
      // Her last coordination consent gone, the view has no use for her pseudonym: it keeps only what it needs.
      const linkageKey = coordinationConsents.length === 0 ? null : row.linkageKey;
      return { ...row, linkageKey, coordinationConsents, coordinationUntil: coordinationUntil(coordinationConsents), lastPosition };
    }
    case 'PersonErased':
      // The identification stays counted (it happened); the pseudonym that could link her goes.
      return row && { ...row, linkageKey: null, coordinationConsents: [], coordinationUntil: null, erased: true, lastPosition };
    default:
      return assertNever(event, 'coordination case event');
  }
}

import { assertNever } from '@passerelle/domain';
import type { InboxCaseRow } from './inbox-case.entity';
import type { InboxCaseEvent } from './inbox.events';

/**
 * Pure: the consent state of a case after one more event. Returns the same row when the event
 * changes nothing, and null for a case it has never seen identified.
 */
export function evolveInboxCase(row: InboxCaseRow | null, event: InboxCaseEvent): InboxCaseRow | null {
  // Replaying from a lowered checkpoint must not apply an event twice (a consent would be listed twice).
  if (row && event.globalPosition <= row.lastPosition) return row;
  const touched = { updatedAt: new Date(event.metadata.occurredAt), lastPosition: event.globalPosition };
  switch (event.type) {
    case 'PersonIdentified': {
      if (row) return row;
      const data = event.data;
      // The linkage key is deliberately left out: partners must never be able to link identifications.
      return {
        caseId: data.caseId,
        holder: data.identifiedBy,
        holderKind: data.identifierKind,
        level: data.level,
        indicators: [...data.indicators],
        department: data.department,
        ageBand: data.ageBand,
        safety: { ...data.safety },
        personalSealed: { ...data.personal },
        consents: [],
        erased: false,
        identifiedAt: touched.updatedAt,
        ...touched,
      };
    }
    case 'ConsentGranted': {
      if (!row) return null;
      const { consentId, recipients, categories, purposes, expiresAt } = event.data;
      if (row.consents.some((consent) => consent.consentId === consentId)) return { ...row, ...touched };
      const consent = {
        consentId,
        recipients: [...recipients],
        categories: [...categories],
        purposes: [...purposes],
        expiresAt,
        withdrawn: false,
      };
      return { ...row, consents: [...row.consents, consent], ...touched };
    }
    case 'ConsentWithdrawn': {
      if (!row) return null;
      const consentId = event.data.consentId;
      const consents = row.consents.map((consent) => (consent.consentId === consentId ? { ...consent, withdrawn: true } : consent));
      return { ...row, consents, ...touched };
    }
    case 'PersonErased':
      // Crypto-shredding already made the sealed fields unreadable; dropping them keeps the read model clean too.
      return row && { ...row, personalSealed: null, erased: true, ...touched };
    default:
      return assertNever(event, 'inbox case event');
  }
}

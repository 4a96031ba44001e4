import { caseStream, notFound, type CaseEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import type { RecordedConsent } from './consent.mapping';

/**
 * Her consents as the JSON API shows them (GET /v1/cases/{caseId}): to the partner holding her open
 * case only. Anyone else, and everyone once she is erased, finds none.
 */
export async function consentsOfCase(store: EventStore, caseId: string, viewer: string): Promise<RecordedConsent[]> {
  const recorded = await store.readStream(caseStream(caseId));
  const events = recorded.map((r) => ({ event: { type: r.type, data: r.data } as CaseEvent, at: r.metadata.occurredAt }));
  const first = events[0]?.event;
  if (first?.type !== 'PersonIdentified' || first.data.identifiedBy !== viewer || events.some((e) => e.event.type === 'PersonErased'))
    return [];
  const consents = new Map<string, RecordedConsent>();
  for (const { event, at } of events) {
    if (event.type === 'ConsentGranted')
      consents.set(event.data.consentId, { caseId, granted: event.data, grantedAt: at, withdrawnAt: null });
    if (event.type === 'ConsentWithdrawn') {
      const consent = consents.get(event.data.consentId);
      if (consent) consent.withdrawnAt = at;
    }
  }
  return [...consents.values()];
}

export const consentNotFound = (consentId: string) => notFound('CONSENT.NOT_FOUND', `No consent ${consentId} is visible to you.`);

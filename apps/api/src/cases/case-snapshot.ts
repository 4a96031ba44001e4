import { caseDecider, caseStream, type CaseEvent, type CaseState, type SealedPersonal } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';

export interface CaseSnapshot {
  state: CaseState;
  /** Her sealed personal fields as identified; unreadable for good once her key is destroyed. */
  personal: SealedPersonal | null;
  identifiedAt: string | null;
  /** How (and whether) she may be contacted: shown to everyone who may see the case, for her safety. */
  safety: { doNotContact: boolean; safeChannel: string } | null;
  ageBand: string | null;
  /** The sealed reason of each withdrawn consent that gave one, by consent id. */
  withdrawalReasons: Record<string, string>;
}

/** One read of the case stream gives both the consent state and the sealed fields. */
export async function loadCaseSnapshot(store: EventStore, caseId: string): Promise<CaseSnapshot> {
  const recorded = await store.readStream(caseStream(caseId));
  const events = recorded.map((r) => ({ type: r.type, data: r.data }) as CaseEvent);
  const state = events.reduce((s: CaseState, e) => caseDecider.evolve(s, e), caseDecider.initialState());
  const first = events[0];
  return {
    state,
    personal: first?.type === 'PersonIdentified' ? first.data.personal : null,
    identifiedAt: recorded[0]?.metadata.occurredAt ?? null,
    safety: first?.type === 'PersonIdentified' ? first.data.safety : null,
    ageBand: first?.type === 'PersonIdentified' ? first.data.ageBand : null,
    withdrawalReasons: Object.fromEntries(
      events.flatMap((e) => (e.type === 'ConsentWithdrawn' && e.data.reason !== null ? [[e.data.consentId, e.data.reason]] : [])),
    ),
  };
}

import type { RecordedEvent } from '@passerelle/event-store';
import { insertLinkageKeys, lookUpLinkageKeys, type RunSql } from '@passerelle/privacy';
import type { EntityManager } from 'typeorm';
import { COORDINATION_CASE_EVENT_TYPES, type CoordinationCaseEvent } from './coordination.events';

const CASE_TYPES: readonly string[] = COORDINATION_CASE_EVENT_TYPES;

/** PersonIdentified as written before docs/adr/0011-linkage-keys-outside-the-events.md: with her key in the event. */
type LegacyIdentification = { caseId: string; linkageKey?: unknown };

const namesCoordination = (event: RecordedEvent): boolean =>
  event.type === 'ConsentGranted' && (event.data as { purposes: readonly string[] }).purposes.includes('coordination');

/**
 * Gives each case event of a batch her linkage key, read from privacy_linkage_keys in the batch's
 * transaction, never from the event: erasure deletes the key there, so a replay after her erasure
 * finds none. Only a consent naming coordination gets it (the view keeps only what it needs).
 * A key still inside an old PersonIdentified is first adopted into the table (a no-op once there
 * or once she is erased), then ignored like the rest of the event.
 */
export async function withLinkageKeys(manager: EntityManager, events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
  const sql: RunSql = (text, parameters) => manager.query(text, parameters);
  const legacy = events.flatMap((event) => {
    if (event.type !== 'PersonIdentified') return [];
    const { caseId, linkageKey } = event.data as LegacyIdentification;
    return typeof linkageKey === 'string' ? [{ caseId, linkageKey }] : [];
  });
  await insertLinkageKeys(sql, legacy);
  const wanted = [...new Set(events.filter(namesCoordination).map((event) => (event.data as { caseId: string }).caseId))];
  const keys = await lookUpLinkageKeys(sql, wanted);
  return events.map((event) => {
    if (!CASE_TYPES.includes(event.type)) return event;
    const found = namesCoordination(event) ? keys.get((event.data as { caseId: string }).caseId) : undefined;
    return { ...event, linkageKey: found?.state === 'live' ? found.linkageKey : null } satisfies RecordedEvent &
      Pick<CoordinationCaseEvent, 'linkageKey'>;
  });
}

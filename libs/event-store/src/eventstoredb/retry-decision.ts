import type { AppendResult } from '../event-store.port';

/** Where an event of the target stream is stored. */
export interface StoredRef {
  streamRevision: bigint;
  globalPosition: bigint;
}

export type RetryDecision = { kind: 'append' } | { kind: 'retried'; result: AppendResult } | { kind: 'duplicate'; eventId: string };

/**
 * What an append's ids are, given what their stream holds (the PostgreSQL adapter's rule, in
 * libs/event-store/src/postgres/batch-plan.ts): none of them stored means a new append; all of
 * them at consecutive revisions is an idempotent retry, which gets the original result back;
 * anything else mixes stored and new events and is a duplicate.
 */
export function decideFromStream(ids: readonly string[], stored: ReadonlyMap<string, StoredRef>): RetryDecision {
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) return { kind: 'duplicate', eventId: repeated };
  const refs = ids.map((id) => stored.get(id));
  const firstKnown = refs.findIndex((ref) => ref !== undefined);
  if (firstKnown === -1) return { kind: 'append' };
  const [first] = refs;
  const consecutive = first !== undefined && refs.every((ref, index) => ref?.streamRevision === first.streamRevision + BigInt(index));
  const last = refs[refs.length - 1];
  if (consecutive && last) return { kind: 'retried', result: { nextExpectedRevision: last.streamRevision, position: last.globalPosition } };
  return { kind: 'duplicate', eventId: ids[firstKnown] ?? '' };
}

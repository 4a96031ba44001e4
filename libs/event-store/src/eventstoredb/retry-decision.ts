import type { AppendResult } from '../event-store.port';

/** Which stream an event id was first claimed for, and whether this append made the claim. */
export interface Claim {
  eventId: string;
  owner: string;
  fresh: boolean;
}

/** Where an event of the target stream is stored. */
export interface StoredRef {
  streamRevision: bigint;
  globalPosition: bigint;
}

export type RetryDecision =
  | { kind: 'append' }
  /** Some ids were claimed for this stream before: look them up in the stream to tell a retry from a mix. */
  | { kind: 'look_up' }
  | { kind: 'retried'; result: AppendResult }
  | { kind: 'duplicate'; eventId: string };

/**
 * First look, from the ids alone and their claims: an id twice in one append, or an id claimed by
 * another stream, is a duplicate (the same rule as the PostgreSQL adapter's unique event id).
 */
export function decideFromClaims(streamName: string, ids: readonly string[], claims: readonly Claim[]): RetryDecision {
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) return { kind: 'duplicate', eventId: repeated };
  const foreign = claims.find((claim) => claim.owner !== streamName);
  if (foreign) return { kind: 'duplicate', eventId: foreign.eventId };
  return claims.every((claim) => claim.fresh) ? { kind: 'append' } : { kind: 'look_up' };
}

/**
 * Second look, once the stream is read: none of the ids stored means an earlier attempt claimed
 * them and then failed, so append; all of them at consecutive revisions is an idempotent retry,
 * which gets the original result back; anything else mixes stored and new events.
 */
export function decideFromStream(ids: readonly string[], stored: ReadonlyMap<string, StoredRef>): RetryDecision {
  const refs = ids.map((id) => stored.get(id));
  const firstKnown = refs.findIndex((ref) => ref !== undefined);
  if (firstKnown === -1) return { kind: 'append' };
  const [first] = refs;
  const consecutive = first !== undefined && refs.every((ref, index) => ref?.streamRevision === first.streamRevision + BigInt(index));
  const last = refs[refs.length - 1];
  if (consecutive && last) return { kind: 'retried', result: { nextExpectedRevision: last.streamRevision, position: last.globalPosition } };
  return { kind: 'duplicate', eventId: ids[firstKnown] ?? '' };
}

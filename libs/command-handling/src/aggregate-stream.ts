import type { Decider } from '@passerelle/domain';
import type { EventStore, ExpectedRevision } from '@passerelle/event-store';
import type { StreamStateCache } from './stream-state-cache';

export type StreamEvent = { type: string; data: unknown };

export interface AggregatedStream<State> {
  state: State;
  /** Revision of the last event, `no_stream` when the stream has none: the expected revision of the next append. */
  revision: ExpectedRevision;
}

export interface AggregateOptions<State, Event> extends Pick<Decider<State, unknown, Event>, 'evolve' | 'initialState'> {
  cache?: StreamStateCache | undefined;
  /**
   * `latest` (default) reads every event after the cached revision, so the state is as fresh as a
   * full read: use it for a stream the command only reads (her case when referring her).
   * `cached` trusts the cache without a round trip: only for the stream the command appends to,
   * whose expected revision check catches a stale state.
   */
  freshness?: 'latest' | 'cached';
}

/** Folds a stream into its current state, starting from the cached fold when there is one. */
export async function aggregateStream<State, Event extends StreamEvent>(
  store: EventStore,
  streamName: string,
  options: AggregateOptions<State, Event>,
): Promise<AggregatedStream<State>> {
  const { cache, freshness = 'latest' } = options;
  const cached = cache?.get<State>(streamName);
  if (cached && freshness === 'cached') return { state: cached.state, revision: cached.revision };
  const from = cached ? cached.revision + 1n : 0n;
  const events = await store.readStream(streamName, { fromRevision: from });
  let state = cached ? cached.state : options.initialState();
  for (const event of events) state = options.evolve(state, { type: event.type, data: event.data } as Event);
  const last = events[events.length - 1];
  const revision = last ? last.streamRevision : cached ? cached.revision : 'no_stream';
  if (last) cache?.set(streamName, { state, revision: last.streamRevision });
  return { state, revision };
}

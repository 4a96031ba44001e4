import { WrongExpectedRevisionError, type EventStore, type ReadCondition } from '@passerelle/event-store';
import { aggregateStream, type AggregateOptions, type StreamEvent } from './aggregate-stream';

/** A stream a command reads without writing it, and the condition its append must carry. */
export interface ReadStream<State> {
  state: State;
  alsoExpect: ReadCondition[];
}

/**
 * Decides a command on a stream it only reads (her case, whose consent decides a referral): first
 * on the cached state, naming its revision in the append's `alsoExpect`, so that a stale copy
 * fails the append instead of passing; then, if that attempt failed in any way a stale copy could
 * explain (the stream moved, or the decision refused on the cached state), once more on the
 * latest state. The common case reads nothing, and the decision is as safe as a fresh read: the
 * store checks the revision when it commits.
 */
export async function withReadStream<State, Event extends StreamEvent, Result>(
  store: EventStore,
  streamName: string,
  options: AggregateOptions<State, Event>,
  run: (read: ReadStream<State>) => Promise<Result>,
): Promise<Result> {
  const cached = options.cache?.get<State>(streamName);
  if (cached) {
    try {
      return await run({ state: cached.state, alsoExpect: [{ streamName, expectedRevision: cached.revision }] });
    } catch (error) {
      // A conflict on the written stream was already decided again on fresh state: final.
      if (error instanceof WrongExpectedRevisionError && error.streamName !== streamName) throw error;
      options.cache?.delete(streamName);
    }
  }
  const latest = await aggregateStream(store, streamName, { ...options, freshness: 'latest' });
  return run({ state: latest.state, alsoExpect: [{ streamName, expectedRevision: latest.revision }] });
}

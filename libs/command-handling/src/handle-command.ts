import type { Decider } from '@passerelle/domain';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type ReadCondition,
  type RowAlongside,
} from '@passerelle/event-store';
import { aggregateStream, type StreamEvent } from './aggregate-stream';
import type { StreamStateCache } from './stream-state-cache';

/** The id and metadata of one new event; `before` is the stream's state just before that event. */
export type Envelope<State, Event> = (event: Event, before: State, index: number) => { eventId: string; metadata: EventMetadata };

export interface HandleCommandOptions<State, Command, Event extends StreamEvent> extends Decider<State, Command, Event> {
  envelope: Envelope<State, Event>;
  /** How often a command is decided again after a concurrent append to its stream (default 2). */
  retry?: { onVersionConflict: number };
  /** Folded states shared by the commands of this process; see StreamStateCache for why it is safe. */
  cache?: StreamStateCache | undefined;
  /** The stream's id was made by this command: nothing to read, the append expects no stream. */
  newStream?: boolean;
  /** Streams the command was decided on without writing them (see read-stream.ts): the append fails if one moved. */
  alsoExpect?: readonly ReadCondition[];
  /**
   * The caller's own precondition (an HTTP `If-Match`): decide only on the stream at this revision.
   * At any other revision the command fails with WrongExpectedRevisionError and is never decided
   * again on the newer state, since the caller asked about a state it has seen.
   */
  expectedRevision?: bigint;
  /** Rows that commit with the events or not at all (AppendOptions.alongside; only where `store.writesRowsAlongside`). */
  alongside?: readonly RowAlongside[];
}

export interface HandleCommandResult<State, Event> {
  newEvents: Event[];
  newState: State;
  /** Global position of the last appended event; null when the command recorded nothing. */
  position: bigint | null;
}

/**
 * Load, decide, append: the whole of a command handler, after emmett's handleCommand. On a
 * concurrent change the command is decided again on the fresh state, so two racing moves give one
 * success and one clear rule violation, never a lost write.
 */
export async function handleCommand<State, Command, Event extends StreamEvent>(
  store: EventStore,
  streamName: string,
  command: Command,
  options: HandleCommandOptions<State, Command, Event>,
): Promise<HandleCommandResult<State, Event>> {
  const { cache, retry = { onVersionConflict: 2 } } = options;
  let conflicts = 0;
  // The first decision may rest on the cached state (the expected revision guards an append made
  // on it); anything else, a refusal included, is only final on a state read to the latest event.
  let trustCache = true;
  for (;;) {
    const cached = trustCache && !options.newStream ? cache?.get<State>(streamName) : undefined;
    trustCache = false;
    const loaded =
      options.newStream && conflicts === 0
        ? { state: options.initialState(), revision: 'no_stream' as const }
        : (cached ?? (await aggregateStream(store, streamName, { ...options, freshness: 'latest' })));
    if (options.expectedRevision !== undefined && loaded.revision !== options.expectedRevision) {
      // A cached copy may be behind the revision the caller saw: only a fresh read can refuse.
      if (cached) {
        cache?.delete(streamName);
        continue;
      }
      throw new WrongExpectedRevisionError(
        streamName,
        options.expectedRevision,
        typeof loaded.revision === 'bigint' ? loaded.revision : 'no_stream',
      );
    }
    let newEvents: Event[];
    try {
      newEvents = options.decide(command, loaded.state);
    } catch (refusal) {
      // A refusal on a cached state may be stale (another process moved the stream): decide again on a fresh read.
      if (!cached) throw refusal;
      cache?.delete(streamName);
      continue;
    }
    if (newEvents.length === 0) return { newEvents, newState: loaded.state, position: null };
    // Each event's envelope (its consent scope) is computed on the state just before it.
    const appended: NewEvent[] = [];
    let newState = loaded.state;
    newEvents.forEach((event, index) => {
      const { eventId, metadata } = options.envelope(event, newState, index);
      appended.push({ eventId, type: event.type, data: event.data, metadata });
      newState = options.evolve(newState, event);
    });
    try {
      const result = await store.appendToStream(streamName, appended, {
        expectedRevision: loaded.revision,
        alsoExpect: options.alsoExpect ?? [],
        ...(options.alongside ? { alongside: options.alongside } : {}),
      });
      cache?.set(streamName, { state: newState, revision: result.nextExpectedRevision });
      return { newEvents, newState, position: result.position };
    } catch (error) {
      // A stream it was only decided on moved: the caller reads it again (withReadStream).
      if (!(error instanceof WrongExpectedRevisionError) || error.streamName !== streamName) throw error;
      cache?.delete(streamName);
      if (++conflicts > retry.onVersionConflict) throw error;
    }
  }
}

import type { EventMetadata, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '@passerelle/event-store';
import { WrongExpectedRevisionError } from '@passerelle/event-store';
import type { CommandContext } from './command-context';

type DomainEvent = { type: string; data: unknown };

export interface Decider<Command, State, Event extends DomainEvent> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export interface Loaded<State> {
  state: State;
  revision: ExpectedRevision;
}

/** Folds a stream into its current state; `no_stream` when it has no events yet. */
export async function load<State, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Pick<Decider<unknown, State, Event>, 'evolve' | 'initialState'>,
): Promise<Loaded<State>> {
  const events = await store.readStream(stream);
  const state = events.reduce((s, e: RecordedEvent) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState());
  const last = events[events.length - 1];
  return { state, revision: last ? last.streamRevision : 'no_stream' };
}

/** Wraps domain events in the envelope of DESIGN §4; event ids come from the request's id source. */
export function envelope<Event extends DomainEvent>(
  events: Event[],
  context: CommandContext,
  scopeOf: (event: Event) => Record<string, string[]>,
): NewEvent[] {
  return events.map((event, index) => {
    const metadata: EventMetadata = {
      schemaVersion: 1,
      occurredAt: context.now.toISOString(),
      actor: { organisationId: context.actor.organisationId, role: context.actor.role, keyId: context.actor.keyId },
      correlationId: context.correlationId,
      causationId: null,
      scope: scopeOf(event),
    };
    return { eventId: context.ids.next(`event:${index}`), type: event.type, data: event.data, metadata };
  });
}

export interface Decided<Event> {
  events: Event[];
  position: bigint | null;
}

/**
 * Load, decide, append — the whole of a command handler (STYLE rule 8). On a concurrent change the
 * command is decided again on the fresh state, so two racing moves give one success and one clear
 * rule violation, never a lost write.
 */
export async function handleCommand<Command, State, Event extends DomainEvent>(
  store: EventStore,
  stream: string,
  decider: Decider<Command, State, Event>,
  command: Command | ((state: State) => Command),
  context: CommandContext,
  scopeOf: (event: Event, state: State) => Record<string, string[]>,
  preloaded?: Loaded<State>,
  attempts = 3,
): Promise<Decided<Event>> {
  for (let attempt = 1; ; attempt++) {
    // A caller that already folded the stream saves a read; a retry after a conflict always re-reads.
    const { state, revision } = attempt === 1 && preloaded ? preloaded : await load(store, stream, decider);
    const resolved = typeof command === 'function' ? (command as (s: State) => Command)(state) : command;
    const events = decider.decide(resolved, state);
    if (events.length === 0) return { events, position: null };
    try {
      // Each event's scope is computed on the state just before it (an identification's consent counts for itself).
      const scopes = new Map<Event, Record<string, string[]>>();
      events.reduce((before, event) => (scopes.set(event, scopeOf(event, before)), decider.evolve(before, event)), state);
      const result = await store.appendToStream(stream, envelope(events, context, (e) => scopes.get(e) ?? {}), { expectedRevision: revision });
      return { events, position: result.position };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= attempts) throw error;
    }
  }
}

import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from '@passerelle/event-store';
import { createInMemoryEventStore } from '@passerelle/event-store/in-memory';
import { aMetadata } from '@passerelle/event-store/testing';
import { randomUUID } from 'node:crypto';
import type { ErrorExpectation } from './decider-specification';

/**
 * Given/when/then for command handlers, after emmett's ApiSpecification (its shopping-cart
 * sample's api.int.spec.ts), one level below HTTP:
 *
 *   const given = CommandHandlerSpecification.for<ReferralEvent>();
 *   await given(existingStream('referral-1', [made]))
 *     .when((store) => acceptReferral(store, command))
 *     .then(expectNewEvents('referral-1', [accepted]));
 *
 * Each run appends the given events to a fresh in-memory event store (it passes the PostgreSQL
 * contract suite, see libs/event-store/src/in-memory), runs `when` against it, and compares only
 * what was appended after the given events. Expected events match like jest's toMatchObject: the
 * fields written must match (so generated ids and timestamps may be left out), but every new
 * event of every stream must be listed, in order.
 */

type DomainEvent = { type: string; data: unknown };

/** An event as a test writes it; its id and metadata are made up when left out. */
export type GivenEvent<Event extends DomainEvent = DomainEvent> = Event & { eventId?: string; metadata?: Partial<EventMetadata> };
/** A new event as a test expects it; metadata is compared only when written. */
export type ExpectedEvent<Event extends DomainEvent = DomainEvent> = Event & { metadata?: Partial<EventMetadata> };
export type StreamEvents<E> = [streamName: string, events: E[]];

export const existingStream = <Event extends DomainEvent>(
  streamName: string,
  events: GivenEvent<Event>[],
): StreamEvents<GivenEvent<Event>> => [streamName, events];

export const expectNewEvents = <Event extends DomainEvent>(
  streamName: string,
  events: ExpectedEvent<Event>[],
): StreamEvents<ExpectedEvent<Event>> => [streamName, events];

export interface HandlerThenStep<Event extends DomainEvent> {
  /** Asserts that the handler succeeded and appended exactly these events (none to any other stream). */
  then(...expected: StreamEvents<ExpectedEvent<Event>>[]): Promise<void>;
  /** Asserts that the handler failed with this error code and appended nothing. */
  thenThrows(code: string, check?: ErrorExpectation): Promise<void>;
  /** Asserts that the handler succeeded and appended nothing. */
  thenNothingHappened(): Promise<void>;
}

export interface HandlerWhenStep<Event extends DomainEvent> {
  when(action: (store: EventStore) => Promise<unknown>): HandlerThenStep<Event>;
}

type Outcome = ({ ok: true; value: unknown } | { ok: false; error: unknown }) & { appended: Record<string, RecordedEvent[]> };

export const CommandHandlerSpecification = {
  /** `createStore` defaults to a fresh in-memory store per run; the run closes it. */
  for<Event extends DomainEvent>(createStore: () => EventStore = createInMemoryEventStore) {
    return (...given: StreamEvents<GivenEvent<Event>>[]): HandlerWhenStep<Event> => ({
      when(action) {
        const run = async (): Promise<Outcome> => {
          const store = createStore();
          try {
            for (const [streamName, events] of given) {
              await store.appendToStream(streamName, events.map(toNewEvent), { expectedRevision: 'any' });
            }
            const head = await store.headPosition();
            const result = await action(store).then(
              (value) => ({ ok: true as const, value }),
              (error: unknown) => ({ ok: false as const, error }),
            );
            return { ...result, appended: byStream(await store.readAll({ after: head })) };
          } finally {
            await store.close();
          }
        };
        return {
          async then(...expected) {
            const outcome = succeeded(await run());
            const wanted = byStreamName(expected);
            // Every stream on either side, so that an unexpected stream shows in the diff as `[]` vs its events.
            const streams = new Set([...Object.keys(outcome.appended), ...Object.keys(wanted)]);
            const actual = Object.fromEntries([...streams].map((stream) => [stream, outcome.appended[stream] ?? []]));
            expect(actual).toMatchObject(Object.fromEntries([...streams].map((stream) => [stream, wanted[stream] ?? []])));
          },
          async thenThrows(code, check) {
            const outcome = await run();
            if (outcome.ok) {
              throw new Error(`Expected the handler to fail with ${code}, but it succeeded and appended ${summarise(outcome.appended)}`);
            }
            expect(outcome.error).toMatchObject({ code });
            check?.(outcome.error as Parameters<ErrorExpectation>[0]);
            expect(outcome.appended).toEqual({});
          },
          async thenNothingHappened() {
            expect(succeeded(await run()).appended).toEqual({});
          },
        };
      },
    });
  },
};

function toNewEvent(event: GivenEvent): NewEvent {
  return { eventId: event.eventId ?? randomUUID(), type: event.type, data: event.data, metadata: aMetadata(event.metadata) };
}

function byStream(events: readonly RecordedEvent[]): Record<string, RecordedEvent[]> {
  return byStreamName(events.map((event) => [event.streamName, [event]]));
}

function byStreamName<E>(streams: readonly StreamEvents<E>[]): Record<string, E[]> {
  const grouped: Record<string, E[]> = {};
  for (const [streamName, events] of streams) grouped[streamName] = [...(grouped[streamName] ?? []), ...events];
  return grouped;
}

/** A failing handler's own error is the most useful failure message for a test that expected success. */
function succeeded(outcome: Outcome): Outcome & { ok: true } {
  if (!outcome.ok) throw outcome.error;
  return outcome;
}

function summarise(appended: Record<string, RecordedEvent[]>): string {
  const streams = Object.entries(appended).map(([stream, events]) => `${events.length} event(s) to ${stream}`);
  return streams.length > 0 ? streams.join(', ') : 'nothing';
}

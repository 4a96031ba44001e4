import type { EventStore } from '@passerelle/event-store';
import { aMetadata } from '@passerelle/event-store/testing';
import { randomUUID } from 'node:crypto';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from './command-handler-specification';

// A counter that refuses to go past 10: just enough of a decider and a load-decide-append handler
// to exercise the specification, defined here so that the helper stays free of domain types.
type CounterIncremented = { type: 'CounterIncremented'; data: { by: number } };
type Increment = { counterId: string; by: number };

class CounterError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const evolve = (total: number, event: CounterIncremented): number => total + event.data.by;

function decide(command: Increment, total: number): CounterIncremented[] {
  if (total + command.by > 10) throw new CounterError('COUNTER.LIMIT_REACHED');
  return command.by === 0 ? [] : [{ type: 'CounterIncremented', data: { by: command.by } }];
}

async function increment(store: EventStore, command: Increment): Promise<void> {
  const history = await store.readStream(command.counterId);
  const total = history.reduce((sum, event) => evolve(sum, event as unknown as CounterIncremented), 0);
  const events = decide(command, total).map((event) => ({ ...event, eventId: randomUUID(), metadata: aMetadata() }));
  if (events.length === 0) return;
  await store.appendToStream(command.counterId, events, { expectedRevision: history.at(-1)?.streamRevision ?? 'no_stream' });
}

const incremented = (by: number): CounterIncremented => ({ type: 'CounterIncremented', data: { by } });
const given = CommandHandlerSpecification.for<CounterIncremented>();

describe('command handler specification', () => {
  describe('then', () => {
    it('passes when the handler appends exactly the expected events', () =>
      given()
        .when((store) => increment(store, { counterId: 'counter-1', by: 2 }))
        .then(expectNewEvents('counter-1', [incremented(2)])));

    it('hands the handler a store holding the given events, and compares only the new ones', () =>
      given(existingStream('counter-1', [incremented(4), incremented(5)]), existingStream('counter-2', [incremented(1)]))
        .when((store) => increment(store, { counterId: 'counter-1', by: 1 }))
        .then(expectNewEvents('counter-1', [{ ...incremented(1), metadata: { schemaVersion: 1 } }])));

    it('fails when the events differ', async () => {
      const run = given()
        .when((store) => increment(store, { counterId: 'counter-1', by: 2 }))
        .then(expectNewEvents('counter-1', [incremented(3)]));
      await expect(run).rejects.toThrow('toMatchObject');
    });

    it('fails when a stream that was not expected received events', async () => {
      const run = given()
        .when(async (store) => {
          await increment(store, { counterId: 'counter-1', by: 2 });
          await increment(store, { counterId: 'counter-2', by: 2 });
        })
        .then(expectNewEvents('counter-1', [incremented(2)]));
      await expect(run).rejects.toThrow('counter-2');
    });

    it('fails when fewer events were appended than expected', async () => {
      const run = given()
        .when((store) => increment(store, { counterId: 'counter-1', by: 2 }))
        .then(expectNewEvents('counter-1', [incremented(2), incremented(2)]));
      await expect(run).rejects.toThrow('toMatchObject');
    });

    it("fails with the handler's own error when the handler fails", async () => {
      const run = given(existingStream('counter-1', [incremented(10)]))
        .when((store) => increment(store, { counterId: 'counter-1', by: 1 }))
        .then(expectNewEvents('counter-1', [incremented(1)]));
      await expect(run).rejects.toThrow(CounterError);
    });
  });

  describe('thenThrows', () => {
    it('passes when the handler fails with the code and appended nothing', () =>
      given(existingStream('counter-1', [incremented(9)]))
        .when((store) => increment(store, { counterId: 'counter-1', by: 2 }))
        .thenThrows('COUNTER.LIMIT_REACHED', (error) => expect(error).toBeInstanceOf(CounterError)));

    it('fails when the handler fails with another code', async () => {
      const run = given(existingStream('counter-1', [incremented(9)]))
        .when((store) => increment(store, { counterId: 'counter-1', by: 2 }))
        .thenThrows('COUNTER.SOMETHING_ELSE');
      await expect(run).rejects.toThrow('COUNTER.SOMETHING_ELSE');
    });

    it('fails when the handler succeeds', async () => {
      const run = given()
        .when((store) => increment(store, { counterId: 'counter-1', by: 2 }))
        .thenThrows('COUNTER.LIMIT_REACHED');
      await expect(run).rejects.toThrow('but it succeeded and appended 1 event(s) to counter-1');
    });

    it('fails when the handler appended before it failed', async () => {
      const run = given()
        .when(async (store) => {
          await increment(store, { counterId: 'counter-1', by: 2 });
          throw new CounterError('COUNTER.LIMIT_REACHED');
        })
        .thenThrows('COUNTER.LIMIT_REACHED');
      await expect(run).rejects.toThrow('toEqual');
    });
  });

  describe('thenNothingHappened', () => {
    it('passes when the handler accepted the command but appended nothing', () =>
      given(existingStream('counter-1', [incremented(3)]))
        .when((store) => increment(store, { counterId: 'counter-1', by: 0 }))
        .thenNothingHappened());

    it('fails when the handler appended', async () => {
      const run = given()
        .when((store) => increment(store, { counterId: 'counter-1', by: 1 }))
        .thenNothingHappened();
      await expect(run).rejects.toThrow('toEqual');
    });
  });
});

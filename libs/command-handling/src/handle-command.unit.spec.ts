import type { Decider } from '@passerelle/domain';
import { WrongExpectedRevisionError, type EventStore } from '@passerelle/event-store';
import { createInMemoryEventStore } from '@passerelle/event-store/in-memory';
import { randomUUID } from 'node:crypto';
import { handleCommand } from './handle-command';
import { StreamStateCache } from './stream-state-cache';

/** A counter that refuses to go past a limit: enough to show each rule of the command path. */
type Added = { type: 'Added'; data: { by: number } };
type Add = { by: number; limit: number };
const counter: Decider<number, Add, Added> = {
  decide: ({ by, limit }, total) => {
    if (total + by > limit) throw Object.assign(new Error(`over ${limit}`), { code: 'COUNTER.OVER_LIMIT' });
    return by === 0 ? [] : [{ type: 'Added', data: { by } }];
  },
  evolve: (total, event) => total + event.data.by,
  initialState: () => 0,
};
const envelope = () => ({
  eventId: randomUUID(),
  metadata: {
    schemaVersion: 1,
    occurredAt: new Date(0).toISOString(),
    actor: { organisationId: null, role: 'test', keyId: null },
    correlationId: 'c',
    causationId: null,
    scope: {},
  },
});
const add = (store: EventStore, cache: StreamStateCache, by: number, limit = 100) =>
  handleCommand(store, 'counter-1', { by, limit }, { ...counter, envelope, cache });

describe('handleCommand', () => {
  let store: EventStore;
  beforeEach(() => (store = createInMemoryEventStore()));
  afterEach(() => store.close());

  it('loads, decides and appends, then serves the next command from the cache without reading', async () => {
    const cache = new StreamStateCache();
    await add(store, cache, 2);
    const reads = jest.spyOn(store, 'readStream');
    const { newState, position } = await add(store, cache, 3);
    expect({ newState, position }).toEqual({ newState: 5, position: 1n });
    expect(reads).not.toHaveBeenCalled();
  });

  it('decides again on a fresh read when another process appended after this one cached the stream', async () => {
    const [mine, theirs] = [new StreamStateCache(), new StreamStateCache()];
    await add(store, mine, 2);
    await add(store, theirs, 10);
    expect((await add(store, mine, 3)).newState).toBe(15);
  });

  it('does not take a refusal on a stale cached state as final', async () => {
    const [mine, theirs] = [new StreamStateCache(), new StreamStateCache()];
    await add(store, mine, 8, 10);
    await add(store, theirs, -5, 10); // the other process made room: 3 now
    expect((await add(store, mine, 5, 10)).newState).toBe(8);
  });

  it('refuses on the latest state, appending nothing', async () => {
    const cache = new StreamStateCache();
    await add(store, cache, 8, 10);
    await expect(add(store, new StreamStateCache(), 5, 10)).rejects.toMatchObject({ code: 'COUNTER.OVER_LIMIT' });
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('gives up with the conflict after the configured retries', async () => {
    await add(store, new StreamStateCache(), 1);
    // Another writer always gets in first: it appends just before each of this command's appends.
    let attempts = 0;
    const raced: EventStore = Object.assign(Object.create(store) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        attempts += 1;
        await store.appendToStream('counter-1', [{ type: 'Added', data: { by: 1 }, ...envelope() }], { expectedRevision: 'any' });
        return store.appendToStream(...args);
      },
    });
    await expect(
      handleCommand(
        raced,
        'counter-1',
        { by: 1, limit: 100 },
        { ...counter, envelope, cache: new StreamStateCache(), retry: { onVersionConflict: 1 } },
      ),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(attempts).toBe(2);
  });

  describe('with the revision the caller saw (an If-Match)', () => {
    const addAt = (cache: StreamStateCache, expectedRevision: bigint, by = 1) =>
      handleCommand(store, 'counter-1', { by, limit: 100 }, { ...counter, envelope, cache, expectedRevision });

    it('appends when the stream is still at that revision', async () => {
      await add(store, new StreamStateCache(), 1);
      expect((await addAt(new StreamStateCache(), 0n)).newState).toBe(2);
    });

    it('refuses, appending nothing, when the stream moved since, instead of deciding again on the newer state', async () => {
      const cache = new StreamStateCache();
      await add(store, cache, 1);
      await add(store, new StreamStateCache(), 1); // another process moved it to revision 1
      await expect(addAt(cache, 0n)).rejects.toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', expected: 0n, actual: 1n });
      expect(await store.readStream('counter-1')).toHaveLength(2);
    });

    it('reads again when only this process’s cached copy is behind the revision the caller saw', async () => {
      const mine = new StreamStateCache();
      await add(store, mine, 1);
      await add(store, new StreamStateCache(), 1);
      expect((await addAt(mine, 1n)).newState).toBe(3);
    });
  });

  it('records nothing when the decider decides nothing', async () => {
    expect(await add(store, new StreamStateCache(), 0)).toEqual({ newEvents: [], newState: 0, position: null });
  });
});

import type { Decider } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { createInMemoryEventStore } from '@passerelle/event-store/in-memory';
import { randomUUID } from 'node:crypto';
import { handleCommand } from './handle-command';
import { withReadStream } from './read-stream';
import { StreamStateCache } from './stream-state-cache';

/** A tally written under a limit kept in another stream: the limit is only read, the tally written. */
type LimitSet = { type: 'LimitSet'; data: { limit: number } };
type Counted = { type: 'Counted'; data: { by: number } };
const limits: Decider<number, never, LimitSet> = {
  decide: () => [],
  evolve: (_, event) => event.data.limit,
  initialState: () => 0,
};
const tally = (limit: number): Decider<number, { by: number }, Counted> => ({
  decide: ({ by }, total) => {
    if (total + by > limit) throw Object.assign(new Error(`over ${limit}`), { code: 'TALLY.OVER_LIMIT' });
    return [{ type: 'Counted', data: { by } }];
  },
  evolve: (total, event) => total + event.data.by,
  initialState: () => 0,
});
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
const setLimit = (store: EventStore, limit: number) =>
  store.appendToStream('limit-1', [{ type: 'LimitSet', data: { limit }, ...envelope() }], { expectedRevision: 'any' });
const count = (store: EventStore, cache: StreamStateCache, by: number) =>
  withReadStream(store, 'limit-1', { ...limits, cache }, ({ state: limit, alsoExpect }) =>
    handleCommand(store, 'tally-1', { by }, { ...tally(limit), envelope, cache, alsoExpect }),
  );

describe('withReadStream', () => {
  let store: EventStore;
  beforeEach(() => (store = createInMemoryEventStore()));
  afterEach(() => store.close());

  it('decides on the cached state of the read stream without reading it', async () => {
    const cache = new StreamStateCache();
    await setLimit(store, 10);
    await count(store, cache, 1); // reads and caches the limit
    const reads = jest.spyOn(store, 'readStream');
    expect((await count(store, cache, 2)).newState).toBe(3);
    expect(reads).not.toHaveBeenCalled();
  });

  it('does not commit on a stale copy: the append fails on the moved stream and the command is decided on its latest state', async () => {
    const cache = new StreamStateCache();
    await setLimit(store, 10);
    await count(store, cache, 1);
    await setLimit(store, 2); // lowered elsewhere, after this process cached 10
    await expect(count(store, cache, 5)).rejects.toMatchObject({ code: 'TALLY.OVER_LIMIT' });
    expect(await store.readStream('tally-1')).toHaveLength(1);
  });

  it('does not take a refusal on a stale copy as final', async () => {
    const cache = new StreamStateCache();
    await setLimit(store, 2);
    await count(store, cache, 1);
    await setLimit(store, 10); // raised elsewhere
    expect((await count(store, cache, 5)).newState).toBe(6);
  });
});

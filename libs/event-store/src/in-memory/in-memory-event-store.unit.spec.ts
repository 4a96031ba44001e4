import { aStreamName, anEvent, idsOf, recordAll, someEvents } from '../testing/contract-fixtures';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { InMemoryEventLog } from './in-memory-event-log';
import { createInMemoryEventStore } from './in-memory-event-store';

/*
 * The same conformance suite as the PostgreSQL adapter. No fault controls, on purpose: an append
 * is decided and committed in one synchronous step, so there is no open transaction to hold or
 * roll back; the suite prints which parts it therefore skips. The peer shares the log, as a second
 * process shares the database, so the ordering trap still spreads its writers over two instances.
 */
describeEventStoreContract(
  'in-memory',
  async () => {
    const log = new InMemoryEventLog();
    const [store, peer] = [createInMemoryEventStore({ log }), createInMemoryEventStore({ log })];
    return {
      store,
      peer: { store: peer },
      teardown: async () => {
        await Promise.all([store.close(), peer.close()]);
      },
    };
  },
  { writesRowsAlongside: false },
);

describe('in-memory event store', () => {
  describe('when a caller mutates the events it was given', () => {
    it('keeps the stored events as they were appended', async () => {
      const store = createInMemoryEventStore();
      const stream = aStreamName();
      const event = anEvent('ThingHappened', { items: [{ n: 1 }] });
      await store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
      (event.data as { items: unknown[] }).items.push('appended after the fact');
      const [read] = await store.readStream(stream);
      (read?.data as { items: unknown[] }).items.push('changed by a reader');
      read?.recordedAt.setFullYear(1990);
      if (read) read.metadata.scope.someone = ['identity'];

      const [again] = await store.readAll();
      expect(again).toMatchObject({ data: { items: [{ n: 1 }] }, metadata: { scope: event.metadata.scope } });
      expect(again?.metadata.scope).not.toHaveProperty('someone');
      expect(again?.recordedAt.getFullYear()).not.toBe(1990);
    });
  });

  describe('when events hold values that JSON does not keep', () => {
    it('returns them as PostgreSQL jsonb would: undefined fields dropped, dates as strings', async () => {
      const store = createInMemoryEventStore();
      const stream = aStreamName();
      const data = { at: new Date('2026-11-22T10:00:00.000Z'), missing: undefined, list: [undefined] };
      await store.appendToStream(stream, [anEvent('ThingHappened', data)], { expectedRevision: 'no_stream' });
      expect((await store.readStream(stream))[0]?.data).toEqual({ at: '2026-11-22T10:00:00.000Z', list: [null] });
    });

    it('refuses what jsonb refuses, before storing anything', async () => {
      const store = createInMemoryEventStore();
      const event = anEvent('ThingHappened', { text: 'nul \u0000 inside' });
      const append = store.appendToStream(aStreamName(), [event], { expectedRevision: 'any' });
      await expect(append).rejects.toThrow('jsonb');
      expect(await store.headPosition()).toBe(-1n);
    });
  });

  describe('given two instances on one log', () => {
    it('wakes a subscriber of one with the appends of the other', async () => {
      const log = new InMemoryEventLog();
      const [reader, writer] = [createInMemoryEventStore({ log }), createInMemoryEventStore({ log })];
      const subscriber = recordAll(reader, undefined);
      const result = await writer.appendToStream(aStreamName(), someEvents(3), { expectedRevision: 'no_stream' });
      await subscriber.reach(result.position);
      await reader.close();
      expect(subscriber.errors).toEqual([]);
      expect(idsOf(subscriber.seen)).toEqual(idsOf(await writer.readAll()));
      await writer.close();
    });
  });

  describe('once closed', () => {
    it('refuses appends and reads, and stops its subscriptions', async () => {
      const store = createInMemoryEventStore();
      const subscriber = recordAll(store, undefined);
      await store.close();
      await expect(store.appendToStream(aStreamName(), [anEvent()], { expectedRevision: 'any' })).rejects.toThrow('closed');
      await expect(store.readAll()).rejects.toThrow('closed');
      await expect(store.headPosition()).rejects.toThrow('closed');
      expect(subscriber.errors).toEqual([]);
    });
  });
});

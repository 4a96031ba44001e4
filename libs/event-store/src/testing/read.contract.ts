import { type ContractContext, aMetadata, aStreamName, anEvent, idsOf, someEvents } from './contract-fixtures';
import { InjectedFaultError } from './fault-controls';

/** Reading back: per stream, globally, the head, and what survives the round trip. */
export function describeReadRules(context: ContractContext): void {
  describe('when reading a stream', () => {
    it('returns its events in revision order, from a given revision on', async () => {
      const stream = aStreamName();
      const events = someEvents(4);
      await context.store.appendToStream(stream, events.slice(0, 2), { expectedRevision: 'no_stream' });
      await context.store.appendToStream(aStreamName(), [anEvent()], { expectedRevision: 'no_stream' });
      await context.store.appendToStream(stream, events.slice(2), { expectedRevision: 1n });
      expect(idsOf(await context.store.readStream(stream))).toEqual(idsOf(events));
      expect(idsOf(await context.store.readStream(stream, { fromRevision: 2n }))).toEqual(idsOf(events.slice(2)));
    });

    it('returns an empty list for a stream that does not exist', async () => {
      expect(await context.store.readStream(aStreamName())).toEqual([]);
    });
  });

  describe('when reading all streams', () => {
    it('returns events in global order, strictly after `after`, at most `maxCount`', async () => {
      const start = await context.store.headPosition();
      const [a, b] = [aStreamName(), aStreamName()];
      const [a1, b1, a2, b2] = [anEvent(), anEvent(), anEvent(), anEvent()];
      await context.store.appendToStream(a, [a1], { expectedRevision: 'no_stream' });
      await context.store.appendToStream(b, [b1], { expectedRevision: 'no_stream' });
      await context.store.appendToStream(a, [a2], { expectedRevision: 0n });
      await context.store.appendToStream(b, [b2], { expectedRevision: 0n });
      const all = await context.store.readAll({ after: start });
      expect(idsOf(all)).toEqual(idsOf([a1, b1, a2, b2]));
      expect(all.map((event) => event.globalPosition)).toEqual([...all.map((event) => event.globalPosition)].sort(compare));
      expect(idsOf(await context.store.readAll({ after: all[1]?.globalPosition, maxCount: 1 }))).toEqual([a2.eventId]);
      expect(await context.store.readAll({ after: all[3]?.globalPosition })).toEqual([]);
    });

    it('reports the position of the last event as the head', async () => {
      const result = await context.store.appendToStream(aStreamName(), someEvents(2), { expectedRevision: 'no_stream' });
      expect(await context.store.headPosition()).toBe(result.position);
      expect((await context.store.readAll({ after: result.position - 1n }))[0]?.globalPosition).toBe(result.position);
    });

    it('reports -1 as the head of an empty store', async () => {
      const empty = await context.factory();
      try {
        expect(await empty.store.headPosition()).toBe(-1n);
        expect(await empty.store.readAll()).toEqual([]);
      } finally {
        await empty.teardown();
      }
    });
  });

  describe('when an append fails', () => {
    it('leaves nothing of its events when the transaction rolls back', async () => {
      if (!context.faults) {
        console.info(`[${context.adapterName} contract] no fault injection: the rollback part of the atomicity rule is not checked`);
        return;
      }
      const stream = aStreamName('rolled-back');
      const head = await context.store.headPosition();
      context.faults.rollBackNextCommit(stream);
      const append = context.store.appendToStream(stream, someEvents(3), { expectedRevision: 'no_stream' });
      await expect(append).rejects.toBeInstanceOf(InjectedFaultError);
      expect(await context.store.readStream(stream)).toEqual([]);
      expect(await context.store.headPosition()).toBe(head);
      const retried = await context.store.appendToStream(stream, someEvents(1), { expectedRevision: 'no_stream' });
      expect(retried.nextExpectedRevision).toBe(0n);
    });
  });

  describe('when events are read back', () => {
    it('returns data and metadata exactly as appended, with bigint revisions and positions', async () => {
      const data = {
        name: 'Awa Diallo — née à Abidjan',
        languages: ['fr', 'dyu', '日本語', 'العربية'],
        note: 'emoji 🕊️ and quotes "\' and a backslash \\',
        nested: { level: { deeper: [1, 2.5, -3, null, true, { empty: {} }] } },
      };
      const metadata = aMetadata({ causationId: 'cause-1', scope: { 'refuge-75': ['identity'], 'asso-93': [] } });
      const event = { ...anEvent('PersonIdentified', data), metadata };
      const stream = aStreamName();
      const result = await context.store.appendToStream(stream, [event], { expectedRevision: 'no_stream' });
      const [stored] = await context.store.readStream(stream);
      expect(stored).toMatchObject({ eventId: event.eventId, type: 'PersonIdentified', data, metadata, streamName: stream });
      expect(stored?.recordedAt).toBeInstanceOf(Date);
      expect(typeof stored?.streamRevision).toBe('bigint');
      expect(typeof stored?.globalPosition).toBe('bigint');
      expect(typeof result.position).toBe('bigint');
      expect(typeof result.nextExpectedRevision).toBe('bigint');
    });

    it('keeps a stream name and a type with quotes, backslashes and SQL in them exactly, and nothing else happens', async () => {
      const stream = `${aStreamName()}-o'brien\\'); DROP TABLE es_events; --`;
      const type = 'Type\'With\\Quotes"';
      await context.store.appendToStream(stream, [anEvent(type, { text: "'; DELETE FROM es_streams; --" })], {
        expectedRevision: 'no_stream',
      });
      const [stored] = await context.store.readStream(stream);
      expect(stored).toMatchObject({ streamName: stream, type, data: { text: "'; DELETE FROM es_streams; --" } });
      expect(await context.store.readStream(stream)).toHaveLength(1);
    });
  });
}

function compare(left: bigint, right: bigint): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

import { DuplicateEventIdError, type ExpectedRevision, WrongExpectedRevisionError } from '../event-store.port';
import { type ContractContext, aStreamName, anEvent, idsOf, someEvents } from './contract-fixtures';

/** Optimistic concurrency and idempotency rules of appendToStream. */
export function describeAppendRules(context: ContractContext): void {
  const givenStreamAtRevision1 = async (): Promise<string> => {
    const stream = aStreamName();
    await context.store.appendToStream(stream, someEvents(2), { expectedRevision: 'no_stream' });
    return stream;
  };

  describe('given a stream that does not exist', () => {
    it('accepts an append expecting no_stream and numbers its events from revision 0', async () => {
      const stream = aStreamName();
      const result = await context.store.appendToStream(stream, someEvents(3), { expectedRevision: 'no_stream' });
      const stored = await context.store.readStream(stream);
      expect(result.nextExpectedRevision).toBe(2n);
      expect(stored.map((event) => event.streamRevision)).toEqual([0n, 1n, 2n]);
      expect(result.position).toBe(stored[2]?.globalPosition);
    });

    it('rejects an append expecting stream_exists', async () => {
      const append = context.store.appendToStream(aStreamName(), [anEvent()], { expectedRevision: 'stream_exists' });
      await expect(append).rejects.toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', actual: 'no_stream' });
    });

    it('rejects an append expecting an exact revision', async () => {
      const append = context.store.appendToStream(aStreamName(), [anEvent()], { expectedRevision: 0n });
      await expect(append).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    });

    it('accepts an append expecting any', async () => {
      const result = await context.store.appendToStream(aStreamName(), [anEvent()], { expectedRevision: 'any' });
      expect(result.nextExpectedRevision).toBe(0n);
    });
  });

  describe('given a stream at revision 1', () => {
    it('rejects an append expecting no_stream', async () => {
      const stream = await givenStreamAtRevision1();
      const append = context.store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
      await expect(append).rejects.toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', streamName: stream, actual: 1n });
    });

    it('accepts an append expecting stream_exists', async () => {
      const stream = await givenStreamAtRevision1();
      const result = await context.store.appendToStream(stream, [anEvent()], { expectedRevision: 'stream_exists' });
      expect(result.nextExpectedRevision).toBe(2n);
    });

    it('accepts an append expecting revision 1 and continues at revision 2', async () => {
      const stream = await givenStreamAtRevision1();
      const result = await context.store.appendToStream(stream, someEvents(2), { expectedRevision: 1n });
      expect(result.nextExpectedRevision).toBe(3n);
      expect((await context.store.readStream(stream)).map((event) => event.streamRevision)).toEqual([0n, 1n, 2n, 3n]);
    });

    it('rejects an append expecting a stale revision and stores none of its events', async () => {
      const stream = await givenStreamAtRevision1();
      const head = await context.store.headPosition();
      const append = context.store.appendToStream(stream, someEvents(3), { expectedRevision: 0n });
      await expect(append).rejects.toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', expected: 0n, actual: 1n });
      expect(await context.store.readStream(stream)).toHaveLength(2);
      expect(await context.store.headPosition()).toBe(head);
    });

    it('accepts an append expecting any', async () => {
      const stream = await givenStreamAtRevision1();
      const result = await context.store.appendToStream(stream, [anEvent()], { expectedRevision: 'any' });
      expect(result.nextExpectedRevision).toBe(2n);
    });
  });

  describe('when two writers append with the same expected revision at the same time', () => {
    it('lets exactly one win and rejects the other with STREAM.WRONG_EXPECTED_REVISION', async () => {
      for (let round = 0; round < 10; round += 1) {
        const stream = aStreamName('race');
        await context.store.appendToStream(stream, [anEvent()], { expectedRevision: 'no_stream' });
        const [first, second] = [anEvent('Raced'), anEvent('Raced')];
        const outcomes = await Promise.allSettled([
          context.store.appendToStream(stream, [first], { expectedRevision: 0n }),
          context.store.appendToStream(stream, [second], { expectedRevision: 0n }),
        ]);
        const losers = outcomes.flatMap((outcome): unknown[] => (outcome.status === 'rejected' ? [outcome.reason] : []));
        expect(losers).toHaveLength(1);
        expect(losers[0]).toBeInstanceOf(WrongExpectedRevisionError);
        expect(losers[0]).toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION' });
        const winner = outcomes[0].status === 'fulfilled' ? first : second;
        expect(idsOf(await context.store.readStream(stream, { fromRevision: 1n }))).toEqual([winner.eventId]);
      }
    });
  });

  describe('when an append names the streams it was decided on (alsoExpect)', () => {
    it('accepts it while each of them is still at the revision it was read at, a missing stream included', async () => {
      const [read, written] = [await givenStreamAtRevision1(), aStreamName()];
      await context.store.appendToStream(written, [anEvent()], {
        expectedRevision: 'no_stream',
        alsoExpect: [
          { streamName: read, expectedRevision: 1n },
          { streamName: aStreamName(), expectedRevision: 'no_stream' },
        ],
      });
      expect(await context.store.readStream(written)).toHaveLength(1);
    });

    it('rejects it, naming that stream, once one of them has moved, and stores none of its events', async () => {
      const [read, written] = [await givenStreamAtRevision1(), aStreamName()];
      await context.store.appendToStream(read, [anEvent()], { expectedRevision: 1n });
      const append = context.store.appendToStream(written, someEvents(2), {
        expectedRevision: 'no_stream',
        alsoExpect: [{ streamName: read, expectedRevision: 1n }],
      });
      await expect(append).rejects.toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', streamName: read, expected: 1n, actual: 2n });
      expect(await context.store.readStream(written)).toEqual([]);
    });

    it('lets exactly one of two racing writers win when each appends to the stream the other was decided on', async () => {
      if (!context.atomicConditions) {
        console.info(`[${context.adapterName} contract] alsoExpect is checked before the append, not with it: the race is not asserted`);
        return;
      }
      const [a, b] = [await givenStreamAtRevision1(), await givenStreamAtRevision1()];
      const outcomes = await Promise.allSettled([
        context.store.appendToStream(a, [anEvent()], { expectedRevision: 1n, alsoExpect: [{ streamName: b, expectedRevision: 1n }] }),
        context.store.appendToStream(b, [anEvent()], { expectedRevision: 1n, alsoExpect: [{ streamName: a, expectedRevision: 1n }] }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
        reason: { code: 'STREAM.WRONG_EXPECTED_REVISION' },
      });
    });
  });

  describe('when an append is retried with the same event ids', () => {
    it('returns the first result and stores nothing new, even after later appends', async () => {
      const stream = aStreamName();
      const events = someEvents(2);
      const first = await context.store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      await context.store.appendToStream(stream, [anEvent()], { expectedRevision: 1n });
      const head = await context.store.headPosition();
      const retry = await context.store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      expect(retry).toEqual(first);
      expect(await context.store.readStream(stream)).toHaveLength(3);
      expect(await context.store.headPosition()).toBe(head);
    });

    it('rejects an event id already stored in another stream with DuplicateEventIdError', async () => {
      const reused = anEvent();
      await context.store.appendToStream(aStreamName(), [reused], { expectedRevision: 'no_stream' });
      const other = aStreamName();
      const append = context.store.appendToStream(other, [reused], { expectedRevision: 'any' });
      await expect(append).rejects.toBeInstanceOf(DuplicateEventIdError);
      await expect(append).rejects.toMatchObject({ code: 'STREAM.DUPLICATE_EVENT_ID', eventId: reused.eventId });
      expect(await context.store.readStream(other)).toEqual([]);
    });

    it('rejects a retry that mixes stored and new event ids and stores none of them', async () => {
      const stream = aStreamName();
      const stored = anEvent();
      await context.store.appendToStream(stream, [stored], { expectedRevision: 'no_stream' });
      const append = context.store.appendToStream(stream, [stored, anEvent()], { expectedRevision: 'any' });
      await expect(append).rejects.toBeInstanceOf(DuplicateEventIdError);
      expect(idsOf(await context.store.readStream(stream))).toEqual([stored.eventId]);
    });
  });

  describe('identical concurrent appends', () => {
    const racers = 4;
    const writer = (index: number) => context.instances[index % context.instances.length]?.store ?? context.store;

    it('store the events once and give every caller the first result, whatever revision each expected', async () => {
      const expectations: ExpectedRevision[] = ['no_stream', 'any'];
      for (const expectedRevision of expectations) {
        for (let round = 0; round < 5; round += 1) {
          const stream = aStreamName('race');
          const events = someEvents(3);
          const results = await Promise.all(
            Array.from({ length: racers }, (_, index) => writer(index).appendToStream(stream, events, { expectedRevision })),
          );
          for (const result of results) expect(result).toEqual(results[0]);
          expect(idsOf(await context.store.readStream(stream))).toEqual(idsOf(events));
        }
      }
    });

    it('store the events once on an existing stream too, expecting its revision or only that it exists', async () => {
      const expectations: ExpectedRevision[] = [1n, 'stream_exists', 'any'];
      for (const expectedRevision of expectations) {
        const stream = await givenStreamAtRevision1();
        const events = someEvents(2);
        const results = await Promise.all(
          Array.from({ length: racers }, (_, index) => writer(index).appendToStream(stream, events, { expectedRevision })),
        );
        for (const result of results) expect(result).toEqual({ nextExpectedRevision: 3n, position: results[0]?.position });
        expect(idsOf(await context.store.readStream(stream, { fromRevision: 2n }))).toEqual(idsOf(events));
      }
    });

    it('refuse the second of two appends that share only some ids as a duplicate id, never as a wrong revision', async () => {
      for (let round = 0; round < 5; round += 1) {
        const stream = aStreamName('race');
        const shared = anEvent();
        const [first, second] = [
          [shared, anEvent()],
          [shared, anEvent()],
        ];
        const outcomes = await Promise.allSettled([
          writer(0).appendToStream(stream, first, { expectedRevision: 'any' }),
          writer(1).appendToStream(stream, second, { expectedRevision: 'any' }),
        ]);
        const rejected = outcomes.flatMap((outcome): unknown[] => (outcome.status === 'rejected' ? [outcome.reason] : []));
        expect(rejected).toHaveLength(1);
        expect(rejected[0]).toBeInstanceOf(DuplicateEventIdError);
        const winner = outcomes[0].status === 'fulfilled' ? first : second;
        expect(idsOf(await context.store.readStream(stream))).toEqual(idsOf(winner));
      }
    });
  });

  describe('failed append leaves no claim', () => {
    it('lets the ids of an append refused for its revision be appended to another stream', async () => {
      const stream = await givenStreamAtRevision1();
      const events = someEvents(2);
      await expect(context.store.appendToStream(stream, events, { expectedRevision: 0n })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      const other = aStreamName();
      await context.store.appendToStream(other, events, { expectedRevision: 'no_stream' });
      expect(idsOf(await context.store.readStream(other))).toEqual(idsOf(events));
      expect(await context.store.readStream(stream)).toHaveLength(2);
    });

    it('lets the ids of an append refused by a stream it was decided on be appended elsewhere, or there once it is right', async () => {
      const [read, written] = [await givenStreamAtRevision1(), aStreamName()];
      await context.store.appendToStream(read, [anEvent()], { expectedRevision: 1n });
      const [kept, moved] = [someEvents(1), someEvents(1)];
      for (const events of [kept, moved]) {
        const refused = context.store.appendToStream(written, events, {
          expectedRevision: 'no_stream',
          alsoExpect: [{ streamName: read, expectedRevision: 1n }],
        });
        await expect(refused).rejects.toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', streamName: read });
      }
      await context.store.appendToStream(written, kept, {
        expectedRevision: 'no_stream',
        alsoExpect: [{ streamName: read, expectedRevision: 2n }],
      });
      const elsewhere = aStreamName();
      await context.store.appendToStream(elsewhere, moved, { expectedRevision: 'no_stream' });
      expect(idsOf(await context.store.readStream(written))).toEqual(idsOf(kept));
      expect(idsOf(await context.store.readStream(elsewhere))).toEqual(idsOf(moved));
    });
  });
}

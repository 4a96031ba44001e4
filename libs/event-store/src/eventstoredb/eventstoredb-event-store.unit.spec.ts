import { AccessDeniedError, UnavailableError } from '@eventstore/db-client';
import {
  CheckpointBeyondHeadError,
  DuplicateEventIdError,
  ForeignEventError,
  WrongExpectedRevisionError,
  type NewEvent,
} from '../event-store.port';
import { aStreamName, anEvent, eventually, idsOf, recordAll, someEvents } from '../testing/contract-fixtures';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { PASSERELLE_STREAM_PREFIXES, StreamNames } from './stream-names';
import { ScriptedEsdbClient } from './testing/scripted-esdb-client';

/*
 * The adapter against a scripted fake of the client and its server (testing/scripted-esdb-client.ts),
 * for what the contract suite can only show against a real EventStoreDB: the server's own
 * answers, held and reordered appends, an evicted id cache, an event another application wrote.
 * The same cases run against a real server in the contract suite when EVENTSTORE_CONNECTION_STRING is set.
 */
describe('the EventStoreDB adapter against a scripted server', () => {
  const prefixes = ['contract-', 'race-'];
  const open = (client = new ScriptedEsdbClient()) => ({
    client,
    store: new EventStoreDbEventStore(client, new StreamNames('', prefixes), { resubscribe: { initialMs: 1, maxMs: 4 } }),
  });
  const claimsOf = (client: ScriptedEsdbClient, events: readonly NewEvent[]) =>
    events.map((event) => client.stream(`eventid-${event.eventId}`).map((record) => record.type));

  describe('foreign event', () => {
    it.each(['binary', 'json'] as const)(
      'stops the subscription at a %s event without a Passerelle envelope and reports it once, instead of resubscribing',
      async (kind) => {
        const { client, store } = open();
        const before = someEvents(2);
        await store.appendToStream('contract-1', before, { expectedRevision: 'no_stream' });
        client.writeForeign('contract-2', kind);
        await store.appendToStream('contract-3', someEvents(1), { expectedRevision: 'no_stream' });
        const subscriber = recordAll(store, undefined);
        await eventually(() => subscriber.errors.length > 0, 'the foreign event to be reported');
        await new Promise((resolve) => setTimeout(resolve, 20));
        await subscriber.subscription.stop();

        expect(idsOf(subscriber.seen)).toEqual(idsOf(before));
        expect(subscriber.errors).toHaveLength(1);
        expect(subscriber.errors[0]).toBeInstanceOf(ForeignEventError);
        expect(subscriber.errors[0]).toMatchObject({ code: 'STORE.FOREIGN_EVENT', streamName: 'contract-2' });
        expect(client.subscriptionsOpened).toHaveLength(1);
      },
    );

    it('reports a refusal of the server (access denied) the same way, and resubscribes only after a dropped connection', async () => {
      const { client, store } = open();
      await store.appendToStream('contract-1', someEvents(3), { expectedRevision: 'no_stream' });
      client.failNextSubscription(new UnavailableError(undefined, 'node restarting'), 1);
      // The reopened subscription starts at the checkpoint, which it delivers again (skipped), then one more.
      client.failNextSubscription(new AccessDeniedError(undefined, 'Access denied'), 2);
      const subscriber = recordAll(store, undefined);
      await eventually(() => subscriber.errors.length > 0, 'the refusal');
      await subscriber.subscription.stop();

      expect(subscriber.errors).toEqual([expect.any(AccessDeniedError)]);
      expect(subscriber.seen).toHaveLength(2);
      expect(client.subscriptionsOpened).toHaveLength(2);
    });
  });

  describe('checkpoint beyond the head', () => {
    it('refuses to subscribe after a position past the head, where the server would go live and skip every event up to it', async () => {
      const { client, store } = open();
      const { position: head } = await store.appendToStream('contract-1', someEvents(2), { expectedRevision: 'no_stream' });
      const subscriber = recordAll(store, head + 10_000n);
      await eventually(() => subscriber.errors.length > 0, 'the refusal');
      await store.appendToStream('contract-2', someEvents(1), { expectedRevision: 'no_stream' });
      await subscriber.subscription.stop();

      expect(subscriber.errors).toEqual([expect.any(CheckpointBeyondHeadError)]);
      expect(subscriber.errors[0]).toMatchObject({ after: head + 10_000n, head });
      expect((subscriber.errors[0] as Error).message).toMatch(/^[^\n]+$/);
      expect(subscriber.seen).toEqual([]);
      expect(client.subscriptionsOpened).toEqual([]);
    });

    it('subscribes from a checkpoint at the head', async () => {
      const { store } = open();
      const { position: head } = await store.appendToStream('contract-1', someEvents(2), { expectedRevision: 'no_stream' });
      const subscriber = recordAll(store, head);
      const { position } = await store.appendToStream('contract-2', someEvents(1), { expectedRevision: 'no_stream' });
      await subscriber.reach(position);
      await subscriber.subscription.stop();
      expect(subscriber.errors).toEqual([]);
      expect(subscriber.seen.map((event) => event.globalPosition)).toEqual([position]);
    });
  });

  describe('identical concurrent appends', () => {
    it.each(['any', 'no_stream'] as const)(
      'store the events once when both reach the server and its id cache is evicted between them (expecting %s)',
      async (expectedRevision) => {
        const { client, store } = open();
        const stream = aStreamName('race');
        const events = someEvents(2);
        const gate = client.holdAppends((name) => name === stream);
        const appends = [0, 1].map(() => store.appendToStream(stream, events, { expectedRevision }));
        await gate.arrived(2);
        await gate.releaseOne();
        client.evictIdCache();
        await gate.releaseAll();
        const [first, second] = await Promise.all(appends);

        expect(second).toEqual(first);
        expect(client.stream(stream).map((record) => record.id)).toEqual(idsOf(events));
        expect(idsOf(await store.readStream(stream))).toEqual(idsOf(events));
      },
    );

    it('answer the second of two appends sharing one id with DuplicateEventIdError, never a wrong revision', async () => {
      const { client, store } = open();
      const stream = aStreamName('race');
      const shared = anEvent();
      const [first, second] = [
        [shared, anEvent()],
        [shared, anEvent()],
      ];
      const gate = client.holdAppends((name) => name === stream);
      const appends = [first, second].map((events) => store.appendToStream(stream, events, { expectedRevision: 'any' }));
      await gate.arrived(2);
      await gate.releaseAll();
      const [won, lost] = await Promise.allSettled(appends);

      expect(won?.status).toBe('fulfilled');
      expect(lost).toMatchObject({ status: 'rejected', reason: expect.any(DuplicateEventIdError) });
      expect(idsOf(await store.readStream(stream))).toEqual(idsOf(first));
      // The loser's own id is free again; the shared one stays with the stream that stored it.
      await store.appendToStream(aStreamName(), [second[1]!], { expectedRevision: 'no_stream' });
      await expect(store.appendToStream(aStreamName(), [shared], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
    });

    it('give a writer that lost the race to another stream revision the original result when its ids are there', async () => {
      const { client, store } = open();
      const stream = aStreamName('race');
      await store.appendToStream(stream, someEvents(1), { expectedRevision: 'no_stream' });
      const events = someEvents(2);
      const gate = client.holdAppends((name) => name === stream);
      const exact = store.appendToStream(stream, events, { expectedRevision: 0n });
      const loose = store.appendToStream(stream, events, { expectedRevision: 'stream_exists' });
      await gate.arrived(2);
      await gate.releaseOne();
      client.evictIdCache();
      await gate.releaseAll();
      expect(await loose).toEqual(await exact);
      expect(client.stream(stream)).toHaveLength(3);
    });
  });

  describe('failed append leaves no claim', () => {
    it('frees the ids of an append refused for its revision: they can go to another stream', async () => {
      const { client, store } = open();
      await store.appendToStream('contract-1', someEvents(2), { expectedRevision: 'no_stream' });
      const events = someEvents(2);
      await expect(store.appendToStream('contract-1', events, { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(claimsOf(client, events)).toEqual([
        ['EventIdClaimed', 'EventIdReleased'],
        ['EventIdClaimed', 'EventIdReleased'],
      ]);

      await store.appendToStream('contract-2', events, { expectedRevision: 'no_stream' });
      expect(idsOf(await store.readStream('contract-2'))).toEqual(idsOf(events));
      await expect(store.appendToStream('contract-3', [events[0]!], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        DuplicateEventIdError,
      );
    });

    it('frees the ids of an append refused by a stream it was decided on', async () => {
      const { store } = open();
      await store.appendToStream('contract-read', someEvents(2), { expectedRevision: 'no_stream' });
      const events = someEvents(1);
      const refused = store.appendToStream('contract-written', events, {
        expectedRevision: 'no_stream',
        alsoExpect: [{ streamName: 'contract-read', expectedRevision: 0n }],
      });
      await expect(refused).rejects.toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', streamName: 'contract-read' });
      await store.appendToStream('contract-elsewhere', events, { expectedRevision: 'no_stream' });
      expect(await store.readStream('contract-written')).toEqual([]);
    });

    it('keeps the claims of an append whose outcome is unknown: the ids stay with that stream, where a retry settles it', async () => {
      const { client, store } = open();
      const events = someEvents(2);
      client.failNextAppendTo('contract-1', new UnavailableError(undefined, 'connection dropped'));
      await expect(store.appendToStream('contract-1', events, { expectedRevision: 'any' })).rejects.toBeInstanceOf(UnavailableError);
      await expect(store.appendToStream('contract-2', events, { expectedRevision: 'any' })).rejects.toBeInstanceOf(DuplicateEventIdError);

      const retried = await store.appendToStream('contract-1', events, { expectedRevision: 'any' });
      expect(retried.nextExpectedRevision).toBe(1n);
      expect(await store.appendToStream('contract-1', events, { expectedRevision: 'any' })).toEqual(retried);
      expect(idsOf(await store.readStream('contract-1'))).toEqual(idsOf(events));
      expect(claimsOf(client, events).flat()).not.toContain('EventIdReleased');
    });
  });

  describe('store identity', () => {
    it('is written once and read back by every instance on the server', async () => {
      const client = new ScriptedEsdbClient();
      const [one, two] = [open(client).store, open(client).store];
      const [first, second] = await Promise.all([one.identity(), two.identity()]);
      expect(second).toBe(first);
      expect(client.stream('passerelle-store')).toHaveLength(1);
      expect(await open().store.identity()).not.toBe(first);
    });
  });

  describe('closing', () => {
    it('stops the subscriptions, then closes the client (and its channel)', async () => {
      const { client, store } = open();
      const subscriber = recordAll(store, undefined);
      await store.close();
      expect(client.closed).toBe(true);
      expect(subscriber.errors).toEqual([]);
      await expect(store.appendToStream('contract-1', someEvents(1), { expectedRevision: 'any' })).rejects.toThrow(/closed/);
    });
  });

  it('refuses a stream outside its prefixes, as in production', async () => {
    const store = new EventStoreDbEventStore(new ScriptedEsdbClient(), new StreamNames('', PASSERELLE_STREAM_PREFIXES));
    await expect(store.appendToStream('contract-1', someEvents(1), { expectedRevision: 'any' })).rejects.toThrow(TypeError);
  });
});

import { type TestDatabase, createTestDatabase } from '@passerelle/testing';
import { Client } from 'pg';
import { aStreamName, idsOf, recordAll, someEvents } from '../testing/contract-fixtures';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { runConcurrentAppenders } from '../testing/ordering-trap.contract';
import { type PostgresEventStore, createPostgresEventStore } from './postgres-event-store';
import { createPostgresFaultInjector } from './postgres-fault-injector';

/*
 * Note on the fault hooks: a held batch keeps the single head row locked, so every other append
 * (this process's next batch, and other processes) waits behind it. That is the serialised
 * append working as designed; the concurrent cases therefore allow well above the hold time.
 */
describeEventStoreContract(
  'postgres',
  async () => {
    const database = await createTestDatabase('event_store_contract');
    const open = async () => {
      const { faults, controls } = createPostgresFaultInjector();
      return { store: await createPostgresEventStore({ connectionString: database.url, faults }), faults: controls };
    };
    // The peer is a second instance on the same database: writers in "another process", whose
    // transactions really interleave with this one's (within one instance, group commit serialises them).
    const [main, peer] = [await open(), await open()];
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    await admin.query('CREATE TABLE contract_rows (id uuid PRIMARY KEY, note text NOT NULL, secret bytea NULL)');
    return {
      ...main,
      peer,
      rowTable: {
        name: 'contract_rows',
        rows: async () =>
          (
            await admin.query<{ id: string; note: string; secret: string | null }>(
              "SELECT id, note, encode(secret, 'hex') AS secret FROM contract_rows",
            )
          ).rows,
      },
      teardown: async () => {
        await Promise.all([main.store.close(), peer.store.close(), admin.end()]);
        await database.drop();
      },
    };
  },
  { writesRowsAlongside: true },
);

describe('postgres event store', () => {
  let database: TestDatabase;
  const stores: PostgresEventStore[] = [];
  const open = async (
    options: { schema?: string } = {},
  ): Promise<{ store: PostgresEventStore; faults: ReturnType<typeof createPostgresFaultInjector>['controls'] }> => {
    const injector = createPostgresFaultInjector();
    const store = await createPostgresEventStore({ connectionString: database.url, faults: injector.faults, ...options });
    stores.push(store);
    return { store, faults: injector.controls };
  };

  beforeAll(async () => {
    database = await createTestDatabase('event_store_postgres');
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await database.drop();
  });

  describe('given two store instances on one database, as two processes would have', () => {
    it('hands out gapless positions in commit order to their concurrent writers, despite a slow and a rolled-back batch', async () => {
      const [first, second] = [await open(), await open()];
      const start = await first.store.headPosition();
      // Subscribed on the first instance: it learns of the second one's appends by LISTEN/NOTIFY or polling.
      const subscriber = recordAll(first.store, start);
      const instance = (writer: number): typeof first => (writer % 2 === 0 ? first : second);

      const outcome = await runConcurrentAppenders(
        (writer) => instance(writer).store,
        (writer) => instance(writer).faults,
        {
          writers: 16,
          appendsPerWriter: 20,
          faultAtAppend: 5,
          holdMs: 2_000,
        },
      );
      const head = await second.store.headPosition();
      await subscriber.reach(head);
      await subscriber.subscription.stop();

      expect(subscriber.errors).toEqual([]);
      const positions = subscriber.seen.map((event) => event.globalPosition);
      const gapless = Array.from({ length: Number(head - start) }, (_, offset) => start + 1n + BigInt(offset));
      expect(positions).toEqual(gapless);
      expect([...idsOf(subscriber.seen)].sort()).toEqual([...outcome.committed].sort());
      expect(outcome.rolledBack.size).toBeGreaterThan(0);
    }, 120_000);
  });

  describe('given several subscribers of one instance, as the background thread runs them', () => {
    it('reads a page written by another instance once for all of them, each still seeing every event in order', async () => {
      const [reader, writer] = [await open(), await open()];
      const start = await reader.store.headPosition();
      const queries = jest.spyOn(reader.store, 'readAll');
      const subscribers = [recordAll(reader.store, start), recordAll(reader.store, start), recordAll(reader.store, start)];
      const { position: head } = await writer.store.appendToStream(aStreamName(), someEvents(30), { expectedRevision: 'no_stream' });
      await Promise.all(subscribers.map((subscriber) => subscriber.reach(head)));
      await Promise.all(subscribers.map((subscriber) => subscriber.subscription.stop()));

      for (const subscriber of subscribers)
        expect(subscriber.seen.map((event) => event.globalPosition)).toEqual(
          Array.from({ length: 30 }, (_, offset) => start + 1n + BigInt(offset)),
        );
      // Three subscribers reading apart would query at least six times (the page, then the empty one after it).
      expect(queries.mock.calls.length).toBeLessThan(6);
    });
  });

  describe('given a writer alone on its database', () => {
    it('appends a batch in one round trip once it knows the head, and falls back to reading when another instance wrote', async () => {
      const [alone, other] = [await open(), await open()];
      const stream = aStreamName();
      await alone.store.appendToStream(stream, someEvents(1), { expectedRevision: 'no_stream' }); // learns the head
      const statements = jest.spyOn(Client.prototype, 'query');
      const sent = () => statements.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('BEGIN')).length;

      await alone.store.appendToStream(stream, someEvents(2), { expectedRevision: 0n });
      expect({ batches: sent(), queries: statements.mock.calls.length }).toEqual({ batches: 1, queries: 1 });

      await other.store.appendToStream(aStreamName(), someEvents(1), { expectedRevision: 'no_stream' });
      statements.mockClear();
      const { nextExpectedRevision } = await alone.store.appendToStream(stream, someEvents(1), { expectedRevision: 2n });
      // The guess (stale head) wrote nothing; the batch was then read and written for certain.
      const afterAnotherWriter = sent();
      statements.mockRestore();
      expect(nextExpectedRevision).toBe(3n);
      expect(afterAnotherWriter).toBe(2);
      expect((await alone.store.readStream(stream)).map((event) => event.streamRevision)).toEqual([0n, 1n, 2n, 3n]);
    });
  });

  describe('when the migration runs again', () => {
    it('keeps the tables and the events already stored', async () => {
      const { store } = await open();
      const stream = aStreamName();
      const events = someEvents(2);
      await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      await Promise.all([store.migrate(), store.migrate()]);
      await open();
      expect(idsOf(await store.readStream(stream))).toEqual(idsOf(events));
      expect((await store.appendToStream(stream, someEvents(1), { expectedRevision: 1n })).nextExpectedRevision).toBe(2n);
    });
  });

  describe('given a store in another schema', () => {
    it('keeps its own streams and positions', async () => {
      const { store: inPublic } = await open();
      const { store: inTenant } = await open({ schema: 'tenant_a' });
      const stream = aStreamName();
      await inPublic.appendToStream(stream, someEvents(2), { expectedRevision: 'no_stream' });
      const result = await inTenant.appendToStream(stream, someEvents(1), { expectedRevision: 'no_stream' });
      expect(result).toEqual({ nextExpectedRevision: 0n, position: 0n });
      expect(await inTenant.readStream(stream)).toHaveLength(1);
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(open({ schema: 'x"; DROP TABLE es_events; --' })).rejects.toThrow('Invalid event store schema name');
    });
  });
});

import { type TestDatabase, createTestDatabase } from '@passerelle/testing';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { guessHolds, lockStatement, lookupStatement } from './batch-sql';
import { createPostgresEventStore } from './postgres-event-store';
import { eventStoreTables } from './postgres-schema';

/**
 * A batch's statements must read its streams, events and rows alongside by key, whatever the
 * tables' statistics say: a young, never analysed table looks small enough to scan, and a scan at
 * every batch costs more with every stream (batch-sql.ts, lockStatement).
 */
describe('append batch statements', () => {
  let database: TestDatabase;
  let client: Client;
  const tables = eventStoreTables();
  const streams = Array.from({ length: 60 }, (_, i) => `case-${String(i)}`);
  const alongside = streams.map(() => ({ table: 'case_keys', key: 'case_id', values: { case_id: randomUUID(), wrapped: 'k' } }));

  beforeAll(async () => {
    database = await createTestDatabase('event_store_batch_sql');
    // The store migrates its schema on open.
    await (await createPostgresEventStore({ connectionString: database.url })).close();
    client = new Client({ connectionString: database.url });
    await client.connect();
    // Thousands of streams and rows, as after a few days of a network, with no ANALYZE since.
    await client.query(`INSERT INTO ${tables.streams} (stream_name, revision) SELECT 'case-' || g, 3 FROM generate_series(0, 4999) g`);
    await client.query('CREATE TABLE case_keys (case_id uuid PRIMARY KEY, wrapped text NOT NULL)');
    await client.query(`INSERT INTO case_keys SELECT gen_random_uuid(), 'k' FROM generate_series(1, 5000)`);
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  /** The plan of `statement` as the batch's own transaction makes it: after the head lock. */
  async function planUnderTheLock(statement: string): Promise<string> {
    await client.query('BEGIN');
    try {
      await client.query(lockStatement(tables));
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement}`);
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await client.query('ROLLBACK');
    }
  }

  it('checks an optimistic guess through the stream and row keys, never a scan', async () => {
    const assumed = new Map(streams.map((name) => [name, 3n]));
    const plan = await planUnderTheLock(`SELECT ${guessHolds(tables, 10n, assumed, alongside)} AS held`);

    expect(plan).toContain('es_streams_pkey');
    expect(plan).not.toMatch(/Seq Scan on (es_streams|case_keys)/);
  });

  it('looks up what a batch needs through the keys, never a scan', async () => {
    const plan = await planUnderTheLock(lookupStatement(tables, streams, [randomUUID(), randomUUID()], alongside));

    expect(plan).not.toMatch(/Seq Scan on (es_streams|es_events|case_keys)/);
  });

  it('compiles no statement with JIT, though a scan the setting disables costs far above its threshold', async () => {
    await client.query('BEGIN');
    try {
      await client.query(lockStatement(tables));
      // No index on `wrapped`: the only plan is a scan, costed ~10^10 under the lock.
      const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(
        "EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM case_keys WHERE wrapped = 'k'",
      );
      const { rows: settings } = await client.query<{ jit: string }>('SHOW jit');

      expect(settings[0]?.jit).toBe('off');
      expect(JSON.stringify(rows[0]?.['QUERY PLAN'])).not.toContain('"JIT"');
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('leaves sequential scans and JIT as they were once the batch ends', async () => {
    const before = await client.query<{ jit: string }>('SHOW jit');
    await planUnderTheLock('SELECT 1');
    const { rows } = await client.query<{ enable_seqscan: string }>('SHOW enable_seqscan');
    const after = await client.query<{ jit: string }>('SHOW jit');

    expect(rows[0]?.enable_seqscan).toBe('on');
    expect(after.rows[0]?.jit).toBe(before.rows[0]?.jit);
  });
});

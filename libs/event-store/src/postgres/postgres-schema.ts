import type { Pool } from 'pg';

/** Fully qualified, quoted names of the event store tables inside one schema. */
export interface EventStoreTables {
  schema: string;
  events: string;
  streams: string;
  head: string;
}

/** Channel that every append transaction notifies on commit; the payload is the new head position. */
export const APPENDED_CHANNEL = 'es_appended';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function eventStoreTables(schema = 'public'): EventStoreTables {
  // The schema name is interpolated into SQL, so only plain lower-case identifiers are accepted.
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid event store schema name: ${JSON.stringify(schema)}`);
  const qualified = (table: string): string => `"${schema}"."${table}"`;
  return { schema, events: qualified('es_events'), streams: qualified('es_streams'), head: qualified('es_head') };
}

/**
 * Creates the schema, the three tables and the head row if they are missing. Idempotent, and safe
 * when several processes start at once: concurrent `CREATE TABLE IF NOT EXISTS` can still collide
 * in the catalog, so the whole migration runs under a transaction-scoped advisory lock.
 */
export async function migrate(pool: Pool, tables: EventStoreTables): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('passerelle.event_store.migrate'))`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${tables.schema}"`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${tables.events} (
        global_position bigint PRIMARY KEY,
        event_id uuid UNIQUE NOT NULL,
        stream_name text NOT NULL,
        stream_revision bigint NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (stream_name, stream_revision)
      )`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${tables.streams} (
        stream_name text PRIMARY KEY,
        revision bigint NOT NULL
      )`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${tables.head} (
        id int PRIMARY KEY CHECK (id = 1),
        position bigint NOT NULL
      )`);
    // -1 = empty store, so the first event gets position 0 (the port's "-1n when empty").
    await client.query(`INSERT INTO ${tables.head} (id, position) VALUES (1, -1) ON CONFLICT (id) DO NOTHING`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

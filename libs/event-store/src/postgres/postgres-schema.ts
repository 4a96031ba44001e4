import type { MigrationSet } from '@passerelle/migrations';

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
 * The event store's numbered migrations (docs/adr/0006-one-schema-mechanism.md), for the schema
 * the store lives in. 0001 is idempotent so that a database made before migrations were recorded
 * upgrades cleanly.
 */
export const EVENT_STORE_MIGRATIONS: MigrationSet = {
  module: 'event-store',
  migrations: [
    {
      id: '0001',
      name: 'create-es-events-streams-head',
      up: (schema) => {
        const tables = eventStoreTables(schema);
        return [
          `CREATE TABLE IF NOT EXISTS ${tables.events} (
            global_position bigint PRIMARY KEY,
            event_id uuid UNIQUE NOT NULL,
            stream_name text NOT NULL,
            stream_revision bigint NOT NULL,
            type text NOT NULL,
            data jsonb NOT NULL,
            metadata jsonb NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (stream_name, stream_revision)
          )`,
          `CREATE TABLE IF NOT EXISTS ${tables.streams} (
            stream_name text PRIMARY KEY,
            revision bigint NOT NULL
          )`,
          `CREATE TABLE IF NOT EXISTS ${tables.head} (
            id int PRIMARY KEY CHECK (id = 1),
            position bigint NOT NULL
          )`,
          // -1 = empty store, so the first event gets position 0 (the port's "-1n when empty").
          `INSERT INTO ${tables.head} (id, position) VALUES (1, -1) ON CONFLICT (id) DO NOTHING`,
        ];
      },
    },
    {
      id: '0002',
      name: 'es-head-store-id',
      // The store's identity (EventStore.identity): made once, here, for the head row that already
      // exists; a copy or a restore of the database keeps it, another database gets its own.
      up: (schema) =>
        `ALTER TABLE ${eventStoreTables(schema).head} ADD COLUMN IF NOT EXISTS store_id uuid NOT NULL DEFAULT gen_random_uuid()`,
    },
  ],
};

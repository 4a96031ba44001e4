import type { MigrationSet } from '@passerelle/migrations';

/** Who did what (docs/adr/0006-one-schema-mechanism.md); idempotent, as a rebuild runs it again in a shadow schema. */
export const ACTIVITY_MIGRATIONS: MigrationSet = {
  module: 'activity',
  migrations: [
    {
      id: '0001',
      name: 'create-activity-events',
      up: () => [
        `CREATE TABLE IF NOT EXISTS activity_events (
           global_position bigint PRIMARY KEY,
           organisation_id text NOT NULL,
           person_id       text NULL,
           key_id          text NULL,
           event_type      text NOT NULL,
           stream_name     text NOT NULL,
           occurred_at     timestamptz NOT NULL
         )`,
        'CREATE INDEX IF NOT EXISTS activity_events_person_idx ON activity_events (organisation_id, person_id, global_position DESC) WHERE person_id IS NOT NULL',
        'CREATE INDEX IF NOT EXISTS activity_events_key_idx ON activity_events (organisation_id, key_id, global_position DESC) WHERE key_id IS NOT NULL',
      ],
    },
  ],
};

import type { MigrationSet } from '@passerelle/migrations';

/** The directory read model, numbered (docs/adr/0006-one-schema-mechanism.md); idempotent, as a rebuild runs it again in a shadow schema. */
export const DIRECTORY_MIGRATIONS: MigrationSet = {
  module: 'directory',
  migrations: [
    {
      id: '0001',
      name: 'create-directory-organisations',
      up: () => `
      CREATE TABLE IF NOT EXISTS directory_organisations (
        organisation_id text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        department text NOT NULL,
        services text[] NOT NULL,
        capacity jsonb NOT NULL DEFAULT '{}'::jsonb,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_position bigint NOT NULL
      )`,
    },
    {
      id: '0002',
      name: 'add-directory-contact',
      up: () => 'ALTER TABLE directory_organisations ADD COLUMN IF NOT EXISTS contact jsonb NULL',
    },
  ],
};

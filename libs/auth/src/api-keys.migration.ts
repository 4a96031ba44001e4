import type { MigrationSet } from '@passerelle/migrations';

/** The API keys table (docs/adr/0006-one-schema-mechanism.md); 0001 is idempotent so that an older database upgrades cleanly. */
export const AUTH_MIGRATIONS: MigrationSet = {
  module: 'auth',
  migrations: [
    {
      id: '0001',
      name: 'create-api-keys',
      up: () => `
        CREATE TABLE IF NOT EXISTS api_keys (
          key_id text PRIMARY KEY,
          organisation_id text NOT NULL,
          role text NOT NULL,
          key_hash bytea NOT NULL UNIQUE,
          created_at timestamptz NOT NULL DEFAULT now(),
          revoked_at timestamptz
        )`,
    },
  ],
};

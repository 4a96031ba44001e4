import type { MigrationSet } from '@passerelle/migrations';

/** The remembered answers of Idempotency-Key (docs/adr/0006-one-schema-mechanism.md); 0001 is idempotent so that an older database upgrades cleanly. */
export const IDEMPOTENCY_MIGRATIONS: MigrationSet = {
  module: 'idempotency',
  migrations: [
    {
      id: '0001',
      name: 'create-idempotency-records',
      up: () => `
        CREATE TABLE IF NOT EXISTS idempotency_records (
          key_id text NOT NULL,
          idempotency_key text NOT NULL,
          request_hash text NOT NULL,
          status_code int,
          response jsonb,
          created_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (key_id, idempotency_key)
        )`,
    },
  ],
};

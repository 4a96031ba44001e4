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
    {
      id: '0002',
      name: 'hash-idempotency-keys-and-expire-records',
      // The records kept so far hold keys and whole answers in clear, for ever: they go (a retry in
      // flight during the upgrade then runs as a new request). From now on, a key's hash only, and an
      // index for the purge of records past PASSERELLE_IDEMPOTENCY_TTL.
      up: () => [
        'DELETE FROM idempotency_records',
        'ALTER TABLE idempotency_records RENAME COLUMN idempotency_key TO key_hash',
        'CREATE INDEX IF NOT EXISTS idempotency_records_created_idx ON idempotency_records (created_at)',
      ],
    },
  ],
};

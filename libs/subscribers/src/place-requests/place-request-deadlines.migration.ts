import type { MigrationSet } from '@passerelle/migrations';

/**
 * The place-request process manager's own table (docs/adr/0012-place-requests.md): one row per
 * open request with a deadline, written in the transaction that moves its checkpoint, read by the
 * expiry scheduler. Numbered (docs/adr/0006-one-schema-mechanism.md).
 */
export const PLACE_REQUEST_PROCESS_MIGRATIONS: MigrationSet = {
  module: 'place-request-process',
  migrations: [
    {
      id: '0001',
      name: 'create-place-request-deadlines',
      up: () => [
        `CREATE TABLE IF NOT EXISTS place_request_deadlines (
          place_request_id uuid PRIMARY KEY,
          respond_by timestamptz NOT NULL
        )`,
        'CREATE INDEX IF NOT EXISTS place_request_deadlines_due_idx ON place_request_deadlines (respond_by)',
      ],
    },
  ],
};

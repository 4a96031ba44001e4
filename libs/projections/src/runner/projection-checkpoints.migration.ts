import type { MigrationSet } from '@passerelle/migrations';

/**
 * The projection runner's checkpoints: one row per subscriber, written in the same transaction as
 * that subscriber's rows, with the identity of the store its position was taken on. Only the
 * runner's checkpoint store (checkpoint-store.ts) and commit (commit-batch.ts) write it.
 */
export const PROJECTION_RUNNER_MIGRATIONS: MigrationSet = {
  module: 'projection-runner',
  migrations: [
    {
      id: '0001',
      name: 'create-projection-checkpoints',
      up: () => `
      CREATE TABLE IF NOT EXISTS projection_checkpoints (
        name text PRIMARY KEY,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    },
    {
      id: '0002',
      name: 'projection-checkpoints-store-id',
      // The identity of the event store a checkpoint's position belongs to (EventStore.identity);
      // NULL for rows written before, which the runner adopts for the store it starts on.
      up: () => 'ALTER TABLE projection_checkpoints ADD COLUMN IF NOT EXISTS store_id text',
    },
  ],
};

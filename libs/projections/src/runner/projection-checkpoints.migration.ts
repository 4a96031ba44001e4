import type { MigrationSet } from '@passerelle/migrations';

/**
 * The projection runner's checkpoints: one row per subscriber, written in the same transaction as
 * that subscriber's rows. Only the runner's checkpoint store (checkpoint-store.ts) writes it.
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
  ],
};

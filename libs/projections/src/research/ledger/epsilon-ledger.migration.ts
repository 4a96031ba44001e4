import type { MigrationSet } from '@passerelle/migrations';

/**
 * Every ε a researcher spent, with the query it paid for (dimensions and filters: nothing about a
 * person). A module of its own: a rebuild of the research read model must never touch it.
 */
export const RESEARCH_LEDGER_MIGRATIONS: MigrationSet = {
  module: 'research-ledger',
  migrations: [
    {
      id: '0001',
      name: 'create-research-epsilon-ledger',
      up: () => [
        `
      CREATE TABLE IF NOT EXISTS research_epsilon_ledger (
        id bigserial PRIMARY KEY,
        key_id text NOT NULL,
        organisation_id text NOT NULL,
        epsilon numeric(12, 6) NOT NULL CHECK (epsilon > 0),
        query jsonb NOT NULL,
        spent_at timestamptz NOT NULL DEFAULT now()
      )`,
        'CREATE INDEX IF NOT EXISTS research_epsilon_ledger_key_idx ON research_epsilon_ledger (key_id)',
      ],
    },
  ],
};

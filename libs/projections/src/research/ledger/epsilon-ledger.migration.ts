import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every ε a researcher spent, with the query it paid for (dimensions and filters: nothing about a person). */
export class ResearchLedger1767225600042 implements MigrationInterface {
  readonly name = 'ResearchLedger1767225600042';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE IF NOT EXISTS research_epsilon_ledger (
        id bigserial PRIMARY KEY,
        key_id text NOT NULL,
        organisation_id text NOT NULL,
        epsilon numeric(12, 6) NOT NULL CHECK (epsilon > 0),
        query jsonb NOT NULL,
        spent_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX IF NOT EXISTS research_epsilon_ledger_key_idx ON research_epsilon_ledger (key_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS research_epsilon_ledger');
  }
}

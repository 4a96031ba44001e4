import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LINKABLE, personsOf } from './coordination-persons';

/** One row per linkable woman for the gaps view (coordination-persons.ts), backfilled from the cases. Idempotent. */
export class CoordinationPersons1767225600044 implements MigrationInterface {
  readonly name = 'CoordinationPersons1767225600044';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE IF NOT EXISTS coordination_persons (
        linkage_key text PRIMARY KEY,
        department text NOT NULL,
        first_at timestamptz NOT NULL,
        ngo_at timestamptz NULL,
        authority_at timestamptz NULL,
        indicators text[] NOT NULL,
        linkable_until timestamptz NOT NULL
      )`);
    await runner.query('CREATE INDEX IF NOT EXISTS coordination_persons_until_idx ON coordination_persons (linkable_until)');
    await runner.query(`INSERT INTO coordination_persons (linkage_key, department, first_at, ngo_at, authority_at, indicators, linkable_until)
      ${personsOf(LINKABLE)} ON CONFLICT (linkage_key) DO NOTHING`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS coordination_persons');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REFRESH_SUMMARIES } from './coordination-summary';

/**
 * Per-case funnel summary (first referral, ever accepted, service provided), so that the funnel
 * reads one row per case instead of joining every referral. Backfilled from the referrals already
 * projected; idempotent.
 */
export class CoordinationCaseSummary1767225600043 implements MigrationInterface {
  readonly name = 'CoordinationCaseSummary1767225600043';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE coordination_cases
        ADD COLUMN IF NOT EXISTS first_referred_at timestamptz NULL,
        ADD COLUMN IF NOT EXISTS ever_accepted boolean NOT NULL DEFAULT false,
        ADD COLUMN IF NOT EXISTS service_provided boolean NOT NULL DEFAULT false`);
    await runner.query(REFRESH_SUMMARIES('SELECT case_id FROM coordination_referrals'));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE coordination_cases DROP COLUMN IF EXISTS first_referred_at, DROP COLUMN IF EXISTS ever_accepted, DROP COLUMN IF EXISTS service_provided');
  }
}

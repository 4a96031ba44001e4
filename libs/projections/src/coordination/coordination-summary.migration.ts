import type { Migration } from '@passerelle/migrations';
import { REFRESH_SUMMARIES } from './coordination-summary';

/**
 * Per-case funnel summary (first referral, ever accepted, service provided), so that the funnel
 * reads one row per case instead of joining every referral. Backfilled from the referrals already
 * projected; idempotent.
 */
export const COORDINATION_SUMMARY_MIGRATION: Migration = {
  id: '0002',
  name: 'add-coordination-case-summary',
  up: () => [
    `
      ALTER TABLE coordination_cases
        ADD COLUMN IF NOT EXISTS first_referred_at timestamptz NULL,
        ADD COLUMN IF NOT EXISTS ever_accepted boolean NOT NULL DEFAULT false,
        ADD COLUMN IF NOT EXISTS service_provided boolean NOT NULL DEFAULT false`,
    REFRESH_SUMMARIES('SELECT case_id FROM coordination_referrals'),
  ],
};

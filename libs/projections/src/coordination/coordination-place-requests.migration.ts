import type { Migration } from '@passerelle/migrations';
import { DECLINE_REASONS } from '@passerelle/domain';

/**
 * Place requests in the coordination read model (coordination-place-requests.ts): their rows, the
 * referral's request, their summary cells and the index that reads an exact time to place at a
 * given rank. Idempotent; nothing to backfill (place requests arrive with this migration).
 */
export const COORDINATION_PLACE_REQUESTS_MIGRATION: Migration = {
  id: '0006',
  name: 'create-coordination-place-requests',
  up: () => [
    'ALTER TABLE coordination_referrals ADD COLUMN IF NOT EXISTS place_request_id uuid NULL',
    'CREATE INDEX IF NOT EXISTS coordination_referrals_place_request_idx ON coordination_referrals (place_request_id) WHERE place_request_id IS NOT NULL',
    `CREATE TABLE IF NOT EXISTS coordination_place_requests (
       place_request_id uuid PRIMARY KEY,
       case_id uuid NOT NULL,
       from_org text NOT NULL,
       service text NOT NULL,
       urgency text NOT NULL,
       department text NOT NULL,
       status text NOT NULL,
       recipients integer NOT NULL,
       made_at timestamptz NOT NULL,
       placed_at timestamptz NULL,
       expired_at timestamptz NULL,
       cancelled_at timestamptz NULL,
       round integer NULL,
       made_position bigint NOT NULL,
       last_position bigint NOT NULL
     )`,
    'CREATE INDEX IF NOT EXISTS coordination_place_requests_case_idx ON coordination_place_requests (case_id)',
    `CREATE INDEX IF NOT EXISTS coordination_place_requests_to_place_idx
       ON coordination_place_requests (department, service, (placed_at - made_at)) WHERE placed_at IS NOT NULL`,
    `CREATE INDEX IF NOT EXISTS coordination_place_requests_all_to_place_idx
       ON coordination_place_requests ((placed_at - made_at)) WHERE placed_at IS NOT NULL`,
    `CREATE TABLE IF NOT EXISTS coordination_place_request_cells (
       month date NOT NULL, department text NOT NULL, service text NOT NULL, status text NOT NULL,
       requests integer NOT NULL, recipients integer NOT NULL,
       first_rounds integer NOT NULL, second_rounds integer NOT NULL, later_rounds integer NOT NULL,
       ${DECLINE_REASONS.map((reason) => `declines_${reason} integer NOT NULL`).join(', ')},
       PRIMARY KEY (month, department, service, status)
     )`,
    `CREATE TABLE IF NOT EXISTS coordination_place_delay_cells (
       month date NOT NULL, department text NOT NULL, service text NOT NULL, bucket bigint NOT NULL, count integer NOT NULL,
       PRIMARY KEY (month, department, service, bucket)
     )`,
  ],
};

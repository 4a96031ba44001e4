import type { MigrationSet } from '@passerelle/migrations';

/**
 * The inbox read model (see inbox-referral.entity.ts and inbox-case.entity.ts for the meaning of
 * each column), numbered (docs/adr/0006-one-schema-mechanism.md). Idempotent: `projections rebuild`
 * runs it again in a shadow schema, and a database made before migrations were recorded upgrades.
 */
export const INBOX_MIGRATIONS: MigrationSet = {
  module: 'inbox',
  migrations: [
    {
      id: '0001',
      name: 'create-inbox-referrals-and-cases',
      up: () => [
        `
      CREATE TABLE IF NOT EXISTS inbox_referrals (
        referral_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        from_org text NOT NULL,
        to_org text NOT NULL,
        service text NOT NULL,
        urgency text NOT NULL,
        status text NOT NULL CHECK (status IN ('referred', 'accepted', 'declined', 'withdrawn', 'closed')),
        shared_categories text[] NOT NULL,
        message_sealed text NULL,
        respond_by timestamptz NULL,
        decline_reason text NULL,
        outcome text NULL,
        created_position bigint NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_position bigint NOT NULL
      )`,
        'CREATE INDEX IF NOT EXISTS inbox_referrals_received_idx ON inbox_referrals (to_org, created_position DESC)',
        'CREATE INDEX IF NOT EXISTS inbox_referrals_sent_idx ON inbox_referrals (from_org, created_position DESC)',
        `
      CREATE TABLE IF NOT EXISTS inbox_cases (
        case_id uuid PRIMARY KEY,
        holder text NOT NULL,
        holder_kind text NOT NULL,
        level text NOT NULL,
        indicators text[] NOT NULL,
        department text NOT NULL,
        age_band text NOT NULL,
        safety jsonb NOT NULL,
        personal_sealed jsonb NULL,
        consents jsonb NOT NULL DEFAULT '[]'::jsonb,
        erased boolean NOT NULL DEFAULT false,
        identified_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_position bigint NOT NULL
      )`,
      ],
    },
    {
      id: '0002',
      name: 'place-requests',
      up: () => [
        `ALTER TABLE inbox_referrals
           ADD COLUMN IF NOT EXISTS withdrawal_reason text NULL,
           ADD COLUMN IF NOT EXISTS place_request_id uuid NULL,
           ADD COLUMN IF NOT EXISTS other_recipients integer NULL`,
        `
      CREATE TABLE IF NOT EXISTS inbox_place_requests (
        place_request_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        from_org text NOT NULL,
        service text NOT NULL,
        urgency text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'placed', 'expired', 'cancelled')),
        recipients integer NOT NULL,
        respond_by timestamptz NULL,
        placed_referral_id uuid NULL,
        placed_by text NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_position bigint NOT NULL
      )`,
      ],
    },
  ],
};

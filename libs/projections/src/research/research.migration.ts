import type { MigrationSet } from '@passerelle/migrations';

/**
 * The research read model: generalised rows only (see research-*.entity.ts), numbered
 * (docs/adr/0006-one-schema-mechanism.md). Idempotent, as a rebuild runs it again in a shadow schema.
 */
export const RESEARCH_READ_MODEL_MIGRATIONS: MigrationSet = {
  module: 'research',
  migrations: [
    {
      id: '0001',
      name: 'create-research-cases-referrals-organisations',
      up: () => [
        `
      CREATE TABLE IF NOT EXISTS research_cases (
        case_id uuid PRIMARY KEY,
        month text NOT NULL,
        region text NOT NULL,
        organisation_kind text NOT NULL,
        indicator_set text NOT NULL,
        age_band text NOT NULL,
        research_consents jsonb NOT NULL DEFAULT '[]'::jsonb,
        research_until timestamptz NULL,
        last_position bigint NOT NULL
      )`,
        'CREATE INDEX IF NOT EXISTS research_cases_month_idx ON research_cases (month) WHERE research_until IS NOT NULL',
        `
      CREATE TABLE IF NOT EXISTS research_referrals (
        referral_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        month text NOT NULL,
        service text NOT NULL,
        receiver text NOT NULL,
        outcome text NOT NULL,
        made_on text NOT NULL,
        response_days int NULL,
        delay_band text NOT NULL,
        last_position bigint NOT NULL
      )`,
        'CREATE INDEX IF NOT EXISTS research_referrals_month_idx ON research_referrals (month, case_id)',
        `
      CREATE TABLE IF NOT EXISTS research_organisations (
        organisation_id text PRIMARY KEY,
        kind text NOT NULL
      )`,
      ],
    },
  ],
};

import type { Migration, MigrationSet } from '@passerelle/migrations';
import { COORDINATION_CELLS_MIGRATION } from './coordination-cells.migration';
import { COORDINATION_PERSONS_MIGRATION } from './coordination-persons.migration';
import { COORDINATION_PLACE_REQUESTS_MIGRATION } from './coordination-place-requests.migration';
import { COORDINATION_SUMMARY_MIGRATION } from './coordination-summary.migration';

/**
 * The coordination read model (see the three coordination-*.entity.ts for each column's meaning).
 * Idempotent: `projections rebuild` runs it again inside a shadow schema, and a database made
 * before migrations were recorded upgrades cleanly.
 */
const COORDINATION_TABLES_MIGRATION: Migration = {
  id: '0001',
  name: 'create-coordination-cases-referrals-organisations',
  up: () => [
    `
      CREATE TABLE IF NOT EXISTS coordination_cases (
        case_id uuid PRIMARY KEY,
        identified_by text NOT NULL,
        identifier_kind text NOT NULL,
        level text NOT NULL,
        indicators text[] NOT NULL,
        department text NOT NULL,
        identified_at timestamptz NOT NULL,
        linkage_key text NULL,
        coordination_consents jsonb NOT NULL DEFAULT '[]'::jsonb,
        coordination_until timestamptz NULL,
        erased boolean NOT NULL DEFAULT false,
        last_position bigint NOT NULL
      )`,
    'CREATE INDEX IF NOT EXISTS coordination_cases_identified_idx ON coordination_cases (identified_at)',
    'CREATE INDEX IF NOT EXISTS coordination_cases_linkage_idx ON coordination_cases (linkage_key) WHERE linkage_key IS NOT NULL',
    `
      CREATE TABLE IF NOT EXISTS coordination_referrals (
        referral_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        from_org text NOT NULL,
        to_org text NOT NULL,
        service text NOT NULL,
        urgency text NOT NULL,
        status text NOT NULL,
        made_at timestamptz NOT NULL,
        respond_by timestamptz NULL,
        accepted_at timestamptz NULL,
        declined_at timestamptz NULL,
        withdrawn_at timestamptz NULL,
        closed_at timestamptz NULL,
        decline_reason text NULL,
        outcome text NULL,
        last_position bigint NOT NULL
      )`,
    'CREATE INDEX IF NOT EXISTS coordination_referrals_case_idx ON coordination_referrals (case_id)',
    'CREATE INDEX IF NOT EXISTS coordination_referrals_receiver_idx ON coordination_referrals (to_org, service, status)',
    `
      CREATE TABLE IF NOT EXISTS coordination_organisations (
        organisation_id text PRIMARY KEY,
        kind text NOT NULL,
        department text NOT NULL,
        services text[] NOT NULL,
        capacity jsonb NOT NULL DEFAULT '{}'::jsonb,
        last_position bigint NOT NULL
      )`,
  ],
};

/**
 * The view keeps her linkage key only while she consents to coordination
 * (docs/adr/0011-linkage-keys-outside-the-events.md): rows written before kept it for every
 * identification. No person row changes: those are built only from cases with such a consent.
 */
const COORDINATION_LINKAGE_ONLY_UNDER_CONSENT: Migration = {
  id: '0005',
  name: 'drop-linkage-keys-without-coordination-consent',
  up: () => "UPDATE coordination_cases SET linkage_key = NULL WHERE linkage_key IS NOT NULL AND coordination_consents = '[]'::jsonb",
};

/** The coordination tables, numbered (docs/adr/0006-one-schema-mechanism.md). */
export const COORDINATION_MIGRATIONS: MigrationSet = {
  module: 'coordination',
  migrations: [
    COORDINATION_TABLES_MIGRATION,
    COORDINATION_SUMMARY_MIGRATION,
    COORDINATION_PERSONS_MIGRATION,
    COORDINATION_CELLS_MIGRATION,
    COORDINATION_LINKAGE_ONLY_UNDER_CONSENT,
    COORDINATION_PLACE_REQUESTS_MIGRATION,
  ],
};

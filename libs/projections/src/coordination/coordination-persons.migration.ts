import type { Migration } from '@passerelle/migrations';
import { LINKABLE, personsOf } from './coordination-persons';

/** One row per linkable woman for the gaps view (coordination-persons.ts), backfilled from the cases. Idempotent. */
export const COORDINATION_PERSONS_MIGRATION: Migration = {
  id: '0003',
  name: 'create-coordination-persons',
  up: () => [
    `
      CREATE TABLE IF NOT EXISTS coordination_persons (
        linkage_key text PRIMARY KEY,
        department text NOT NULL,
        first_at timestamptz NOT NULL,
        ngo_at timestamptz NULL,
        authority_at timestamptz NULL,
        indicators text[] NOT NULL,
        linkable_until timestamptz NOT NULL
      )`,
    'CREATE INDEX IF NOT EXISTS coordination_persons_until_idx ON coordination_persons (linkable_until)',
    `INSERT INTO coordination_persons (linkage_key, department, first_at, ngo_at, authority_at, indicators, linkable_until)
      ${personsOf(LINKABLE)} ON CONFLICT (linkage_key) DO NOTHING`,
  ],
};

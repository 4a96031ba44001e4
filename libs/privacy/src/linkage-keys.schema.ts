import type { Migration } from '@passerelle/migrations';

/**
 * Her linkage key (linkage.ts), one row per case, outside the immutable event store
 * (docs/adr/0011-linkage-keys-outside-the-events.md): a pseudonym of her name and birth date is
 * still personal data, so erasure must be able to delete it. Erasure leaves a tombstone (no key,
 * `erased_at` set), so that nothing, not even an old event read again, can bring a key back.
 */
const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS privacy_linkage_keys (
    case_id     uuid PRIMARY KEY,
    linkage_key text NULL,
    erased_at   timestamptz NULL,
    CONSTRAINT privacy_linkage_keys_live_or_erased CHECK ((linkage_key IS NULL) = (erased_at IS NOT NULL))
  )`,
  // Women erased before this table existed: their tombstones, so that no old event brings their key back.
  `INSERT INTO privacy_linkage_keys (case_id, linkage_key, erased_at)
   SELECT case_id, NULL, destroyed_at FROM privacy_case_keys WHERE destroyed_at IS NOT NULL
   ON CONFLICT (case_id) DO NOTHING`,
];

export const LINKAGE_KEYS_MIGRATION: Migration = { id: '0004', name: 'create-privacy-linkage-keys', up: () => STATEMENTS };

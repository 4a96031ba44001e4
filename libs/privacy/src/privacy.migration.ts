import type { MigrationSet } from '@passerelle/migrations';
import { ACCESS_LOG_MIGRATION, ACCESS_LOG_TIME_ORDER_MIGRATION } from './access-log/access-log.schema';
import { CASE_KEYS_MIGRATION } from './keyring.schema';
import type { Migration } from '@passerelle/migrations';
import { LINKAGE_KEYS_MIGRATION } from './linkage-keys.schema';

/** Each read names the person who made it (null for a machine key): who opened her file, not only which organisation. */
const ACCESS_LOG_PERSON_MIGRATION: Migration = {
  id: '0005',
  name: 'access-log-person',
  up: () => [
    'ALTER TABLE privacy_access_log ADD COLUMN IF NOT EXISTS person_id text NULL',
    'CREATE INDEX IF NOT EXISTS privacy_access_log_person_idx ON privacy_access_log (organisation_id, person_id, id DESC) WHERE person_id IS NOT NULL',
    'CREATE INDEX IF NOT EXISTS privacy_access_log_key_idx ON privacy_access_log (organisation_id, key_id, id DESC) WHERE key_id IS NOT NULL',
  ],
};

/**
 * The privacy tables, numbered (docs/adr/0006-one-schema-mechanism.md): the case keys, then the
 * access log and its time-order index, the linkage keys, and the person who read.
 */
export const PRIVACY_MIGRATIONS: MigrationSet = {
  module: 'privacy',
  migrations: [
    CASE_KEYS_MIGRATION,
    ACCESS_LOG_MIGRATION,
    ACCESS_LOG_TIME_ORDER_MIGRATION,
    LINKAGE_KEYS_MIGRATION,
    ACCESS_LOG_PERSON_MIGRATION,
  ],
};

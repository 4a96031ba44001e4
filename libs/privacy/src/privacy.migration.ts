import type { MigrationSet } from '@passerelle/migrations';
import { ACCESS_LOG_MIGRATION, ACCESS_LOG_TIME_ORDER_MIGRATION } from './access-log/access-log.schema';
import { CASE_KEYS_MIGRATION } from './keyring.schema';
import { LINKAGE_KEYS_MIGRATION } from './linkage-keys.schema';

/** The privacy tables, numbered (docs/adr/0006-one-schema-mechanism.md): the case keys, then the access log and its time-order index, the linkage keys. */
export const PRIVACY_MIGRATIONS: MigrationSet = {
  module: 'privacy',
  migrations: [CASE_KEYS_MIGRATION, ACCESS_LOG_MIGRATION, ACCESS_LOG_TIME_ORDER_MIGRATION, LINKAGE_KEYS_MIGRATION],
};

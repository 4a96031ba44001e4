import type { Migration } from '@passerelle/migrations';

/**
 * Who opened which categories of which woman's file, when, with which key (GDPR art. 5(2) and 30:
 * the holder must be able to show who accessed her data). Ids and category names only: the log
 * itself must never become a copy of what it protects.
 *
 * Append-only for real: a trigger refuses UPDATE, DELETE and TRUNCATE, so a partner's key, a bug
 * or a careless script cannot rewrite who read what. Erasure keeps these rows on purpose: they say
 * nothing about her but that a case existed and was read, which is the accountability record.
 */
const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS privacy_access_log (
    id              bigserial PRIMARY KEY,
    case_id         uuid NOT NULL,
    organisation_id text NOT NULL,
    key_id          text NULL,
    via             text NOT NULL CHECK (via IN ('case', 'referral', 'inbox')),
    referral_id     uuid NULL,
    categories      text[] NOT NULL CHECK (cardinality(categories) > 0),
    read_at         timestamptz NOT NULL
  )`,
  'CREATE INDEX IF NOT EXISTS privacy_access_log_case_idx ON privacy_access_log (case_id, id DESC)',
  `CREATE OR REPLACE FUNCTION privacy_access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'privacy_access_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
   END $$`,
  `CREATE OR REPLACE TRIGGER privacy_access_log_no_change BEFORE UPDATE OR DELETE ON privacy_access_log
   FOR EACH ROW EXECUTE FUNCTION privacy_access_log_refuse_change()`,
  `CREATE OR REPLACE TRIGGER privacy_access_log_no_truncate BEFORE TRUNCATE ON privacy_access_log
   FOR EACH STATEMENT EXECUTE FUNCTION privacy_access_log_refuse_change()`,
];

/** Idempotent, so that a database made before migrations were recorded upgrades cleanly. */
export const ACCESS_LOG_MIGRATION: Migration = { id: '0002', name: 'create-privacy-access-log', up: () => STATEMENTS };

/** Time order: the list reads a case's entries by (read_at, id), newest first, so the index does too. */
export const ACCESS_LOG_TIME_ORDER_MIGRATION: Migration = {
  id: '0003',
  name: 'index-privacy-access-log-by-time',
  up: () => [
    'CREATE INDEX IF NOT EXISTS privacy_access_log_case_time_idx ON privacy_access_log (case_id, read_at DESC, id DESC)',
    'DROP INDEX IF EXISTS privacy_access_log_case_idx',
  ],
};

import type { Migration } from '@passerelle/migrations';
import type { Pool, PoolClient } from 'pg';
import { GroupInsert } from './group-insert';

export type Queryable = Pool | PoolClient;

/** A row of the key table; wrapped_key and master_key_id are NULL once the key is destroyed. */
export interface CaseKeyRow {
  case_id: string;
  wrapped_key: Buffer | null;
  master_key_id: string | null;
  created_at: Date;
  destroyed_at: Date | null;
}

/**
 * Lives outside the event stream on purpose: events are immutable and replicated, so erasing a
 * person must not need to touch them. Destroying the row's key makes her sealed fields unreadable
 * everywhere at once (crypto-shredding); the tombstone row stops the case ever getting a new key.
 */
const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS privacy_case_keys (
  case_id       uuid PRIMARY KEY,
  wrapped_key   bytea NULL,
  master_key_id text NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  destroyed_at  timestamptz NULL,
  CONSTRAINT privacy_case_keys_live_or_shredded CHECK (
    (destroyed_at IS NULL AND wrapped_key IS NOT NULL AND master_key_id IS NOT NULL)
    OR (destroyed_at IS NOT NULL AND wrapped_key IS NULL AND master_key_id IS NULL)
  )
)`;

/** Idempotent, so that a database made before migrations were recorded upgrades cleanly. */
export const CASE_KEYS_MIGRATION: Migration = { id: '0001', name: 'create-privacy-case-keys', up: () => CREATE_TABLE };

const COLUMNS = 'case_id, wrapped_key, master_key_id, created_at, destroyed_at';

export async function selectCaseKey(db: Queryable, caseId: string): Promise<CaseKeyRow | null> {
  const result = await db.query<CaseKeyRow>(`SELECT ${COLUMNS} FROM privacy_case_keys WHERE case_id = $1`, [caseId]);
  return result.rows[0] ?? null;
}

/**
 * One atomic upsert, so a concurrent createDataKey cannot slip a live key in after the erasure:
 * a live row loses its key, a missing row becomes a tombstone, a tombstone is left as it was.
 * Returns true only when a live key was destroyed (a fresh tombstone has created_at = destroyed_at).
 */
export async function destroyCaseKey(db: Queryable, caseId: string): Promise<boolean> {
  const result = await db.query<{ destroyed_live_key: boolean }>(
    `INSERT INTO privacy_case_keys AS k (case_id, wrapped_key, master_key_id, created_at, destroyed_at)
     VALUES ($1, NULL, NULL, now(), now())
     ON CONFLICT (case_id) DO UPDATE SET wrapped_key = NULL, master_key_id = NULL, destroyed_at = now()
       WHERE k.destroyed_at IS NULL
     RETURNING k.created_at < k.destroyed_at AS destroyed_live_key`,
    [caseId],
  );
  return result.rows[0]?.destroyed_live_key === true;
}

/** Keyset page of live keys in case_id order, for rotation. */
export async function selectLiveKeysAfter(db: Queryable, afterCaseId: string | null, limit: number): Promise<CaseKeyRow[]> {
  const result = await db.query<CaseKeyRow>(
    `SELECT ${COLUMNS} FROM privacy_case_keys
     WHERE wrapped_key IS NOT NULL AND ($1::uuid IS NULL OR case_id > $1::uuid)
     ORDER BY case_id LIMIT $2`,
    [afterCaseId, limit],
  );
  return result.rows;
}

export async function updateWrappedKeys(db: Queryable, caseIds: string[], wrapped: Buffer[], masterKeyId: string): Promise<void> {
  if (caseIds.length === 0) return;
  await db.query(
    `UPDATE privacy_case_keys AS k SET wrapped_key = v.wrapped, master_key_id = $3
     FROM unnest($1::uuid[], $2::bytea[]) AS v(case_id, wrapped) WHERE k.case_id = v.case_id`,
    [caseIds, wrapped, masterKeyId],
  );
}

export interface NewCaseKey {
  caseId: string;
  wrapped: Buffer;
  masterKeyId: string;
}

/** New data keys, grouped: each caller gets the inserted row, or null when the case already had one (a retried identification, a tombstone). */
export const caseKeyInserts = (pool: Pool) =>
  new GroupInsert<NewCaseKey, CaseKeyRow | null>(async (keys) => {
    // ON CONFLICT DO NOTHING also settles two inserts of one case in the same batch: the first wins.
    // Prepared, as the linkage keys' insert (linkage-keys.ts): one per identification burst, planned once per connection.
    const { rows } = await pool.query<CaseKeyRow>({
      name: 'case-keys-insert',
      text: `INSERT INTO privacy_case_keys (case_id, wrapped_key, master_key_id)
       SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::text[])
       ON CONFLICT (case_id) DO NOTHING RETURNING case_id, wrapped_key, master_key_id, created_at, destroyed_at`,
      values: [keys.map((k) => k.caseId), keys.map((k) => k.wrapped), keys.map((k) => k.masterKeyId)],
    });
    const inserted = new Map(rows.map((row) => [row.case_id, row]));
    return keys.map((key) => {
      const row = inserted.get(key.caseId) ?? null;
      // Only the first of two pending inserts of one case gets the row; the other re-reads it.
      inserted.delete(key.caseId);
      return row;
    });
  });

import type { Pool } from 'pg';
import { normaliseCaseId } from './case-id';
import { GroupInsert } from './group-insert';
import type { KeyRow } from './keyring';

/** Runs SQL with positional parameters and returns the rows: a pg pool, or a projection's transaction. */
export type RunSql = (sql: string, parameters: unknown[]) => Promise<unknown[]>;

/** What the table says of a case: her key, none (erased, or never had one), or nothing recorded at all. */
export type LinkageLookup = { state: 'live'; linkageKey: string } | { state: 'erased' };

/**
 * The linkage keys of the cases, kept beside the case keys and deleted with them at erasure
 * (linkage-keys.schema.ts). Written by the identification no later than its event (in the same
 * transaction, `row`, where the event store can: docs/adr/0017-keys-in-the-append-transaction.md),
 * so a reader of that event finds the key already there.
 */
export class LinkageKeyStore {
  /** Identifications arriving together share one INSERT, as their data keys do (group-insert.ts). */
  private readonly inserts: GroupInsert<{ caseId: string; linkageKey: string }, void>;

  constructor(private readonly pool: Pool) {
    this.inserts = new GroupInsert(async (keys) => {
      await this.pool.query({
        name: 'linkage-keys-insert',
        text: `INSERT INTO privacy_linkage_keys (case_id, linkage_key) SELECT * FROM unnest($1::uuid[], $2::text[])
         ON CONFLICT (case_id) DO NOTHING`,
        values: [keys.map((k) => k.caseId), keys.map((k) => k.linkageKey)],
      });
      return keys.map(() => undefined);
    });
  }

  /** Idempotent: a retried identification writes the same key; a tombstone is never overwritten. */
  record(caseId: string, linkageKey: string): Promise<void> {
    return this.inserts.insert({ caseId, linkageKey });
  }

  /** Her key as a row the event store writes with her identification's event (AppendOptions.alongside). */
  static row(caseId: string, linkageKey: string): KeyRow {
    return { table: 'privacy_linkage_keys', key: 'case_id', values: { case_id: normaliseCaseId(caseId), linkage_key: linkageKey } };
  }

  /** Deletes her key for good, leaving a tombstone (also for a case that had none). True if a key was deleted. */
  async erase(caseId: string): Promise<boolean> {
    const result = await this.pool.query<{ had_key: boolean }>(
      `WITH before AS (SELECT linkage_key FROM privacy_linkage_keys WHERE case_id = $1)
       INSERT INTO privacy_linkage_keys AS k (case_id, linkage_key, erased_at) VALUES ($1, NULL, now())
       ON CONFLICT (case_id) DO UPDATE SET linkage_key = NULL, erased_at = now() WHERE k.erased_at IS NULL
       RETURNING (SELECT linkage_key IS NOT NULL FROM before) AS had_key`,
      [caseId],
    );
    return result.rows[0]?.had_key === true;
  }
}

/**
 * The table's word on each case, for a reader in its own transaction (the coordination projection):
 * a case absent from the map has no row at all.
 */
export async function lookUpLinkageKeys(sql: RunSql, caseIds: readonly string[]): Promise<Map<string, LinkageLookup>> {
  if (caseIds.length === 0) return new Map();
  const rows = (await sql('SELECT case_id, linkage_key FROM privacy_linkage_keys WHERE case_id = ANY ($1::uuid[])', [[...caseIds]])) as {
    case_id: string;
    linkage_key: string | null;
  }[];
  return new Map(
    rows.map((row): [string, LinkageLookup] => [
      row.case_id,
      row.linkage_key === null ? { state: 'erased' } : { state: 'live', linkageKey: row.linkage_key },
    ]),
  );
}

/**
 * Records keys of cases that have no row yet, in the caller's transaction: a recorded key or a
 * tombstone is never overwritten. The coordination projection adopts with it the keys still inside
 * PersonIdentified events written before docs/adr/0011-linkage-keys-outside-the-events.md; the
 * benchmarks seed keys with it.
 */
export async function insertLinkageKeys(sql: RunSql, keys: readonly { caseId: string; linkageKey: string }[]): Promise<void> {
  if (keys.length === 0) return;
  await sql(
    `INSERT INTO privacy_linkage_keys (case_id, linkage_key)
     SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT (case_id) DO NOTHING`,
    [keys.map((k) => k.caseId), keys.map((k) => k.linkageKey)],
  );
}

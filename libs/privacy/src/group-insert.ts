import type { Pool } from 'pg';
import type { CaseKeyRow } from './keyring.schema';

interface Pending<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

/** Most rows per statement, so a burst never grows into one huge insert. */
const MAX_PER_STATEMENT = 256;

/**
 * Group commit for inserts: the rows asked for while a statement runs share the next one (one
 * commit, one WAL flush) instead of one statement each. Each caller still waits for its own row's
 * commit, so a row is durable before the caller goes on. `write` answers one result per item, in order.
 */
export class GroupInsert<Item, Result> {
  private readonly queue: Pending<Item, Result>[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly write: (items: Item[]) => Promise<Result[]>) {}

  insert(item: Item): Promise<Result> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.writeBatch(this.queue.splice(0, MAX_PER_STATEMENT));
    } finally {
      this.draining = null;
    }
  }

  private async writeBatch(batch: Pending<Item, Result>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((pending) => pending.item));
      batch.forEach((pending, index) => pending.resolve(results[index] as Result));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
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
    const { rows } = await pool.query<CaseKeyRow>(
      `INSERT INTO privacy_case_keys (case_id, wrapped_key, master_key_id)
       SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::text[])
       ON CONFLICT (case_id) DO NOTHING RETURNING case_id, wrapped_key, master_key_id, created_at, destroyed_at`,
      [keys.map((k) => k.caseId), keys.map((k) => k.wrapped), keys.map((k) => k.masterKeyId)],
    );
    const inserted = new Map(rows.map((row) => [row.case_id, row]));
    return keys.map((key) => {
      const row = inserted.get(key.caseId) ?? null;
      // Only the first of two pending inserts of one case gets the row; the other re-reads it.
      inserted.delete(key.caseId);
      return row;
    });
  });

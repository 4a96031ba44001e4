import type { Pool } from 'pg';
import type { CaseKeyRow } from './keyring.schema';

interface PendingInsert {
  caseId: string;
  wrapped: Buffer;
  masterKeyId: string;
  resolve(row: CaseKeyRow | null): void;
  reject(error: unknown): void;
}

/** Most keys per statement, so a burst never grows into one huge insert. */
const MAX_PER_STATEMENT = 256;

/**
 * Group commit for new data keys: identifications arriving together share one INSERT (one commit,
 * one WAL flush) instead of one each. A key must be durable before any event sealed with it is
 * appended, so each caller still waits for its own row's commit.
 */
export class KeyInsertBatcher {
  private readonly queue: PendingInsert[] = [];
  private draining: Promise<void> | null = null;

  constructor(private readonly pool: Pool) {}

  /** The inserted row, or null when the case already had a row (a retried identification, a tombstone). */
  insert(caseId: string, wrapped: Buffer, masterKeyId: string): Promise<CaseKeyRow | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ caseId, wrapped, masterKeyId, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) await this.write(this.queue.splice(0, MAX_PER_STATEMENT));
    } finally {
      this.draining = null;
    }
  }

  private async write(batch: PendingInsert[]): Promise<void> {
    try {
      // ON CONFLICT DO NOTHING also settles two inserts of one case in the same batch: the first wins.
      const { rows } = await this.pool.query<CaseKeyRow>(
        `INSERT INTO privacy_case_keys (case_id, wrapped_key, master_key_id)
         SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::text[])
         ON CONFLICT (case_id) DO NOTHING RETURNING case_id, wrapped_key, master_key_id, created_at, destroyed_at`,
        [batch.map((p) => p.caseId), batch.map((p) => p.wrapped), batch.map((p) => p.masterKeyId)],
      );
      const inserted = new Map(rows.map((row) => [row.case_id, row]));
      for (const pending of batch) {
        const row = inserted.get(pending.caseId);
        // Only the first of two pending inserts of one case gets the row; the other re-reads it.
        inserted.delete(pending.caseId);
        pending.resolve(row ?? null);
      }
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}

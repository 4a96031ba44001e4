import type { Pool } from 'pg';

export type IdempotencyClaim =
  { outcome: 'claimed' } | { outcome: 'replay'; statusCode: number; body: unknown } | { outcome: 'mismatch' } | { outcome: 'in_progress' };

/** A claim still pending after this long belongs to a request that died; its retry may run again. */
const ABANDONED_AFTER_MS = 30_000;

/** Remembers the first answer to each (API key, Idempotency-Key) so that a retry returns it and writes nothing. */
export class IdempotencyStore {
  constructor(private readonly pool: Pool) {}

  async claim(keyId: string, idempotencyKey: string, requestHash: string): Promise<IdempotencyClaim> {
    const inserted = await this.pool.query(
      `INSERT INTO idempotency_records (key_id, idempotency_key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [keyId, idempotencyKey, requestHash],
    );
    if (inserted.rowCount === 1) return { outcome: 'claimed' };
    const { rows } = await this.pool.query<{ request_hash: string; status_code: number | null; response: unknown; age_ms: string }>(
      `SELECT request_hash, status_code, response, extract(epoch from now() - created_at) * 1000 AS age_ms
       FROM idempotency_records WHERE key_id = $1 AND idempotency_key = $2`,
      [keyId, idempotencyKey],
    );
    const row = rows[0];
    if (!row) return this.claim(keyId, idempotencyKey, requestHash);
    if (row.request_hash !== requestHash) return { outcome: 'mismatch' };
    if (row.status_code !== null) return { outcome: 'replay', statusCode: row.status_code, body: row.response };
    // numeric in PostgreSQL, so pg hands it over as a string
    if (Number(row.age_ms) < ABANDONED_AFTER_MS) return { outcome: 'in_progress' };
    const taken = await this.pool.query(
      `UPDATE idempotency_records SET created_at = now()
       WHERE key_id = $1 AND idempotency_key = $2 AND status_code IS NULL AND created_at < now() - interval '30 seconds'`,
      [keyId, idempotencyKey],
    );
    return taken.rowCount === 1 ? { outcome: 'claimed' } : { outcome: 'in_progress' };
  }

  async complete(keyId: string, idempotencyKey: string, statusCode: number, body: unknown): Promise<void> {
    await this.pool.query('UPDATE idempotency_records SET status_code = $3, response = $4 WHERE key_id = $1 AND idempotency_key = $2', [
      keyId,
      idempotencyKey,
      statusCode,
      JSON.stringify(body ?? null),
    ]);
  }

  /** A failed request wrote nothing, so its key is released and a corrected retry may run. */
  async release(keyId: string, idempotencyKey: string): Promise<void> {
    await this.pool.query('DELETE FROM idempotency_records WHERE key_id = $1 AND idempotency_key = $2 AND status_code IS NULL', [
      keyId,
      idempotencyKey,
    ]);
  }
}

import { hash } from 'node:crypto';
import type { Pool } from 'pg';

export type IdempotencyClaim =
  { outcome: 'claimed' } | { outcome: 'replay'; statusCode: number; body: unknown } | { outcome: 'mismatch' } | { outcome: 'in_progress' };

/** A claim still pending after this long belongs to a request that died; its retry may run again. */
const ABANDONED_AFTER_MS = 30_000;
/** PASSERELLE_IDEMPOTENCY_TTL's default: long enough for any client's retries, short enough to keep little. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** How often one process deletes the expired records (at most; on the way of a claim). */
const PURGE_EVERY_MS = 60_000;

export interface IdempotencyStoreOptions {
  /** How long a key is remembered (default 24 h): afterwards the same key runs as a new request. */
  ttlMs?: number;
  /** Clock of the purge throttle; tests inject one. */
  now?: () => number;
}

/**
 * What is stored of an Idempotency-Key: its SHA-256 with the API key's id, never the key itself,
 * which a client may have made of a name (`refer-awa-0001`).
 */
export const idempotencyKeyHash = (keyId: string, idempotencyKey: string): string =>
  hash('sha256', `${keyId}\u0000${idempotencyKey}`, 'hex');

/**
 * Remembers the first answer to each (API key, Idempotency-Key) so that a retry returns it and
 * writes nothing; for `ttlMs` only, and by the key's hash (docs/consent-and-privacy.md).
 * What is stored of the answer is the caller's to reduce (idempotency.guard.ts).
 */
export class IdempotencyStore {
  readonly ttlMs: number;
  readonly #now: () => number;
  #lastPurge = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly pool: Pool,
    options: IdempotencyStoreOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
    this.#now = options.now ?? Date.now;
  }

  async claim(keyId: string, idempotencyKey: string, requestHash: string): Promise<IdempotencyClaim> {
    await this.#purgeNowAndThen();
    const keyHash = idempotencyKeyHash(keyId, idempotencyKey);
    // A record past its time is taken over as if it were absent: the same key then runs as a new request.
    const inserted = await this.pool.query(
      `INSERT INTO idempotency_records AS r (key_id, key_hash, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (key_id, key_hash) DO UPDATE SET request_hash = EXCLUDED.request_hash, status_code = NULL, response = NULL, created_at = now()
         WHERE r.created_at < now() - make_interval(secs => $4 / 1000.0)
       RETURNING 1`,
      [keyId, keyHash, requestHash, this.ttlMs],
    );
    if (inserted.rowCount === 1) return { outcome: 'claimed' };
    const { rows } = await this.pool.query<{ request_hash: string; status_code: number | null; response: unknown; age_ms: string }>(
      `SELECT request_hash, status_code, response, extract(epoch from now() - created_at) * 1000 AS age_ms
       FROM idempotency_records WHERE key_id = $1 AND key_hash = $2`,
      [keyId, keyHash],
    );
    const row = rows[0];
    if (!row) return this.claim(keyId, idempotencyKey, requestHash);
    if (row.request_hash !== requestHash) return { outcome: 'mismatch' };
    if (row.status_code !== null) return { outcome: 'replay', statusCode: row.status_code, body: row.response };
    // numeric in PostgreSQL, so pg hands it over as a string
    if (Number(row.age_ms) < ABANDONED_AFTER_MS) return { outcome: 'in_progress' };
    const taken = await this.pool.query(
      `UPDATE idempotency_records SET created_at = now()
       WHERE key_id = $1 AND key_hash = $2 AND status_code IS NULL AND created_at < now() - interval '30 seconds'`,
      [keyId, keyHash],
    );
    return taken.rowCount === 1 ? { outcome: 'claimed' } : { outcome: 'in_progress' };
  }

  async complete(keyId: string, idempotencyKey: string, statusCode: number, body: unknown): Promise<void> {
    await this.pool.query('UPDATE idempotency_records SET status_code = $3, response = $4 WHERE key_id = $1 AND key_hash = $2', [
      keyId,
      idempotencyKeyHash(keyId, idempotencyKey),
      statusCode,
      JSON.stringify(body ?? null),
    ]);
  }

  /** A failed request wrote nothing, so its key is released and a corrected retry may run. */
  async release(keyId: string, idempotencyKey: string): Promise<void> {
    await this.pool.query('DELETE FROM idempotency_records WHERE key_id = $1 AND key_hash = $2 AND status_code IS NULL', [
      keyId,
      idempotencyKeyHash(keyId, idempotencyKey),
    ]);
  }

  /** Deletes every record past its time; returns how many. */
  async purgeExpired(): Promise<number> {
    const result = await this.pool.query('DELETE FROM idempotency_records WHERE created_at < now() - make_interval(secs => $1 / 1000.0)', [
      this.ttlMs,
    ]);
    return result.rowCount ?? 0;
  }

  /** Expired records go without a scheduler: a claim purges them at most once a minute per process. */
  async #purgeNowAndThen(): Promise<void> {
    const now = this.#now();
    if (now - this.#lastPurge < PURGE_EVERY_MS) return;
    this.#lastPurge = now;
    await this.purgeExpired();
  }
}

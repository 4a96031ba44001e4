import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import type { Role } from '@passerelle/domain';

/** The network's administrators' organisation: not in the directory, never a partner. */
export const NETWORK_ORGANISATION = 'passerelle';

export interface ApiKeyRecord {
  keyId: string;
  organisationId: string;
  role: Role;
}

/**
 * API keys are 256 random bits shown once; only their SHA-256 is stored. A fast hash is enough
 * because the secret has full entropy (no dictionary to try), and it keeps every request cheap.
 */
export class ApiKeyStore {
  private readonly cache = new Map<string, { record: ApiKeyRecord | null; at: number }>();
  private static readonly CACHE_MS = 30_000;

  constructor(private readonly pool: Pool) {}

  async issue(organisationId: string, role: Role): Promise<ApiKeyRecord & { key: string }> {
    const key = `psk_${randomBytes(32).toString('base64url')}`;
    const keyId = randomUUID();
    await this.pool.query('INSERT INTO api_keys (key_id, organisation_id, role, key_hash) VALUES ($1, $2, $3, $4)', [
      keyId,
      organisationId,
      role,
      hashKey(key),
    ]);
    return { keyId, organisationId, role, key };
  }

  /** Registers a key chosen by the operator (the bootstrap admin key); a no-op when it exists. */
  async ensure(key: string, organisationId: string, role: Role): Promise<ApiKeyRecord> {
    const existing = await this.verify(key);
    if (existing) return existing;
    const keyId = randomUUID();
    await this.pool.query(
      'INSERT INTO api_keys (key_id, organisation_id, role, key_hash) VALUES ($1, $2, $3, $4) ON CONFLICT (key_hash) DO NOTHING',
      [keyId, organisationId, role, hashKey(key)],
    );
    this.cache.delete(hashKey(key).toString('hex'));
    const stored = await this.verify(key);
    if (!stored) throw new Error('the API key just inserted cannot be read back');
    return stored;
  }

  /**
   * The operator's bootstrap admin key (PASSERELLE_BOOTSTRAP_ADMIN_KEY, or the embedded default's
   * generated one), issued under the network's own administrators' organisation.
   */
  ensureBootstrapAdmin(key: string): Promise<ApiKeyRecord> {
    return this.ensure(key, NETWORK_ORGANISATION, 'admin');
  }

  async verify(key: string): Promise<ApiKeyRecord | null> {
    if (!/^psk_[A-Za-z0-9_-]{20,200}$/.test(key)) return null;
    const hash = hashKey(key);
    const cacheKey = hash.toString('hex');
    const cached = this.cache.get(cacheKey);
    if (cached && Date.now() - cached.at < ApiKeyStore.CACHE_MS) return cached.record;
    const { rows } = await this.pool.query<{ key_id: string; organisation_id: string; role: Role; key_hash: Buffer }>(
      'SELECT key_id, organisation_id, role, key_hash FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    const row = rows[0];
    const record =
      row && timingSafeEqual(row.key_hash, hash) ? { keyId: row.key_id, organisationId: row.organisation_id, role: row.role } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(cacheKey, { record, at: Date.now() });
    return record;
  }
}

function hashKey(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

import { Logger } from '@nestjs/common';
import { hash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Pool } from 'pg';
import { inTransaction } from '@passerelle/database';
import { NETWORK_ORGANISATION, type KeyRole } from '@passerelle/domain';
import { CredentialCache, type AuthInvalidation } from './auth-invalidation';

export { NETWORK_ORGANISATION } from '@passerelle/domain';

export interface ApiKeyRecord {
  keyId: string;
  organisationId: string;
  role: KeyRole;
  /** ISO instant, or null for a key without expiry (the bootstrap key). */
  expiresAt?: string | null;
}

/** What an organisation's org_admins see of a key: never its secret, never its hash. */
export interface ApiKeyListing {
  id: string;
  label: string;
  role: KeyRole;
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface NewApiKey {
  keyId: string;
  organisationId: string;
  role: KeyRole;
  label: string;
  /** The person (or key) that issued it. */
  createdBy: string | null;
  expiresAt: string | null;
}

interface KeyRow {
  key_id: string;
  organisation_id: string;
  role: KeyRole;
  key_hash: Buffer;
  expires_at: Date | null;
}

const REVOKED_BOOTSTRAP =
  'PASSERELLE_BOOTSTRAP_ADMIN_KEY holds a revoked key: set the key printed by `npm run cli -- admin rotate-bootstrap-key` (or a new psk_ value)';

/** How often a key's lastUsedAt is written, at most, per process: a write per request would double the cost of every call. */
const LAST_USED_EVERY_MS = 60_000;

/**
 * API keys are 256 random bits shown once; only their SHA-256 is stored. A fast hash is enough
 * because the secret has full entropy (no dictionary to try), and it keeps every request cheap.
 *
 * A verified key is cached only while this process receives the `passerelle_auth` notifications
 * (auth-invalidation.ts): a revocation anywhere is refused here within the notification's delay,
 * well under a second; without notifications every call is checked in the database.
 */
export class ApiKeyStore {
  private readonly cache: CredentialCache<ApiKeyRecord | null>;
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly logger = new Logger('ApiKeyStore');

  constructor(
    private readonly pool: Pool,
    private readonly invalidation: AuthInvalidation | null = null,
  ) {
    this.cache = new CredentialCache(invalidation);
  }

  /** A new secret for a key whose issuance was decided (and recorded as an event) by the caller. */
  async insert(key: NewApiKey): Promise<string> {
    const secret = newSecret();
    await this.pool.query(
      `INSERT INTO api_keys (key_id, organisation_id, role, key_hash, label, created_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [key.keyId, key.organisationId, key.role, hashKey(secret), key.label, key.createdBy, key.expiresAt],
    );
    return secret;
  }

  /** Issues a key directly (tools and tests); the API goes through the organisation's decider and `insert`. */
  async issue(organisationId: string, role: KeyRole, label = ''): Promise<ApiKeyRecord & { key: string }> {
    const keyId = randomUUID();
    const key = await this.insert({ keyId, organisationId, role, label, createdBy: null, expiresAt: null });
    return { keyId, organisationId, role, key };
  }

  /** The keys of an organisation, newest first, revoked ones included (their history matters to an org_admin). */
  async list(organisationId: string): Promise<ApiKeyListing[]> {
    const { rows } = await this.pool.query<{
      key_id: string;
      label: string;
      role: KeyRole;
      created_by: string | null;
      created_at: Date;
      last_used_at: Date | null;
      expires_at: Date | null;
      revoked_at: Date | null;
    }>(
      `SELECT key_id, label, role, created_by, created_at, last_used_at, expires_at, revoked_at
       FROM api_keys WHERE organisation_id = $1 ORDER BY created_at DESC, key_id`,
      [organisationId],
    );
    return rows.map((row) => ({
      id: row.key_id,
      label: row.label,
      role: row.role,
      createdBy: row.created_by,
      createdAt: row.created_at.toISOString(),
      lastUsedAt: row.last_used_at?.toISOString() ?? null,
      expiresAt: row.expires_at?.toISOString() ?? null,
      revokedAt: row.revoked_at?.toISOString() ?? null,
    }));
  }

  async exists(organisationId: string, keyId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('SELECT 1 FROM api_keys WHERE organisation_id = $1 AND key_id = $2', [
      organisationId,
      keyId,
    ]);
    return (rowCount ?? 0) > 0;
  }

  /** Revokes at once in this process; every other process hears of it through the table's trigger. */
  async revoke(organisationId: string, keyId: string): Promise<void> {
    await this.pool.query('UPDATE api_keys SET revoked_at = now() WHERE organisation_id = $1 AND key_id = $2 AND revoked_at IS NULL', [
      organisationId,
      keyId,
    ]);
    this.invalidation?.invalidate();
  }

  /**
   * The operator's bootstrap key (PASSERELLE_BOOTSTRAP_ADMIN_KEY, or the embedded default's generated
   * one): a network_admin key of the network's own organisation. Any other bootstrap key is revoked
   * in the same transaction: starting with a new value ends the previous one at once.
   */
  async ensureBootstrapAdmin(key: string): Promise<ApiKeyRecord> {
    const hash = hashKey(key);
    await inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ revoked: boolean }>(
        'SELECT revoked_at IS NOT NULL AS revoked FROM api_keys WHERE key_hash = $1',
        [hash],
      );
      // A revoked key never comes back, even from the environment: its holder may be the reason it was revoked.
      if (rows[0]?.revoked) throw new Error(REVOKED_BOOTSTRAP);
      await client.query('UPDATE api_keys SET revoked_at = now() WHERE bootstrap AND revoked_at IS NULL AND key_hash <> $1', [hash]);
      await client.query(
        `INSERT INTO api_keys (key_id, organisation_id, role, key_hash, label, bootstrap)
         VALUES ($1, $2, 'network_admin', $3, 'bootstrap', true) ON CONFLICT (key_hash) DO NOTHING`,
        [randomUUID(), NETWORK_ORGANISATION, hash],
      );
    });
    this.invalidation?.invalidate();
    const stored = await this.verify(key);
    if (!stored) throw new Error('the bootstrap key just stored cannot be read back');
    return stored;
  }

  /** Revokes every bootstrap key (`npm run cli -- admin rotate-bootstrap-key` then stores the new one). */
  async revokeBootstrapKeys(): Promise<number> {
    const { rowCount } = await this.pool.query('UPDATE api_keys SET revoked_at = now() WHERE bootstrap AND revoked_at IS NULL');
    this.invalidation?.invalidate();
    return rowCount ?? 0;
  }

  async verify(key: string): Promise<ApiKeyRecord | null> {
    if (!/^psk_[A-Za-z0-9_-]{20,200}$/.test(key)) return null;
    const hash = hashKey(key);
    const record = await this.cache.read(hash.toString('hex'), () => this.load(hash));
    // Expiry is checked on every call, cached or not: it needs no notification.
    if (!record || (record.expiresAt && Date.parse(record.expiresAt) <= Date.now())) return null;
    this.touch(record.keyId);
    return record;
  }

  private async load(hash: Buffer): Promise<ApiKeyRecord | null> {
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT key_id, organisation_id, role, key_hash, expires_at FROM api_keys
       WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [hash],
    );
    const row = rows[0];
    if (!row || !timingSafeEqual(row.key_hash, hash)) return null;
    return { keyId: row.key_id, organisationId: row.organisation_id, role: row.role, expiresAt: row.expires_at?.toISOString() ?? null };
  }

  /** lastUsedAt to the minute, written in the background: a failed write never fails the request. */
  private touch(keyId: string): void {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(keyId) ?? 0) < LAST_USED_EVERY_MS) return;
    if (this.lastUsedWritten.size > 10_000) this.lastUsedWritten.clear();
    this.lastUsedWritten.set(keyId, now);
    this.pool
      .query('UPDATE api_keys SET last_used_at = now() WHERE key_id = $1', [keyId])
      .catch((error: unknown) => this.logger.warn(`lastUsedAt not written: ${error instanceof Error ? error.message : String(error)}`));
  }
}

function newSecret(): string {
  return `psk_${randomBytes(32).toString('base64url')}`;
}

function hashKey(key: string): Buffer {
  return hash('sha256', key, 'buffer');
}

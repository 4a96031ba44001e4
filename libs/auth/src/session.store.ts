import { Logger } from '@nestjs/common';
import type { PersonRole } from '@passerelle/domain';
import { hash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { CredentialCache, type AuthInvalidation } from './auth-invalidation';

export interface SessionSettings {
  /** Signed out after this long without a request (15 minutes by default). */
  idleMs: number;
  /** Signed out this long after signing in, whatever happens (12 hours by default). */
  absoluteMs: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMs: 15 * 60_000, absoluteMs: 12 * 3600_000 };

export interface SessionRecord {
  sessionId: string;
  personId: string;
  organisationId: string;
  role: PersonRole;
  csrfToken: string;
  expiresAt: number;
  lastSeenAt: number;
}

export interface NewSession {
  /** The cookie's value: shown to the browser once, stored hashed. */
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
}

/** How often last_seen_at is written, at most, per session and process: idle time is measured to this precision. */
const TOUCH_EVERY_MS = 30_000;
const hashOf = (token: string) => hash('sha256', token, 'buffer');

/**
 * Server-side sessions in PostgreSQL: the browser holds a random token (HttpOnly cookie), the table
 * its hash, the person, a CSRF token and the two deadlines. A session is valid while it is not
 * revoked, her account is active, the absolute deadline has not passed and she was seen within the
 * idle timeout. Cached per process only while `passerelle_auth` notifications arrive
 * (auth-invalidation.ts): signing out, or removing her, is refused everywhere within a second.
 */
export class SessionStore {
  private readonly cache: CredentialCache<SessionRecord | null>;
  private readonly touched = new Map<string, number>();
  private readonly logger = new Logger('SessionStore');

  constructor(
    private readonly pool: Pool,
    private readonly invalidation: AuthInvalidation | null = null,
    readonly settings: SessionSettings = DEFAULT_SESSION_SETTINGS,
  ) {
    this.cache = new CredentialCache(invalidation);
  }

  async create(personId: string, now = new Date()): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const sessionId = randomUUID();
    const expiresAt = new Date(now.getTime() + this.settings.absoluteMs);
    await this.pool.query(
      `INSERT INTO auth_sessions (session_hash, session_id, person_id, csrf_token, created_at, last_seen_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $5, $6)`,
      [hashOf(token), sessionId, personId, csrfToken, now, expiresAt],
    );
    return { token, sessionId, csrfToken, expiresAt: expiresAt.toISOString() };
  }

  /** The live session a cookie names, or null; seen now (idle time starts again). */
  async authenticate(token: string): Promise<SessionRecord | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    const key = hashOf(token).toString('hex');
    let record = await this.cache.read(key, () => this.load(token));
    // Another process may have seen her since this one did: ask the table before calling her idle.
    if (record && this.idle(record)) {
      this.cache.delete(key);
      record = await this.load(token);
    }
    if (!record || this.idle(record) || record.expiresAt <= Date.now()) return null;
    record.lastSeenAt = Date.now();
    this.touch(record.sessionId);
    return record;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.pool.query('UPDATE auth_sessions SET revoked_at = now() WHERE session_id = $1 AND revoked_at IS NULL', [sessionId]);
    this.invalidation?.invalidate();
  }

  /** Sign out everywhere: every session of hers, on every device, in every process within a second. */
  async revokeAllFor(personId: string): Promise<number> {
    const { rowCount } = await this.pool.query('UPDATE auth_sessions SET revoked_at = now() WHERE person_id = $1 AND revoked_at IS NULL', [
      personId,
    ]);
    this.invalidation?.invalidate();
    return rowCount ?? 0;
  }

  private idle(record: SessionRecord): boolean {
    return Date.now() - record.lastSeenAt > this.settings.idleMs;
  }

  private async load(token: string): Promise<SessionRecord | null> {
    const { rows } = await this.pool.query<{
      session_id: string;
      person_id: string;
      organisation_id: string;
      role: PersonRole;
      csrf_token: string;
      expires_at: Date;
      last_seen_at: Date;
    }>(
      `SELECT s.session_id, s.person_id, p.organisation_id, p.role, s.csrf_token, s.expires_at, s.last_seen_at
       FROM auth_sessions s JOIN auth_people p USING (person_id)
       WHERE s.session_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND p.status = 'active'`,
      [hashOf(token)],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      sessionId: row.session_id,
      personId: row.person_id,
      organisationId: row.organisation_id,
      role: row.role,
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at.getTime(),
      lastSeenAt: row.last_seen_at.getTime(),
    };
  }

  private touch(sessionId: string): void {
    const now = Date.now();
    if (now - (this.touched.get(sessionId) ?? 0) < TOUCH_EVERY_MS) return;
    if (this.touched.size > 10_000) this.touched.clear();
    this.touched.set(sessionId, now);
    this.pool
      .query('UPDATE auth_sessions SET last_seen_at = now() WHERE session_id = $1', [sessionId])
      .catch((error: unknown) => this.logger.warn(`last_seen_at not written: ${error instanceof Error ? error.message : String(error)}`));
  }
}

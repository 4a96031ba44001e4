import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { authenticator } from 'otplib';
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { TotpBox } from './totp-box';

/** OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): about 30 ms here, slow enough for a stolen hash, cheap enough per sign-in. */
// 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot read).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** Verified against when the e-mail is unknown, so that an unknown address takes as long as a known one. */
let decoy: Promise<string> | null = null;
const decoyHash = () => (decoy ??= argon2Hash(randomBytes(16).toString('hex'), ARGON2));
/** One 30-s step either side of now: otplib's default window is 0, which refuses a code typed as it changes. */
const totpWindow = authenticator.clone({ window: 1 });

export interface StoredPasskey {
  credentialId: string;
  personId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
}

/**
 * What a person proves herself with: a passkey (WebAuthn), a password that never works without its
 * TOTP code, or an OpenID Connect identity (issuer + subject). Also the one-time ceremonies
 * (challenges) every process shares. Passwords are argon2id hashes; TOTP secrets are sealed.
 */
export class CredentialStore {
  constructor(
    private readonly pool: Pool,
    private readonly totp: TotpBox,
  ) {}

  /** A one-time ceremony's state, for `ttlMs`; its id goes to the browser. */
  async putChallenge(purpose: string, payload: Record<string, unknown>, ttlMs: number): Promise<string> {
    const id = randomBytes(24).toString('base64url');
    await this.pool.query(
      `INSERT INTO auth_challenges (challenge_id, purpose, payload, expires_at) VALUES ($1, $2, $3, now() + $4 * interval '1 millisecond')`,
      [id, purpose, JSON.stringify(payload), ttlMs],
    );
    // Expired ceremonies are swept as new ones start.
    await this.pool.query('DELETE FROM auth_challenges WHERE expires_at < now()');
    return id;
  }

  /** Takes a ceremony out, once: a replayed challenge, state or nonce finds nothing. */
  async takeChallenge<T>(id: string, purpose: string): Promise<T | null> {
    if (!/^[A-Za-z0-9_-]{10,100}$/.test(id)) return null;
    const { rows } = await this.pool.query<{ payload: T }>(
      'DELETE FROM auth_challenges WHERE challenge_id = $1 AND purpose = $2 AND expires_at > now() RETURNING payload',
      [id, purpose],
    );
    return rows[0]?.payload ?? null;
  }

  newTotpSecret(): string {
    return authenticator.generateSecret(20);
  }

  totpUri(email: string, secret: string): string {
    return authenticator.keyuri(email, 'Passerelle', secret);
  }

  /** True when `code` is the current (±30 s) code of `secret`. */
  totpMatches(secret: string, code: string): boolean {
    return /^\d{6}$/.test(code) && totpWindow.checkDelta(code, secret) !== null;
  }

  async setPassword(personId: string, password: string, totpSecret: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO auth_passwords (person_id, password_hash, totp_sealed) VALUES ($1, $2, $3)
       ON CONFLICT (person_id) DO UPDATE SET password_hash = EXCLUDED.password_hash, totp_sealed = EXCLUDED.totp_sealed, last_totp_step = NULL`,
      [personId, await argon2Hash(password, ARGON2), this.totp.seal(personId, totpSecret)],
    );
  }

  /**
   * Password and code together, or nothing. Each TOTP step is accepted once (a code seen on a
   * shoulder or in a proxy cannot be replayed). `personId` null (unknown e-mail) costs the same
   * argon2 verification and fails.
   */
  async verifyPasswordAndCode(personId: string | null, password: string, code: string): Promise<boolean> {
    const { rows } = personId
      ? await this.pool.query<{ password_hash: string; totp_sealed: Buffer; last_totp_step: string | null }>(
          'SELECT password_hash, totp_sealed, last_totp_step FROM auth_passwords WHERE person_id = $1',
          [personId],
        )
      : { rows: [] };
    const row = rows[0];
    const passwordOk = await argon2Verify(row?.password_hash ?? (await decoyHash()), password).catch(() => false);
    if (!row || !personId || !passwordOk || !/^\d{6}$/.test(code)) return false;
    const secret = this.totp.open(personId, row.totp_sealed);
    const delta = totpWindow.checkDelta(code, secret);
    if (delta === null) return false;
    const step = Math.floor(Date.now() / 30_000) + delta;
    const { rowCount } = await this.pool.query(
      'UPDATE auth_passwords SET last_totp_step = $2 WHERE person_id = $1 AND (last_totp_step IS NULL OR last_totp_step < $2)',
      [personId, step],
    );
    return (rowCount ?? 0) === 1;
  }

  async addPasskey(passkey: StoredPasskey): Promise<void> {
    await this.pool.query(
      'INSERT INTO auth_passkeys (credential_id, person_id, public_key, counter, transports) VALUES ($1, $2, $3, $4, $5)',
      [passkey.credentialId, passkey.personId, Buffer.from(passkey.publicKey), passkey.counter, passkey.transports],
    );
  }

  async passkey(credentialId: string): Promise<StoredPasskey | null> {
    const { rows } = await this.pool.query<{
      credential_id: string;
      person_id: string;
      public_key: Buffer;
      counter: string;
      transports: string[];
    }>('SELECT credential_id, person_id, public_key, counter, transports FROM auth_passkeys WHERE credential_id = $1', [credentialId]);
    const row = rows[0];
    return row
      ? {
          credentialId: row.credential_id,
          personId: row.person_id,
          publicKey: new Uint8Array(row.public_key),
          counter: Number(row.counter),
          transports: row.transports,
        }
      : null;
  }

  async passkeyUsed(credentialId: string, counter: number): Promise<void> {
    await this.pool.query('UPDATE auth_passkeys SET counter = $2, last_used_at = now() WHERE credential_id = $1', [credentialId, counter]);
  }

  async bindOidc(issuer: string, subject: string, personId: string): Promise<void> {
    await this.pool.query('INSERT INTO auth_oidc_identities (issuer, subject, person_id) VALUES ($1, $2, $3)', [issuer, subject, personId]);
  }

  async personForOidc(issuer: string, subject: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ person_id: string }>(
      'SELECT person_id FROM auth_oidc_identities WHERE issuer = $1 AND subject = $2',
      [issuer, subject],
    );
    return rows[0]?.person_id ?? null;
  }
}

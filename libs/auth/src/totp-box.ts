import { parseMasterKey, type MasterKey } from '@passerelle/privacy';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { PoolClient } from 'pg';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals TOTP secrets at rest (AES-256-GCM, key derived from the master key, bound to the person):
 * a copy of the database alone does not give anyone the second factor. `npm run cli -- keys
 * rotate-master` re-seals them in its transaction (resealTotpSecrets).
 */
export class TotpBox {
  readonly #key: Buffer;

  constructor(masterKey: string) {
    const material = parseMasterKey(masterKey).material();
    this.#key = Buffer.from(hkdfSync('sha256', material, Buffer.from('passerelle'), Buffer.from('totp secrets v1'), 32));
  }

  seal(personId: string, secret: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(personId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  open(personId: string, sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.#key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(personId));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

/** A master-key rotation step (libs/privacy's rotateMaster): every TOTP secret re-sealed in the rotation's transaction. */
export async function resealTotpSecrets(client: PoolClient, from: MasterKey, to: MasterKey): Promise<void> {
  const exists = await client.query<{ t: string | null }>("SELECT to_regclass('auth_passwords')::text AS t");
  if (!exists.rows[0]?.t) return;
  const before = new TotpBox(from.encode());
  const after = new TotpBox(to.encode());
  const { rows } = await client.query<{ person_id: string; totp_sealed: Buffer }>(
    'SELECT person_id, totp_sealed FROM auth_passwords FOR UPDATE',
  );
  for (const row of rows) {
    await client.query('UPDATE auth_passwords SET totp_sealed = $2 WHERE person_id = $1', [
      row.person_id,
      after.seal(row.person_id, before.open(row.person_id, row.totp_sealed)),
    ]);
  }
}

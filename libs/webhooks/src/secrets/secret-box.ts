import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { parseMasterKey } from '@passerelle/privacy';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals endpoint secrets at rest. The dispatcher needs each secret in clear to sign, so it cannot be
 * hashed like an API key; it is encrypted (AES-256-GCM) with a key derived from the master key and
 * bound to its endpoint id, so a row copied onto another endpoint does not open.
 *
 * `npm run cli -- keys rotate-master` re-seals every endpoint secret in the rotation's transaction
 * (see reseal-endpoint-secrets.ts); a process still running with the old master key cannot open them.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(masterKey: string) {
    const material = parseMasterKey(masterKey).material();
    this.#key = Buffer.from(hkdfSync('sha256', material, Buffer.from('passerelle'), Buffer.from('webhook endpoint secrets v1'), 32));
  }

  seal(endpointId: string, secret: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(endpointId));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  open(endpointId: string, sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.#key, sealed.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(endpointId));
    decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }
}

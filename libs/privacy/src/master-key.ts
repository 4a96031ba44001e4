import { hash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { PrivacyError } from './privacy-error';
import { decodeSecret32 } from './secret-bytes';

export const MASTER_KEY_VARIABLE = 'PASSERELLE_MASTER_KEY';
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The key that wraps every per-case data key. Its id is stored next to each wrapped key so a
 * process started with the wrong master key fails with a clear error instead of garbage.
 *
 * The bytes are reachable only through `material()`; `JSON.stringify`, pino and `console.log`
 * see the id alone, so a config object holding a MasterKey can be logged without leaking it.
 */
export class MasterKey {
  readonly #bytes: Buffer;

  constructor(
    readonly id: string,
    bytes: Buffer,
  ) {
    if (bytes.length !== 32) throw new PrivacyError('PRIVACY.INVALID_MASTER_KEY', 'a master key is 32 bytes');
    if (!KEY_ID.test(id)) throw new PrivacyError('PRIVACY.INVALID_MASTER_KEY', 'a master key id is 1 to 64 of [A-Za-z0-9._-]');
    this.#bytes = Buffer.from(bytes);
  }

  /** The raw key; only the keyring should call this. */
  material(): Buffer {
    return this.#bytes;
  }

  /** `keyId:base64`, the form to write to a secrets file or `PASSERELLE_MASTER_KEY`. */
  encode(): string {
    return `${this.id}:${this.#bytes.toString('base64')}`;
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }

  toString(): string {
    return `MasterKey(${this.id})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** Stable default id: lets rotation tell two keys apart without revealing either. */
export const defaultMasterKeyId = (bytes: Buffer): string => hash('sha256', bytes, 'hex').slice(0, 8);

/**
 * Parses `base64` or `keyId:base64` (32 bytes). Throws PRIVACY.INVALID_MASTER_KEY with a message
 * that names the variable and the expected shape, never the value.
 */
export function parseMasterKey(value: string | undefined, variable: string = MASTER_KEY_VARIABLE): MasterKey {
  if (value === undefined) {
    throw new PrivacyError(
      'PRIVACY.INVALID_MASTER_KEY',
      `${variable} is not set: it must be 32 random bytes in base64 (e.g. openssl rand -base64 32)`,
    );
  }
  const separator = value.indexOf(':');
  if (separator === -1) {
    const bytes = decodeSecret32(value, variable, 'PRIVACY.INVALID_MASTER_KEY');
    return new MasterKey(defaultMasterKeyId(bytes), bytes);
  }
  const id = value.slice(0, separator).trim();
  if (!KEY_ID.test(id)) {
    throw new PrivacyError('PRIVACY.INVALID_MASTER_KEY', `${variable} has a key id before ':' that is not 1 to 64 of [A-Za-z0-9._-]`);
  }
  return new MasterKey(id, decodeSecret32(value.slice(separator + 1), variable, 'PRIVACY.INVALID_MASTER_KEY'));
}

export const masterKeyFromEnv = (env: Record<string, string | undefined> = process.env): MasterKey =>
  parseMasterKey(env[MASTER_KEY_VARIABLE]);

/** A fresh random master key (the embedded default writes `encode()` under ./.passerelle/). */
export function generateMasterKey(id?: string): MasterKey {
  const bytes = randomBytes(32);
  return new MasterKey(id ?? defaultMasterKeyId(bytes), bytes);
}

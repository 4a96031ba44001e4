import { createCipheriv, createDecipheriv, randomBytes, type KeyObject } from 'node:crypto';

/** AES-256-GCM with a random 96-bit nonce: the NIST-recommended size; random is safe far beyond one key's use here. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface GcmBox {
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/**
 * Nonces are cut from 4 KiB of CSPRNG output drawn at once: one call into the generator per ~340
 * seals instead of one each (that call cost more than the encryption of a small field). Each slice
 * is used once, and a drawn block is never written again: a nonce stays what it was.
 */
const NONCE_BLOCK_BYTES = 4096;
let nonceBlock = Buffer.alloc(0);
let nonceOffset = 0;

function freshNonce(): Buffer {
  if (nonceOffset + IV_BYTES > nonceBlock.length) {
    nonceBlock = randomBytes(NONCE_BLOCK_BYTES);
    nonceOffset = 0;
  }
  const nonce = nonceBlock.subarray(nonceOffset, nonceOffset + IV_BYTES);
  nonceOffset += IV_BYTES;
  return nonce;
}

export function gcmSeal(key: KeyObject | Buffer, plaintext: Buffer, aad: Buffer): GcmBox {
  const iv = freshNonce();
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, tag: cipher.getAuthTag(), ciphertext };
}

/** Returns null when authentication fails (wrong key, wrong AAD or altered bytes); callers pick the error code. */
export function gcmOpen(key: KeyObject | Buffer, box: GcmBox, aad: Buffer): Buffer | null {
  if (box.iv.length !== IV_BYTES || box.tag.length !== TAG_BYTES) return null;
  const decipher = createDecipheriv('aes-256-gcm', key, box.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(box.tag);
  try {
    return Buffer.concat([decipher.update(box.ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

/** Wrapped data keys are stored as one bytea: iv ‖ tag ‖ ciphertext. */
export const packBox = (box: GcmBox): Buffer => Buffer.concat([box.iv, box.tag, box.ciphertext]);

export const unpackBox = (packed: Buffer): GcmBox => ({
  iv: packed.subarray(0, IV_BYTES),
  tag: packed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES),
  ciphertext: packed.subarray(IV_BYTES + TAG_BYTES),
});

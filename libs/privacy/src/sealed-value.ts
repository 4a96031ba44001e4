import type { KeyObject } from 'node:crypto';
import { gcmOpen, gcmSeal } from './aes-gcm';
import { PrivacyError } from './privacy-error';

const VERSION = 'v1';
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The AAD binds a blob to its case (and to a label such as the consent category), so a blob
 * copied into another case or another category slot fails to open instead of leaking there.
 */
const aadFor = (caseId: string, label: string): Buffer => Buffer.from(`${VERSION}|${caseId}|${label}`, 'utf8');

/** `v1.<iv>.<tag>.<ciphertext>`, base64url: compact, versioned, safe inside JSON event data. */
export function sealValue(key: KeyObject, caseId: string, label: string, value: unknown): string {
  // undefined for undefined, a function or a symbol, whatever lib.d.ts says
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new PrivacyError('PRIVACY.NOT_SERIALISABLE', 'only JSON values can be sealed');
  const box = gcmSeal(key, Buffer.from(json, 'utf8'), aadFor(caseId, label));
  return [VERSION, box.iv, box.tag, box.ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The JSON value sealed by `sealValue`; its shape is the caller's to know (Keyring.open names it). */
export function openValue(key: KeyObject, caseId: string, label: string, sealed: string): unknown {
  const box = parseSealed(sealed);
  const plaintext = gcmOpen(key, box, aadFor(caseId, label));
  if (plaintext === null) {
    throw new PrivacyError('PRIVACY.TAMPERED', 'sealed value failed authentication: altered, or sealed for another case or field');
  }
  return JSON.parse(plaintext.toString('utf8')) as unknown;
}

function parseSealed(sealed: string): { iv: Buffer; tag: Buffer; ciphertext: Buffer } {
  const parts = typeof sealed === 'string' ? sealed.split('.') : [];
  const [version, iv, tag, ciphertext] = parts;
  if (parts.length !== 4 || version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
    throw new PrivacyError('PRIVACY.TAMPERED', `sealed value is not in the ${VERSION}.<iv>.<tag>.<ciphertext> format`);
  }
  if (![iv, tag, ciphertext].every((part) => BASE64URL.test(part))) {
    throw new PrivacyError('PRIVACY.TAMPERED', 'sealed value contains characters outside base64url');
  }
  return { iv: Buffer.from(iv, 'base64url'), tag: Buffer.from(tag, 'base64url'), ciphertext: Buffer.from(ciphertext, 'base64url') };
}

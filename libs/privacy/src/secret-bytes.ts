import { PrivacyError, type PrivacyErrorCode } from './privacy-error';

/** Both alphabets: `openssl rand -base64 32` gives standard base64, some tools give base64url. */
const BASE64_32_BYTES = /^[A-Za-z0-9+/_-]{43}=?$/;

/**
 * Decodes a 32-byte secret given in base64. Node's decoder silently skips junk, so the shape is
 * checked first: a truncated or mistyped key must fail at start, not weaken encryption.
 * The error names the variable and what is expected, never the value.
 */
export function decodeSecret32(value: string, variable: string, code: PrivacyErrorCode): Buffer {
  const expected = `${variable} must be 32 random bytes in base64 (e.g. openssl rand -base64 32)`;
  const trimmed = value.trim();
  if (trimmed === '') throw new PrivacyError(code, `${variable} is empty: ${expected}`);
  if (!BASE64_32_BYTES.test(trimmed)) {
    throw new PrivacyError(code, `${expected}; the value given is not that (${trimmed.length} characters, 44 expected)`);
  }
  const bytes = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length !== 32) throw new PrivacyError(code, `${expected}; it decodes to ${bytes.length} bytes`);
  return bytes;
}

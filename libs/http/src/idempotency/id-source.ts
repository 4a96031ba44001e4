import { hash, randomUUID } from 'node:crypto';

/**
 * Where a request's new ids come from. With an Idempotency-Key the ids are derived from it, so a
 * retry after a crash between append and reply produces the same case/referral/event ids and the
 * event store's id deduplication turns it into a no-op instead of a second referral.
 */
export interface IdSource {
  next(label: string): string;
}

export const randomIds = (): IdSource => ({ next: () => randomUUID() });

export function derivedIds(seed: string): IdSource {
  return {
    next(label: string) {
      const bytes = hash('sha256', `${seed}\u0000${label}`, 'buffer').subarray(0, 16);
      bytes[6] = (bytes.readUInt8(6) & 0x0f) | 0x50; // version 5-like: name-based
      bytes[8] = (bytes.readUInt8(8) & 0x3f) | 0x80; // RFC 4122 variant
      const hex = bytes.toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

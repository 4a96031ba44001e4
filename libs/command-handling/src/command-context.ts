import type { Actor } from '@passerelle/domain';
import { hash } from 'node:crypto';

/**
 * Everything a command needs that the domain must not produce itself — who, when, which new ids —
 * as plain data, so a command can be built, logged and replayed without an HTTP request.
 */
export interface CommandContext {
  actor: Actor;
  now: Date;
  correlationId: string;
  /**
   * Seed of every id the command makes. Derived from the Idempotency-Key when the caller sent one,
   * so a retry after a crash between append and reply makes the same ids and the event store's id
   * deduplication turns it into a no-op; random otherwise.
   */
  idSeed: string;
}

/** The id named `label` within a command: a UUID (version-5-like, name-based) derived from the seed. */
export function commandId(context: Pick<CommandContext, 'idSeed'>, label: string): string {
  const bytes = hash('sha256', `${context.idSeed}\u0000${label}`, 'buffer').subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x50, 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8); // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

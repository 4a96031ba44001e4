import { unprocessable } from '@passerelle/domain';

export const INBOX_BAD_CURSOR = 'INBOX.BAD_CURSOR' as const;

/** Opaque to clients, so the ordering key can change without breaking them: base64url of a position. */
export function encodeInboxCursor(createdPosition: bigint): string {
  return Buffer.from(createdPosition.toString(), 'utf8').toString('base64url');
}

/** The position a cursor stands for; a coded error for anything this module did not produce. */
export function decodeInboxCursor(cursor: string): bigint {
  const decoded = /^[A-Za-z0-9_-]{1,32}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  // Only canonical output round-trips: rejects padding tricks, leading zeros and non-digits alike.
  if (!/^(0|[1-9][0-9]{0,18})$/.test(decoded) || encodeInboxCursor(BigInt(decoded)) !== cursor) {
    throw unprocessable(INBOX_BAD_CURSOR, 'The inbox cursor is malformed', { field: 'cursor' });
  }
  return BigInt(decoded);
}

/** Whether `cursor` is one this module produced (what {@link decodeInboxCursor} accepts), for request checks. */
export function isInboxCursor(cursor: unknown): cursor is string {
  if (typeof cursor !== 'string') return false;
  try {
    decodeInboxCursor(cursor);
    return true;
  } catch {
    return false;
  }
}

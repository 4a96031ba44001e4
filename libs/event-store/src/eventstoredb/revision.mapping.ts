import { ANY, NO_STREAM, STREAM_EXISTS, type AppendExpectedRevision, type WrongExpectedVersionError } from '@eventstore/db-client';
import { type ExpectedRevision, WrongExpectedRevisionError } from '../event-store.port';

/** The port's expected revision as the client's: same meaning, EventStoreDB's constants. */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (typeof expected === 'bigint' && expected >= 0n) return expected;
      throw new TypeError(`expectedRevision must be 'no_stream', 'any', 'stream_exists' or a bigint ≥ 0, got ${String(expected)}`);
  }
}

/**
 * The client's WrongExpectedVersionError as the port's conflict (HTTP 409 upstream). `expected` is
 * the caller's own value, not the server's echo of it. The server reports a missing stream as
 * `no_stream` or, on some paths, as revision -1.
 */
export function toWrongExpectedRevision(
  error: WrongExpectedVersionError,
  streamName: string,
  expected: ExpectedRevision,
): WrongExpectedRevisionError {
  const actual = typeof error.actualVersion === 'bigint' && error.actualVersion >= 0n ? error.actualVersion : 'no_stream';
  return new WrongExpectedRevisionError(streamName, expected, actual);
}

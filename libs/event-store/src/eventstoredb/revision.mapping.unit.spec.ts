import { WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../event-store.port';
import { toEsdbExpectedRevision, toWrongExpectedRevision } from './revision.mapping';

const conflict = (current: bigint | 'no_stream') =>
  new WrongExpectedVersionError(undefined, { streamName: 'case-1', expected: 'no_stream', current });

describe('expected revisions for EventStoreDB', () => {
  it.each([
    ['no_stream', 'no_stream'],
    ['any', 'any'],
    ['stream_exists', 'stream_exists'],
    [0n, 0n],
    [41n, 41n],
  ] as const)('maps %s to the client constant %s', (ours, theirs) => {
    expect(toEsdbExpectedRevision(ours)).toBe(theirs);
  });

  it.each([-1n, 'latest', 3])('refuses %s', (wrong) => {
    expect(() => toEsdbExpectedRevision(wrong as never)).toThrow(TypeError);
  });
});

describe('a wrong expected version from EventStoreDB', () => {
  it("becomes the port's conflict, with the caller's expectation and the stream's revision", () => {
    const error = toWrongExpectedRevision(conflict(4n), 'case-1', 2n);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ code: 'STREAM.WRONG_EXPECTED_REVISION', streamName: 'case-1', expected: 2n, actual: 4n });
  });

  it('reports a missing stream as no_stream, whether the server says no_stream or -1', () => {
    expect(toWrongExpectedRevision(conflict('no_stream'), 'case-1', 'stream_exists').actual).toBe('no_stream');
    expect(toWrongExpectedRevision(conflict(-1n), 'case-1', 0n).actual).toBe('no_stream');
  });

  it('uses the port stream name, not the namespaced one on the server', () => {
    expect(toWrongExpectedRevision(conflict(1n), 'referral-9', 'no_stream').streamName).toBe('referral-9');
  });
});

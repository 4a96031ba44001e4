import { decideFromStream, type StoredRef } from './retry-decision';

const stored = (entries: [string, bigint, bigint][]) =>
  new Map<string, StoredRef>(entries.map(([id, streamRevision, globalPosition]) => [id, { streamRevision, globalPosition }]));

describe('deciding an append from what its stream holds', () => {
  it('returns the first result to a retry of ids stored at consecutive revisions', () => {
    const decision = decideFromStream(
      ['a', 'b'],
      stored([
        ['a', 0n, 100n],
        ['b', 1n, 164n],
        ['c', 2n, 300n],
      ]),
    );
    expect(decision).toEqual({ kind: 'retried', result: { nextExpectedRevision: 1n, position: 164n } });
  });

  it('appends when an earlier attempt claimed the ids but stored none of them', () => {
    expect(decideFromStream(['a', 'b'], stored([['c', 0n, 10n]]))).toEqual({ kind: 'append' });
  });

  it('refuses a mix of stored and new ids', () => {
    expect(decideFromStream(['a', 'new'], stored([['a', 0n, 10n]]))).toEqual({ kind: 'duplicate', eventId: 'a' });
    expect(decideFromStream(['new', 'a'], stored([['a', 0n, 10n]]))).toEqual({ kind: 'duplicate', eventId: 'a' });
  });

  it('refuses the same id twice in one append', () => {
    expect(decideFromStream(['a', 'b', 'a'], stored([]))).toEqual({ kind: 'duplicate', eventId: 'a' });
  });

  it('refuses stored ids in another order', () => {
    expect(
      decideFromStream(
        ['b', 'a'],
        stored([
          ['a', 0n, 10n],
          ['b', 1n, 20n],
        ]),
      ),
    ).toEqual({ kind: 'duplicate', eventId: 'b' });
  });
});

import { randomUUID } from 'node:crypto';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.port';
import { type BatchState, type PlannedAppend, planBatch } from './batch-plan';
import { prepareEvents } from './event-serialisation';

const metadata = {
  schemaVersion: 1,
  occurredAt: '2026-11-22T10:00:00Z',
  actor: { organisationId: null, role: 'admin', keyId: null },
  correlationId: 'c',
  causationId: null,
  scope: {},
};
const append = (streamName: string, count: number, expectedRevision: PlannedAppend['expectedRevision']): PlannedAppend => ({
  streamName,
  expectedRevision,
  events: prepareEvents(
    streamName,
    Array.from({ length: count }, () => ({ eventId: randomUUID(), type: 'T', data: {}, metadata })),
  ),
});
const emptyStore: BatchState = { head: -1n, streamRevisions: new Map(), storedEvents: new Map(), existingRows: new Set() };

describe('planning a group-commit batch', () => {
  it('gives the events of successive appends gapless positions after the head', () => {
    const plan = planBatch([append('a', 2, 'no_stream'), append('b', 1, 'no_stream')], { ...emptyStore, head: 9n });
    expect(plan.rows.map((row) => row.globalPosition)).toEqual([10n, 11n, 12n]);
    expect(plan.head).toBe(12n);
  });

  it('lets a later append in the batch see an earlier one to the same stream', () => {
    const plan = planBatch([append('a', 2, 'no_stream'), append('a', 1, 1n), append('a', 1, 1n)], emptyStore);
    expect(plan.outcomes.map((outcome) => outcome.ok)).toEqual([true, true, false]);
    expect(plan.streamRevisions.get('a')).toBe(2n);
  });

  it('fails only the append with a wrong expected revision and gives its positions to the next one', () => {
    const plan = planBatch([append('a', 1, 'stream_exists'), append('b', 1, 'no_stream')], emptyStore);
    const [failed, passed] = plan.outcomes;
    expect(failed?.ok === false && failed.error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(passed).toEqual({ ok: true, result: { nextExpectedRevision: 0n, position: 0n } });
  });

  it('treats a repeat of an append inside the same batch as an idempotent retry', () => {
    const first = append('a', 2, 'no_stream');
    const plan = planBatch([first, first], emptyStore);
    expect(plan.outcomes[1]).toEqual(plan.outcomes[0]);
    expect(plan.rows).toHaveLength(2);
  });

  it('rejects stored ids given in another order, and an id given twice', () => {
    const stored = append('a', 2, 'no_stream');
    const plan = planBatch(
      [
        stored,
        { ...stored, events: [...stored.events].reverse() },
        { ...append('b', 1, 'any'), events: [stored.events[0]!, stored.events[0]!] },
      ],
      emptyStore,
    );
    expect(plan.outcomes.slice(1).map((outcome) => !outcome.ok && outcome.error instanceof DuplicateEventIdError)).toEqual([true, true]);
  });
});

describe('preparing events for jsonb', () => {
  const withData = (data: unknown) => [{ eventId: randomUUID(), type: 'T', data, metadata }];

  it('refuses what jsonb cannot store, so that it cannot fail a shared batch', () => {
    expect(() => prepareEvents('s', withData({ text: 'a\u0000b' }))).toThrow('NUL');
    expect(() => prepareEvents('s', withData({ text: '\ud800' }))).toThrow('surrogate');
    expect(() => prepareEvents('s', withData({ big: 1n }))).toThrow();
    expect(() => prepareEvents('s', [{ ...withData({})[0]!, eventId: 'not-a-uuid' }])).toThrow('UUID');
  });

  it('accepts look-alike text and well-formed unicode', () => {
    expect(() => prepareEvents('s', withData({ text: '\\u0000 \\ud800 🕊️ 日本語' }))).not.toThrow();
  });
});

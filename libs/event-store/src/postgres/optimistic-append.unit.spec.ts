import { optimisticPlan, GuessBudget } from './optimistic-append';
import type { PlannedAppend } from './batch-plan';

const event = (n: number) => ({ eventId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, type: 'T', data: '{}', metadata: '{}' });
const append = (streamName: string, expectedRevision: PlannedAppend['expectedRevision'], ...ids: number[]): PlannedAppend => ({
  streamName,
  expectedRevision,
  events: ids.map(event),
});

describe('the optimistic plan of a batch', () => {
  it('continues the known head and the expected revisions, chaining two appends to one stream', () => {
    const guess = optimisticPlan([append('a', 4n, 1), append('b', 'no_stream', 2), append('a', 5n, 3)], 41n);
    expect(guess?.plan.rows.map((row) => [row.streamName, row.streamRevision, row.globalPosition])).toEqual([
      ['a', 5n, 42n],
      ['b', 0n, 43n],
      ['a', 6n, 44n],
    ]);
    expect(guess?.assumed).toEqual(
      new Map([
        ['a', 4n],
        ['b', -1n],
      ]),
    );
  });

  it('assumes the streams a decision was read from at their expected revision too', () => {
    const guess = optimisticPlan(
      [{ ...append('referral-1', 'no_stream', 1), alsoExpect: [{ streamName: 'case-1', expectedRevision: 3n }] }],
      7n,
    );
    expect(guess?.assumed).toEqual(
      new Map([
        ['referral-1', -1n],
        ['case-1', 3n],
      ]),
    );
  });

  it('is not made without a known head, for an expectation without a revision, or when the guess itself refuses an append', () => {
    expect(optimisticPlan([append('a', 0n, 1)], null)).toBeNull();
    expect(optimisticPlan([append('a', 'any', 1)], 3n)).toBeNull();
    expect(optimisticPlan([append('a', 'stream_exists', 1)], 3n)).toBeNull();
    expect(optimisticPlan([append('a', 4n, 1), append('a', 4n, 2)], 3n)).toBeNull();
  });
});

describe('the guess budget', () => {
  it('stops guessing for a while after a wrong guess', () => {
    const budget = new GuessBudget(2);
    expect(budget.mayGuess()).toBe(true);
    budget.missed();
    expect([budget.mayGuess(), budget.mayGuess(), budget.mayGuess()]).toEqual([false, false, true]);
  });
});

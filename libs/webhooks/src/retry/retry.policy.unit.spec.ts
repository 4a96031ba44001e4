import { nextStep, parseRetryAfter } from './retry.policy';

const SCHEDULE = [0, 5_000, 300_000];
const answered = (status: number, retryAfterMs: number | null = null) => ({ kind: 'answered' as const, status, retryAfterMs });
const middle = () => 0.5;

describe('retry policy', () => {
  it('delivers on any 2xx', () => {
    expect(nextStep(answered(204), 1, SCHEDULE)).toEqual({ status: 'delivered' });
  });

  it('waits for the next step of the schedule after a failure, with jitter of at most a fifth', () => {
    expect(nextStep(answered(500), 1, SCHEDULE, middle)).toEqual({ status: 'pending', delayMs: 5_000 });
    expect(nextStep({ kind: 'failed', error: 'ECONNREFUSED' }, 2, SCHEDULE, middle)).toEqual({ status: 'pending', delayMs: 300_000 });
    expect(nextStep(answered(500), 1, SCHEDULE, () => 0)).toEqual({ status: 'pending', delayMs: 4_000 });
    expect(nextStep(answered(500), 1, SCHEDULE, () => 0.999)).toEqual({ status: 'pending', delayMs: 5_998 });
  });

  it('dead-letters after the last attempt of the schedule', () => {
    expect(nextStep(answered(503), 3, SCHEDULE)).toEqual({ status: 'dead_lettered', disableEndpoint: null });
  });

  it('honours a Retry-After longer than the schedule, capped at a day, and never retries sooner than planned', () => {
    expect(nextStep(answered(429, 60_000), 1, SCHEDULE, middle)).toEqual({ status: 'pending', delayMs: 60_000 });
    expect(nextStep(answered(503, 1_000), 2, SCHEDULE, middle)).toEqual({ status: 'pending', delayMs: 300_000 });
    expect(nextStep(answered(503, 10 * 86_400_000), 1, SCHEDULE, middle)).toEqual({ status: 'pending', delayMs: 86_400_000 });
  });

  it('stops at once and disables the endpoint on 410 Gone', () => {
    expect(nextStep(answered(410), 1, SCHEDULE)).toEqual({ status: 'dead_lettered', disableEndpoint: 'gone' });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 22 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

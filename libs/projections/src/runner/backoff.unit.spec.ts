import { Backoff, DEFAULT_BACKOFF } from './backoff';

describe('restart backoff', () => {
  it('waits 1 s, 2 s, 4 s … and never more than 30 s between restarts', () => {
    const backoff = new Backoff(DEFAULT_BACKOFF);
    expect(Array.from({ length: 8 }, () => backoff.next())).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts again from 1 s after a successful batch', () => {
    const backoff = new Backoff(DEFAULT_BACKOFF);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(1_000);
  });
});

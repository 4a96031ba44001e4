import { FLUSH_WINDOW_MS, flushWindowMs } from './projection-runner';

describe('flushWindowMs', () => {
  it('keeps the quiet window after a small batch', () => {
    expect(flushWindowMs(0, 150)).toBe(FLUSH_WINDOW_MS);
    expect(flushWindowMs(1, 150)).toBe(18);
  });

  it('grows with the previous batch, up to the runner’s maximum', () => {
    expect(flushWindowMs(10, 150)).toBe(45);
    expect(flushWindowMs(45, 150)).toBe(150);
    expect(flushWindowMs(500, 150)).toBe(150);
  });

  it('never grows for a runner left at the default maximum', () => {
    expect(flushWindowMs(500, FLUSH_WINDOW_MS)).toBe(FLUSH_WINDOW_MS);
  });
});

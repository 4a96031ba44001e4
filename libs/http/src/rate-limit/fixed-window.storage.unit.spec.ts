import { FixedWindowStorage } from './fixed-window.storage';

describe('rate-limit counters in fixed windows', () => {
  it('lets `limit` requests through in a window, refuses the next ones until it ends, and counts keys apart', async () => {
    const storage = new FixedWindowStorage();
    const hits = [];
    for (let i = 0; i < 4; i++) hits.push(await storage.increment('key:a', 60_000, 3));
    expect(hits.map((h) => h.isBlocked)).toEqual([false, false, false, true]);
    expect(hits[3]?.timeToBlockExpire).toBeGreaterThanOrEqual(59);
    expect(hits[3]?.timeToBlockExpire).toBeLessThanOrEqual(60);
    expect((await storage.increment('key:b', 60_000, 3)).isBlocked).toBe(false);
  });

  it('starts a new window once the last one has ended', async () => {
    const storage = new FixedWindowStorage();
    expect((await storage.increment('address:x', 1, 1)).isBlocked).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await storage.increment('address:x', 1, 1)).isBlocked).toBe(false);
  });
});

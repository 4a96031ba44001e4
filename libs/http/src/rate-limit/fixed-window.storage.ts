import type { ThrottlerStorage } from '@nestjs/throttler';

interface Window {
  endsAt: number;
  hits: number;
}

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const SWEEP_EVERY_MS = 60_000;

/**
 * Counts requests per key in fixed windows, in this process's memory: O(1) per request whatever
 * the limit. (@nestjs/throttler's own storage keeps one timestamp per request and scans them on
 * each one: a benchmark's limit of millions would cost more than the command.) A window starts at
 * a key's first request; past the limit the key is refused until the window ends, which is what
 * Retry-After says. Limits are therefore per process: README.md#configuration says what that means
 * with several API replicas.
 */
export class FixedWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private sweptAt = Date.now();

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { endsAt: now + ttl, hits: 0 };
      this.windows.set(key, window);
    }
    window.hits += 1;
    const secondsLeft = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    const isBlocked = window.hits > limit;
    return { totalHits: window.hits, timeToExpire: secondsLeft, isBlocked, timeToBlockExpire: isBlocked ? secondsLeft : 0 };
  }

  /** Forgets ended windows now and then, so that one-off addresses do not pile up. */
  private sweep(now: number): void {
    if (now - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = now;
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}

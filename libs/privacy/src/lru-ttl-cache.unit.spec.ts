import { LruTtlCache } from './lru-ttl-cache';

describe('LruTtlCache', () => {
  it('evicts the least recently used entry when full', () => {
    const cache = new LruTtlCache<string, number>(2, 1000, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('forgets an entry once its time to live has passed, counted from when it was set', () => {
    let now = 0;
    const cache = new LruTtlCache<string, number>(10, 60_000, () => now);
    cache.set('a', 1);
    now = 59_999;
    expect(cache.get('a')).toBe(1);
    expect(cache.peek('a')).toBe(1);
    now = 60_000;
    expect(cache.peek('a')).toBeUndefined();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('deletes on demand', () => {
    const cache = new LruTtlCache<string, number>(10, 1000, () => 0);
    cache.set('a', 1);
    expect(cache.delete('a')).toBe(true);
    expect(cache.get('a')).toBeUndefined();
  });

  it('refuses a size or time to live that would make it useless', () => {
    expect(() => new LruTtlCache(0, 1000)).toThrow(RangeError);
    expect(() => new LruTtlCache(10, 0)).toThrow(RangeError);
  });
});

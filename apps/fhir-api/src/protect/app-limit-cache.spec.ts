import { describe, expect, it } from '@jest/globals';
import { AppLimitCache } from './app-limit-cache.js';

describe('AppLimitCache', () => {
  it('reads once per TTL, answers stale values while refreshing, and keeps the last value when the store fails', async () => {
    let now = 0;
    let reads = 0;
    let value: { ratePerMinute: number | null; concurrent: number | null } | undefined = { ratePerMinute: 10, concurrent: null };
    let failing = false;
    const cache = new AppLimitCache({ find: async () => {
      reads++;
      if (failing) throw new Error('store down');
      return value;
    } }, 1000, () => now);
    expect(await cache.limitsOf('a', 1)).toEqual({ perMinute: 10 });
    expect(cache.limitsOf('a', 1)).toEqual({ perMinute: 10 });
    expect(reads).toBe(1);
    now = 1500;
    value = { ratePerMinute: 20, concurrent: 3 };
    expect(cache.limitsOf('a', 1)).toEqual({ perMinute: 10 }); // stale, refreshing behind
    await new Promise((r) => setImmediate(r));
    expect(cache.limitsOf('a', 1)).toEqual({ perMinute: 20, concurrent: 3 });
    now = 3000;
    failing = true;
    cache.limitsOf('a', 1);
    await new Promise((r) => setImmediate(r));
    expect(cache.limitsOf('a', 1)).toEqual({ perMinute: 20, concurrent: 3 });
    value = undefined;
    failing = false;
    now = 5000;
    cache.limitsOf('a', 1);
    await new Promise((r) => setImmediate(r));
    expect(cache.limitsOf('a', 1)).toBeUndefined();
  });
});

import { describe, expect, it } from '@jest/globals';
import { RegistrationThrottle } from './registration-throttle.js';

describe('RegistrationThrottle', () => {
  it('allows the limit per IP and window, then says how long to wait; other IPs and the next window are unaffected', () => {
    let now = 1_000_000;
    const t = new RegistrationThrottle(3, 60_000, () => now);
    expect([t.take('a'), t.take('a'), t.take('a')]).toEqual([undefined, undefined, undefined]);
    now += 15_000;
    expect(t.take('a')).toBe(45);
    expect(t.take('b')).toBeUndefined();
    now += 45_000;
    expect(t.take('a')).toBeUndefined();
  });
});

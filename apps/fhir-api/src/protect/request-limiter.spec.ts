import { describe, expect, it } from '@jest/globals';
import { FhirError } from '#facade/fhir';
import { RequestLimiter, type AppLimitSource, type LimitSubject, type Release } from './request-limiter.js';
import { admit, specDefaults } from './testing/admit.js';

const defaults = specDefaults;
const limiter = (appLimits?: AppLimitSource) => new RequestLimiter({ defaults, keyPrefix: `spec:${Math.random()}`, appLimits });
const subject = (clientId: string, practice: number | undefined, practices = practice === undefined ? [] : [practice]): LimitSubject => ({ clientId, practice, practices });


function refusal(r: Release | FhirError): { status: number; retryAfter: string | undefined; code: string | undefined; messageCode: string } | 'admitted' {
  if (typeof r === 'function') return 'admitted';
  return { status: r.status, retryAfter: r.headers['Retry-After'], code: r.outcome.issue[0]?.code, messageCode: r.messageCode };
}

describe('RequestLimiter (in-memory counts)', () => {
  it('refuses an app beyond its rate per minute with 429 throttled and Retry-After, then the practice as a whole', async () => {
    const l = limiter();
    for (let i = 0; i < 5; i++) (await admit(l, subject('a', 1)) as Release)();
    const over = await admit(l, subject('a', 1));
    expect(refusal(over)).toEqual({ status: 429, retryAfter: expect.stringMatching(/^[1-9][0-9]*$/), code: 'throttled', messageCode: 'RATE_LIMITED' });
    expect(Number((over as FhirError).headers['Retry-After'])).toBeLessThanOrEqual(60);
    // Another app at the same practice: the practice has 8 per minute, 6 counted (the refused one too).
    (await admit(l, subject('b', 1)) as Release)();
    (await admit(l, subject('b', 1)) as Release)();
    expect(refusal(await admit(l, subject('b', 1)))).toMatchObject({ status: 429 });
    // Another practice is not affected.
    expect(refusal(await admit(l, subject('b', 2)))).toBe('admitted');
  });

  it('caps requests at once per app and per practice, gives slots back on release (once), and counts a multi-practice token against each practice', async () => {
    const l = limiter();
    const r1 = (await admit(l, subject('a', 1))) as Release;
    const r2 = (await admit(l, subject('a', 1))) as Release;
    const over = await admit(l, subject('a', 1));
    expect(refusal(over)).toEqual({ status: 429, retryAfter: '1', code: 'throttled', messageCode: 'CONCURRENCY_LIMITED' });
    r1();
    r1(); // idempotent: frees one slot only
    const r3 = (await admit(l, subject('a', 1))) as Release;
    expect(refusal(await admit(l, subject('a', 1)))).toMatchObject({ status: 429 });
    // The practice holds 2 (r2, r3) of 3; a multi-practice token reaching practices 1 and 2 takes the third of 1.
    const multi = (await admit(l, subject('backend', undefined, [1, 2]))) as Release;
    expect(refusal(await admit(l, subject('c', 1)))).toMatchObject({ status: 429 });
    expect(refusal(await admit(l, subject('c', 2)))).toBe('admitted');
    multi();
    r2();
    r3();
    expect(refusal(await admit(l, subject('c', 1)))).toBe('admitted');
  });

  it("applies an app's own limits (synchronous or not), the defaults for what it does not set, and the defaults when the source fails", async () => {
    const own: Record<string, { perMinute?: number; concurrent?: number }> = { a: { perMinute: 2 }, b: { concurrent: 1 } };
    const l = limiter({ limitsOf: (c) => (c === 'b' ? Promise.resolve(own[c]) : c === 'x' ? Promise.reject(new Error('down')) : own[c]) });
    (await admit(l, subject('a', 1)) as Release)();
    (await admit(l, subject('a', 1)) as Release)();
    expect(refusal(await admit(l, subject('a', 1)))).toMatchObject({ status: 429 });
    const b1 = (await admit(l, subject('b', 2))) as Release;
    expect(refusal(await admit(l, subject('b', 2)))).toEqual({ status: 429, retryAfter: '1', code: 'throttled', messageCode: 'CONCURRENCY_LIMITED' });
    b1();
    expect(refusal(await admit(l, subject('b', 2)))).toBe('admitted');
    for (let i = 0; i < 5; i++) (await admit(l, subject('x', 3)) as Release)();
    expect(refusal(await admit(l, subject('x', 3)))).toMatchObject({ status: 429 });
  });

  it('answers synchronously with in-memory counts and cached limits (the library still exposes its in-memory store)', () => {
    const l = limiter({ limitsOf: () => undefined });
    const release = l.admit(subject('a', 1));
    expect(typeof release).toBe('function');
    (release as Release)();
    expect(typeof l.admit(subject('backend', undefined, [1, 2]))).toBe('function');
  });

  it('follows a change of the limits behind the same caller (the app-limit cache refreshes)', async () => {
    let perMinute = 1;
    const l = limiter({ limitsOf: () => ({ perMinute }) });
    const s = subject('a', 1);
    (await admit(l, s) as Release)();
    expect(refusal(await admit(l, s))).toMatchObject({ status: 429 });
    perMinute = 4;
    expect(refusal(await admit(l, s))).toBe('admitted');
  });
});

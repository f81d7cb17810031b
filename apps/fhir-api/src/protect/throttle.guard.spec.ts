import { describe, expect, it } from '@jest/globals';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { FhirError } from '#facade/fhir';
import { RequestLimiter, type AppLimitSource } from './request-limiter.js';
import { ThrottleGuard } from './throttle.guard.js';

const defaults = { enabled: true, app: { perMinute: 100, concurrent: 1 }, practice: { perMinute: 100, concurrent: 10 } };
const guardWith = (appLimits?: AppLimitSource) => new ThrottleGuard(new RequestLimiter({ defaults, keyPrefix: `spec:${Math.random()}`, appLimits }));
const claims = { client_id: 'app', practice: 1, practices: [1] };
const request = (c: object | null = claims) => ({ user: c ? { claims: c } : undefined }) as unknown as FastifyRequest;
const contextOf = (req: FastifyRequest) => ({ switchToHttp: () => ({ getRequest: () => req }) }) as unknown as ExecutionContext;

describe('ThrottleGuard', () => {
  it('admits synchronously with in-memory counts, leaves the release on the request, and refuses synchronously with a 429', () => {
    const guard = guardWith({ limitsOf: () => undefined });
    const first = request();
    expect(guard.canActivate(contextOf(first))).toBe(true);
    expect(typeof first.admissionRelease).toBe('function');
    const second = request();
    let refused: unknown;
    try {
      guard.canActivate(contextOf(second));
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(FhirError);
    expect((refused as FhirError).status).toBe(429);
    expect(second.admissionRelease).toBeUndefined();
    first.admissionRelease!();
    expect(guard.canActivate(contextOf(request()))).toBe(true);
  });

  it('waits for app limits being read, and does not count requests without a caller', async () => {
    const guard = guardWith({ limitsOf: () => Promise.resolve({ concurrent: 2 }) });
    const req = request();
    const answer = guard.canActivate(contextOf(req));
    expect(answer).toBeInstanceOf(Promise);
    expect(await answer).toBe(true);
    expect(typeof req.admissionRelease).toBe('function');
    expect(await guard.canActivate(contextOf(request()))).toBe(true);
    const third = await Promise.resolve(guard.canActivate(contextOf(request()))).then(() => 'admitted', (e: unknown) => e);
    expect(third).toBeInstanceOf(FhirError);
    expect((third as FhirError).status).toBe(429);
    const anonymous = request(null);
    expect(guard.canActivate(contextOf(anonymous))).toBe(true);
    expect(anonymous.admissionRelease).toBeUndefined();
  });

  it('gives the slot back when the request ends (client gone) while its admission is still being counted', async () => {
    const guard = guardWith({ limitsOf: () => Promise.resolve({ concurrent: 1 }) });
    const gone = request();
    const answer = guard.canActivate(contextOf(gone));
    gone.admissionRelease!(); // onRequestAbort before the count answered
    expect(await answer).toBe(true);
    // The slot (the app's only one) was given back: the next request is admitted.
    const next = request();
    expect(await guard.canActivate(contextOf(next))).toBe(true);
    expect(await Promise.resolve(guard.canActivate(contextOf(request()))).then(() => 'admitted', (e: unknown) => (e as FhirError).status)).toBe(429);
  });
});

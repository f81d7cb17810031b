/**
 * Counts every authenticated FHIR interaction against its app and practices ({@link RequestLimiter}): an admission
 * guard (FHIR_ADMISSION_GUARDS) that FhirRoutes runs after each route's own guards, so the caller is known; the
 * concurrency slot it takes is given back by the route's `onResponse` / `onRequestAbort` hooks (`req.admissionRelease`),
 * however the request ends. Requests without a caller (metadata, SMART configuration) are not counted. With the limits
 * off (`active` false) the routes neither run it nor carry the release hooks.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestLimiter, type LimitSubject, type Release } from './request-limiter.js';

type Claims = NonNullable<FastifyRequest['user']>['claims'];

@Injectable()
export class ThrottleGuard implements CanActivate {
  /** One subject per claims object: a cached token's requests share it, and the limiter its keys. */
  private readonly subjects = new WeakMap<Claims, LimitSubject>();

  constructor(private readonly limiter: RequestLimiter) {}

  /** Limits off (FHIR_RATE_LIMITS, fixed at start-up): FhirRoutes then does not run this guard at all. */
  get active(): boolean {
    return this.limiter.enabled;
  }

  canActivate(context: ExecutionContext): true | Promise<true> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const claims = req.user?.claims;
    if (!this.limiter.enabled || !claims) return true;
    let subject = this.subjects.get(claims);
    if (!subject) {
      subject = { clientId: claims.client_id, practice: claims.practice, practices: claims.practices ?? [] };
      this.subjects.set(claims, subject);
    }
    // Synchronous with in-memory counts and cached app limits (the usual case); a refusal is thrown either way.
    const release = this.limiter.admit(subject);
    if (typeof release === 'function') {
      req.admissionRelease = release;
      return true;
    }
    // Shared counts (Redis) or app limits being read: the request may end (client gone) before the slot is known.
    // Its hooks then find this placeholder, and the slot is given back as soon as it is taken.
    let ended = false;
    req.admissionRelease = () => {
      ended = true;
    };
    return release.then(
      (r: Release) => {
        req.admissionRelease = r;
        if (ended) r();
        return true;
      },
      (e: unknown) => {
        req.admissionRelease = undefined;
        throw e;
      },
    );
  }
}

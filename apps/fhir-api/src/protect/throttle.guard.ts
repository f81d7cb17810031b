/**
 * Counts every authenticated FHIR interaction against its app and practices ({@link RequestLimiter}): an admission
 * guard (FHIR_ADMISSION_GUARDS) that FhirRoutes runs after each route's own guards, so the caller is known; the
 * concurrency slot it takes is given back by the route's `onResponse` / `onRequestAbort` hooks (`req.admissionRelease`),
 * however the request ends. Requests without a caller (metadata, SMART configuration) are not counted. With the limits
 * off (`active` false) the routes neither run it nor carry the release hooks.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { RequestLimiter } from './request-limiter.js';

@Injectable()
export class ThrottleGuard implements CanActivate {
  constructor(private readonly limiter: RequestLimiter) {}

  /** Limits off (FHIR_RATE_LIMITS, fixed at start-up): FhirRoutes then does not run this guard at all. */
  get active(): boolean {
    return this.limiter.enabled;
  }

  canActivate(context: ExecutionContext): true | Promise<true> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const claims = req.user?.claims;
    if (!this.limiter.enabled || !claims) return true;
    return this.limiter.admit({ clientId: claims.client_id, practice: claims.practice, practices: claims.practices ?? [] }).then((release) => {
      req.admissionRelease = release;
      return true;
    });
  }
}

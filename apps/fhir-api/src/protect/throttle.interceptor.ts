/**
 * Counts every authenticated FHIR interaction against its app and practices ({@link RequestLimiter}): a global
 * Nest interceptor, so it runs after the guards (the caller is known) and around the handler (the concurrency
 * slot is given back when the handler ends, however it ends). Requests without a caller (metadata, SMART
 * configuration, health) are not counted.
 */
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { defer, finalize, from, mergeMap, type Observable } from 'rxjs';
import { RequestLimiter } from './request-limiter.js';

@Injectable()
export class ThrottleInterceptor implements NestInterceptor {
  constructor(private readonly limiter: RequestLimiter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const claims = req.user?.claims;
    if (!this.limiter.enabled || !claims) return next.handle();
    return defer(() => from(this.limiter.admit({ clientId: claims.client_id, practice: claims.practice, practices: claims.practices ?? [] }))).pipe(
      mergeMap((release) => next.handle().pipe(finalize(release))),
    );
  }
}

/**
 * Nest's FastifyAdapter without @fastify/middie: the adapter's `init()` registers middie for Nest middleware
 * (`app.use`, `MiddlewareConsumer`), which the FHIR API does not use (CORS is @fastify/cors, body parsing
 * @fastify/formbody and the FHIR content-type parser: fhir-server.ts). `skipMiddie` is the adapter's documented option.
 *
 * Session 8 also tried taking the adapter's five no-op `onRequest` runners and its `onResponse` runner off the Fastify
 * instance (found through Fastify's internal hook symbol and their source text): under callgrind that saved ~1 % of a
 * cached read's instructions (bench/README.md, "Session 8, FRAME"), too little for code that reaches into two
 * libraries' internals, so it was not kept.
 */
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';

/** A FastifyAdapter without middie. */
export function leanFastifyAdapter(options: FastifyServerOptions): FastifyAdapter {
  return new FastifyAdapter({ ...options, skipMiddie: true });
}

/**
 * Nest's FastifyAdapter without its per-request hooks for features the FHIR API does not use.
 *
 * The adapter's constructor adds six `onRequest` hooks and one `onResponse` hook to every route, each a runner for
 * an adapter feature (Nest's request/response hooks, the 503 of `return503OnClosing`, `enableCors()`, the security
 * hook of `enableCsrfProtection()`/`useSecurityHeaders()`, errors of custom versioning); and `init()` registers
 * @fastify/middie for Nest middleware. None of those features is used here (CORS is @fastify/cors, registered in
 * fhir-server.ts; no Nest middleware, versioning or shutdown 503), so each FHIR request paid six no-op hooks and
 * middie's (bench/README.md, issue 9 session 8). The adapter is created with `skipMiddie` (its documented option) and
 * its unused hooks are taken off the instance before any route is built.
 * Kept: the hook that sends request targets no middleware path could match (`GET *fhir/...`) to the not-found
 * handler, and any hook this module does not recognise. {@link assertAdapterFeaturesUnused} fails start-up if one
 * of the dropped hooks' features is switched on later.
 */
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';

/** The adapter field each dropped hook reads (a hook is recognised by its source naming it). */
const DROPPED_ON_REQUEST = ['onRequestHook', 'return503OnClosing', 'corsHook', 'securityHook', 'versionExtractorErrors'] as const;
const DROPPED_ON_RESPONSE = ['onResponseHook'] as const;

type Hook = (...args: never[]) => unknown;

/** The hook arrays of a Fastify instance (internal: `Symbol(fastify.hooks)`). */
function hooksOf(fastify: FastifyInstance): Record<'onRequest' | 'onResponse', Hook[]> {
  const key = Object.getOwnPropertySymbols(fastify).find((s) => s.description === 'fastify.hooks');
  const hooks = key && (fastify as unknown as Record<symbol, Record<string, Hook[]> | undefined>)[key];
  if (!hooks || !Array.isArray(hooks.onRequest) || !Array.isArray(hooks.onResponse)) throw new Error('Fastify hooks not found (http/lean-adapter.ts)');
  return hooks as Record<'onRequest' | 'onResponse', Hook[]>;
}

/** Removes from `hooks` each one whose source names exactly one of `fields` (once per field); returns the fields removed. */
function drop(hooks: Hook[], fields: readonly string[]): string[] {
  const removed: string[] = [];
  for (let i = hooks.length - 1; i >= 0; i--) {
    const source = Function.prototype.toString.call(hooks[i]);
    const named = fields.filter((f) => new RegExp(`\\b${f}\\b`).test(source));
    if (named.length !== 1 || removed.includes(named[0])) continue;
    removed.push(named[0]);
    hooks.splice(i, 1);
  }
  return removed;
}

/** A FastifyAdapter without middie (its `skipMiddie` option: the FHIR API has no Nest middleware). */
export function leanFastifyAdapter(options: FastifyServerOptions): FastifyAdapter {
  return new FastifyAdapter({ ...options, skipMiddie: true });
}

/**
 * Removes the adapter's no-op request hooks from its instance; call it before the routes are built (Fastify binds
 * hooks to routes at `ready`). Fastify adds hooks through its plugin queue: the queue is run first. Returns the
 * adapter fields of the hooks removed.
 */
export async function dropUnusedAdapterHooks(adapter: FastifyAdapter): Promise<string[]> {
  const fastify = adapter.getInstance<FastifyInstance>();
  await fastify.after();
  const hooks = hooksOf(fastify);
  return [...drop(hooks.onRequest, DROPPED_ON_REQUEST), ...drop(hooks.onResponse, DROPPED_ON_RESPONSE)];
}

/**
 * Fails when a feature whose hook was dropped is in use (called once the application is initialised): Nest's
 * request/response hooks, `return503OnClosing`, `enableCors()`, a security hook, versioning.
 */
export function assertAdapterFeaturesUnused(adapter: FastifyAdapter): void {
  const a = adapter as unknown as Record<string, unknown>;
  const used = ['onRequestHook', 'onResponseHook', 'corsHook', 'securityHook', 'versioningOptions'].filter((f) => a[f] !== undefined && a[f] !== null);
  if (a.return503OnClosing === true) used.push('return503OnClosing');
  if (used.length) throw new Error(`FastifyAdapter features used without their hooks: ${used.join(', ')} (http/lean-adapter.ts)`);
}

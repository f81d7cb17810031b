import { describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { assertAdapterFeaturesUnused, dropUnusedAdapterHooks, leanFastifyAdapter } from './lean-adapter.js';

const hookCount = (fastify: FastifyInstance, name: string): number => {
  const key = Object.getOwnPropertySymbols(fastify).find((s) => s.description === 'fastify.hooks');
  return ((fastify as unknown as Record<symbol, Record<string, unknown[]>>)[key as symbol][name] ?? []).length;
};

describe('leanFastifyAdapter (Nest FastifyAdapter without its no-op request hooks)', () => {
  it("drops exactly the hooks of the adapter's unused features and keeps the request-target check", async () => {
    const adapter = leanFastifyAdapter({ logger: false });
    const dropped = await dropUnusedAdapterHooks(adapter);
    expect(dropped.sort()).toEqual(['corsHook', 'onRequestHook', 'onResponseHook', 'return503OnClosing', 'securityHook', 'versionExtractorErrors']);
    const fastify = adapter.getInstance<FastifyInstance>();
    // Left: the hook that answers request targets no middleware path could match with the not-found handler.
    expect(hookCount(fastify, 'onRequest')).toBe(1);
    expect(hookCount(fastify, 'onResponse')).toBe(0);
  });

  it('still answers a request target that is not origin-form with the not-found handler, and serves the route', async () => {
    const adapter = leanFastifyAdapter({ logger: false });
    await dropUnusedAdapterHooks(adapter);
    const fastify = adapter.getInstance<FastifyInstance>();
    fastify.get('/x', async () => 'ok');
    await fastify.ready();
    expect((await fastify.inject({ method: 'GET', url: '/x' })).statusCode).toBe(200);
    const hooks = (fastify as unknown as Record<symbol, Record<string, ((req: unknown, reply: unknown, done: () => void) => void)[]>>)[
      Object.getOwnPropertySymbols(fastify).find((s) => s.description === 'fastify.hooks') as symbol
    ].onRequest;
    let notFound = false;
    hooks[0].call(adapter, { is404: false, raw: { url: '*x' } }, { callNotFound: () => (notFound = true) }, () => undefined);
    expect(notFound).toBe(true);
    await fastify.close();
  });

  it('fails start-up when a feature whose hook was dropped is switched on', () => {
    const adapter = leanFastifyAdapter({ logger: false });
    expect(() => assertAdapterFeaturesUnused(adapter)).not.toThrow();
    adapter.setOnRequestHook(() => undefined);
    expect(() => assertAdapterFeaturesUnused(adapter)).toThrow(/onRequestHook/);
    const other = leanFastifyAdapter({ logger: false });
    other.initHttpServer({ return503OnClosing: true });
    expect(() => assertAdapterFeaturesUnused(other)).toThrow(/return503OnClosing/);
  });
});

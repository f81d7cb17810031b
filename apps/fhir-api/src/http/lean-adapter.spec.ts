import { describe, expect, it } from '@jest/globals';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { leanFastifyAdapter } from './lean-adapter.js';

/** Whether the adapter, once initialised, put middie's `use` on its Fastify instance. */
async function hasMiddie(adapter: FastifyAdapter): Promise<boolean> {
  await adapter.init();
  const fastify = adapter.getInstance<FastifyInstance>();
  await fastify.ready();
  const has = fastify.hasDecorator('use');
  await fastify.close();
  return has;
}

describe('leanFastifyAdapter', () => {
  it('registers no middie (Nest middleware), where the stock adapter does', async () => {
    expect(await hasMiddie(new FastifyAdapter({ logger: false }))).toBe(true);
    expect(await hasMiddie(leanFastifyAdapter({ logger: false }))).toBe(false);
  });
});

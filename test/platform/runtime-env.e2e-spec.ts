import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
// @ts-expect-error -- a plain ES module of the scripts (no declaration file)
import { RUNTIME_ENV } from '../../scripts/runtime-env.mjs';

/**
 * The product's runtime environment (scripts/runtime-env.mjs, e.g. MALLOC_ARENA_MAX) is what every way of running it
 * gets: the image's runtime stage sets it, and scripts/lts-node.mjs (behind `npm start`, `start:fhir`, `start:worker`)
 * sets whatever the caller has not set, keeping the caller's own value.
 */
const env = RUNTIME_ENV as Record<string, string>;

function childEnv(extra: Record<string, string | undefined>): Record<string, string> {
  const base: Record<string, string | undefined> = { ...process.env, ...extra };
  for (const k of Object.keys(base)) if (base[k] === undefined) delete base[k];
  const r = spawnSync(process.execPath, ['scripts/lts-node.mjs', process.execPath, '-e', 'process.stdout.write(JSON.stringify(process.env))'], { env: base as NodeJS.ProcessEnv, encoding: 'utf8' });
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Record<string, string>;
}

describe('runtime environment', () => {
  it('names at least MALLOC_ARENA_MAX', () => {
    expect(env.MALLOC_ARENA_MAX).toMatch(/^\d+$/);
  });

  it("is set by the Dockerfile's runtime stage", () => {
    const docker = readFileSync(resolve('Dockerfile'), 'utf8');
    const runtime = docker.slice(docker.indexOf('AS runtime'));
    const envLines = runtime.split('\n').filter((l) => l.startsWith('ENV ')).join(' ');
    for (const [k, v] of Object.entries(env)) expect(envLines).toContain(`${k}=${v}`);
  });

  it('is set by scripts/lts-node.mjs when the caller has not set it', () => {
    const unset = Object.fromEntries(Object.keys(env).map((k) => [k, undefined]));
    const seen = childEnv(unset);
    for (const [k, v] of Object.entries(env)) expect(seen[k]).toBe(v);
  });

  it("keeps the caller's own value", () => {
    const own = Object.fromEntries(Object.keys(env).map((k) => [k, '7']));
    const seen = childEnv(own);
    for (const k of Object.keys(env)) expect(seen[k]).toBe('7');
  });
});

/**
 * Module hooks for worker threads started under the tests (the export thread, `export-thread.ts`): jest runs the
 * TypeScript sources through @swc/jest, but a `worker_threads` Worker loads its modules with Node itself. These
 * hooks give it the same view as jest.config.js: `#facade/<lib>` and `#facade/<path>.js` are the libraries'
 * TypeScript sources, a relative `./x.js` imported from a `.ts` file is `./x.ts`, and `.ts` files are compiled with
 * @swc/core (the same options as jest's transform: legacy decorators with metadata, ES modules).
 * test/setup/env.ts names this file in FACADE_THREAD_TS_LOADER; the thread gets it as `--import`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@swc/core';
import { swcOptions as swc } from './swc-options.mjs';

const root = new URL('../../', import.meta.url);

registerHooks({
  resolve(specifier, context, nextResolve) {
    const lib = /^#facade\/([^/]+)$/.exec(specifier);
    if (lib) return { url: new URL(`libs/${lib[1]}/src/index.ts`, root).href, shortCircuit: true };
    const file = /^#facade\/(.+)\.js$/.exec(specifier);
    if (file) return { url: new URL(`libs/${file[1]}.ts`, root).href, shortCircuit: true };
    if (/^\.{1,2}\//.test(specifier) && specifier.endsWith('.js') && context.parentURL?.endsWith('.ts')) {
      const ts = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
      if (existsSync(ts)) return { url: ts.href, shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
    const filename = fileURLToPath(url);
    const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swc, filename });
    return { format: 'module', source: code, shortCircuit: true };
  },
});

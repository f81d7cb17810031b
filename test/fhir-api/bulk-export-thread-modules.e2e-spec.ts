/**
 * What the export thread loads (issue 11, memory): every module is a copy in the thread's own heap, so the thread
 * must not pull in what it never runs — OpenTelemetry (the API's telemetry), jose (token verification) or the
 * CapabilityStatement — through a library's index. A real export thread (`export-thread.worker.ts`, the sources
 * under the tests' loader) records every module it resolves while it opens its sources and answers one call.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '#facade/config';
import type { ThreadAnswer } from '../../apps/fhir-api/src/export/export-thread.js';

describe('export thread modules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'export-thread-modules-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the processor, the mappers and the drivers, but neither OpenTelemetry, jose nor the CapabilityStatement', async () => {
    const log = join(dir, 'modules.txt');
    const recorder = join(dir, 'recorder.mjs');
    // Registered after the tests' TypeScript loader, so it runs first and sees every resolved URL.
    writeFileSync(recorder, `import { appendFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
registerHooks({ resolve(s, c, next) { const r = next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; } });
`);
    const config = loadConfig({ LEGACY_DB_URL: `sqlite:${join(dir, 'legacy.sqlite')}`, FACADE_DB_URL: `sqlite:${join(dir, 'facade.sqlite')}`, DATA_DIR: dir, LOG_LEVEL: 'error' });
    const worker = new Worker(new URL('../../apps/fhir-api/src/export/export-thread.worker.ts', import.meta.url), {
      workerData: { config },
      execArgv: [...process.execArgv, '--import', process.env.FACADE_THREAD_TS_LOADER!, '--import', pathToFileURL(recorder).href],
    });
    try {
      // A plan for an export that does not exist: the thread opens everything, reads the store, and has no chunks.
      const answer = await new Promise<ThreadAnswer>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.postMessage({ id: 1, op: 'plan', args: ['00000000-0000-0000-0000-000000000000'] });
      });
      expect(answer).toEqual({ id: 1, result: [], peak: 0 });
    } finally {
      const exited = new Promise((r) => worker.once('exit', r));
      worker.postMessage('close');
      await exited;
    }
    const urls = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))];
    const loaded = (re: RegExp) => urls.filter((u) => re.test(u));
    // The recorder saw the thread's real work: the processor, a mapper, the ORM and the SQLite driver.
    expect(loaded(/\/export\/export-processor\.ts$/)).toHaveLength(1);
    expect(loaded(/\/libs\/mappers\/src\/observation\//).length).toBeGreaterThan(0);
    expect(loaded(/\/node_modules\/typeorm\//).length).toBeGreaterThan(0);
    expect(loaded(/\/node_modules\/better-sqlite3\//).length).toBeGreaterThan(0);
    expect(loaded(/\/node_modules\/(@opentelemetry\/|jose\/)|\/apps\/fhir-api\/src\/capability\/|\/telemetry\/telemetry\.ts$/)).toEqual([]);
  });
});

import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The boundary rule set (.dependency-cruiser.cjs) as CI runs it (`npm run lint:deps`, part of `npm test`):
 * on a fixture tree with one forbidden import per rule it reports exactly those, and the real tree passes.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = join(ROOT, 'test/platform/fixtures/boundaries');
const CRUISER = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

/** One reported violation: `<severity> <rule>: <from> → <to>` in the `err` output that `npm run lint:deps` prints. */
interface Violation {
  severity: string;
  rule: string;
  from: string;
  to: string;
}

/** Runs the checker as the npm script does (its exit status is what fails CI) and parses what it reports. */
function cruise(cwd: string, paths: string[]): { status: number | null; violations: Violation[] } {
  const run = spawnSync(process.execPath, [CRUISER, '--config', CONFIG, '--output-type', 'err', ...paths], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const violations = [...run.stdout.matchAll(/^\s*(error|warn|info) ([\w-]+): (\S+) → (\S+)$/gm)].map(([, severity, rule, from, to]) => ({ severity, rule, from, to }));
  if (!/dependency violations|no dependency violations found/.test(run.stdout)) throw new Error(`dependency-cruiser did not run (status ${run.status}): ${run.stderr}`);
  return { status: run.status, violations };
}

describe('package boundaries (dependency-cruiser)', () => {
  it('reports every forbidden import of the fixture tree, and nothing it allows', () => {
    const { status, violations } = cruise(FIXTURE, ['libs', 'apps']);
    const found = violations.map((v) => `${v.rule}: ${v.from} -> ${v.to.replace(/^.*node_modules\/([^/]+)\/.*$/, '$1')}`).sort();
    expect(found).toEqual([
      'apps-not-to-each-other: apps/auth/src/main.ts -> apps/fhir-api/src/main.ts',
      'engine-not-to-http: apps/fhir-api/src/engine/search.ts -> apps/fhir-api/src/http/reply.ts',
      'fhir-and-mappers-no-database-driver: libs/fhir/src/index.ts -> pg',
      'legacy-db-no-fhir: libs/legacy-db/src/index.ts -> libs/mappers/src/index.ts',
      'libs-not-to-apps: libs/config/src/index.ts -> apps/fhir-api/src/main.ts',
      'mappers-legacy-db-types-only: libs/mappers/src/open.ts -> libs/legacy-db/src/index.ts',
      'time-is-a-leaf: libs/time/src/index.ts -> libs/config/src/index.ts',
    ]);
    expect(violations.every((v) => v.severity === 'error')).toBe(true);
    expect(status).not.toBe(0); // the npm script fails CI on such a tree
  }, 300_000);

  it('passes on the real tree (no error-level violation)', () => {
    const { status, violations } = cruise(ROOT, ['apps', 'libs', 'test', 'bench']);
    expect(violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(status).toBe(0);
  }, 300_000);
});

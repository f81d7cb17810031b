/**
 * The demo EHR (libs/demo-ehr) as a whole: a small generated database, every row of the mapped tables read back
 * through TypeORM, mapped, and every resource validated against its US Core 6.1.0 profile.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { generateDemoEhr } from '../../../demo-ehr/src/index.js';
import { createLegacyDataSource } from '../../../legacy-db/src/index.js';
import type { FhirResource } from '../common/fhir-types.js';
import { mapAllRows } from './map-all-rows.js';
import { testContext } from './test-context.js';
import { usCoreErrors } from './us-core-validator.js';

describe('demo EHR (40 patients) maps to valid US Core 6.1.0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mappers-demo-'));
  const path = join(dir, 'demo.sqlite');
  const ctx = testContext();
  let ds: DataSource;
  let resources: FhirResource[];

  beforeAll(async () => {
    await generateDemoEhr({ kind: 'sqlite', path }, { patients: 40, seed: 7 });
    ds = createLegacyDataSource({ kind: 'sqlite', path });
    await ds.initialize();
    resources = await mapAllRows(ds, ctx);
  }, 120_000);

  afterAll(async () => {
    await ds?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('maps every resource type the library covers', () => {
    const types = new Set(resources.map((r) => r.resourceType));
    expect([...types].sort()).toEqual([
      'AllergyIntolerance', 'Condition', 'DiagnosticReport', 'DocumentReference', 'Encounter', 'Location', 'Observation', 'Organization',
      'Patient', 'Practitioner', 'PractitionerRole', 'Provenance', 'ServiceRequest', 'Specimen',
    ]);
    expect(resources.filter((r) => r.resourceType === 'Patient').length).toBeGreaterThanOrEqual(40);
    // Every profile of the documents, reports and orders has data in the demo EHR.
    const profiles = new Set(resources.flatMap((r) => (r.meta as { profile?: string[] } | undefined)?.profile ?? []));
    for (const p of ['documentreference', 'diagnosticreport-note', 'observation-clinical-result', 'servicerequest', 'specimen']) {
      expect([...profiles].some((u) => u.includes(`/us-core-${p}|`))).toBe(true);
    }
    const ids = resources.map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every resource conforms to its profile', () => {
    const errors = resources.flatMap((r) => usCoreErrors(r));
    // Show a few distinct problems rather than thousands of repeats.
    expect([...new Set(errors.map((e) => e.replace(/^\S+ /, '')))].slice(0, 20)).toEqual([]);
  }, 180_000);

  it('reports no unknown local code (the demo uses the documented code sets)', () => {
    expect([...new Set(ctx.issues.map((i) => `${i.column}:${i.code}`))]).toEqual([]);
  });
});

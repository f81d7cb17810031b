/**
 * The Bulk export's pages (`SearchPlan.wholeRows`): a page ends on a row boundary, so a wide row (VITALS: several
 * Observations per row) is mapped once, and paging a chunk with whole rows yields exactly the resources, in the same
 * order, as paging the same search resource by resource; export pages bypass the mapped-resource cache. SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createLegacyDataSource, createLegacySqliteDatabase } from '#facade/legacy-db';
import { ResourceRegistry } from '../../apps/fhir-api/src/engine/registry/resource-registry.js';
import type { Cursor } from '../../apps/fhir-api/src/engine/search/cursor.js';
import { SearchExecutor, type SearchPage } from '../../apps/fhir-api/src/engine/search/search-executor.js';
import { resourceDefinitions } from '../../apps/fhir-api/src/resources/index.js';
import { LegacyFactory } from './support/legacy-factory.js';

const ZONE = 'America/New_York';
const ctx = { baseUrl: 'http://fhir.test/fhir', timeZone: ZONE, identifierSystems: { mrn: 'urn:oid:1.2.3', ssn: 'http://hl7.org/fhir/sid/us-ssn', npi: 'http://hl7.org/fhir/sid/us-npi', practice: 'http://fhir.test/sid/practice-id' }, report: () => undefined };
const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:1.2.3', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' }));

describe('Bulk export pages of whole rows', () => {
  let dir: string;
  let ds: DataSource;
  let practice: number;
  let exec: SearchExecutor;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulk-pages-'));
    const path = join(dir, 'legacy.sqlite');
    await createLegacySqliteDatabase(path);
    ds = createLegacyDataSource({ kind: 'sqlite', path }, 2);
    await ds.initialize();
    const f = new LegacyFactory(ds);
    practice = await f.practice();
    const other = await f.practice();
    for (const p of [await f.patient(practice), await f.patient(other), await f.patient(practice)]) {
      for (let i = 0; i < 4; i++) await f.vitals(p, { HEIGHT_IN: 60 + i, WEIGHT_LB: 150 + i });
      await f.vitals(p, { BP_SYSTOLIC: null, BP_DIASTOLIC: null });
      const order = await f.labOrder(p);
      for (let i = 0; i < 3; i++) await f.labResult(order, p);
      await f.socialHx(p, { SMOKING_STATUS: 'FMR', OCCUPATION_TEXT: 'Teacher' });
    }
    exec = new SearchExecutor(ds, ZONE, 0);
  });
  afterAll(async () => {
    await ds?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Every page of one source's chunk, as the export walks it. */
  async function pages(sourceKey: string, count: number, wholeRows: boolean, engine = exec, uncached = false): Promise<SearchPage[]> {
    const def = registry.get('Observation')!.def;
    const i = def.sources.findIndex((s) => s.key === sourceKey);
    const access = { practiceId: practice, restrict: { range: { sourceKey, keyFrom: 0, keyTo: 1_000_000 } } };
    const out: SearchPage[] = [];
    let cursor: Cursor | undefined = { s: null, i, k: 0, x: Number.MAX_SAFE_INTEGER };
    while (cursor && out.length < 100) {
      const page: SearchPage = await engine.search({ def, clauses: [], access, count, cursor, wholeRows, uncached }, ctx);
      out.push(page);
      cursor = page.next;
    }
    return out;
  }
  const ids = (ps: SearchPage[]) => ps.flatMap((p) => p.found.map((f) => f.resource.id));

  it.each(['vitals', 'social', 'lab'])('%s: the same resources in the same order as paging by resources; no row split across pages', async (source) => {
    for (const count of [1, 2, 3, 50]) {
      const whole = await pages(source, count, true);
      const byResource = await pages(source, count, false);
      expect({ count, ids: ids(whole) }).toEqual({ count, ids: ids(byResource) });
      expect(ids(whole).length).toBeGreaterThan(0);
      const rowsOf = (p: SearchPage) => new Set(p.found.map((f) => f.key.k));
      for (let n = 1; n < whole.length; n++) for (const k of rowsOf(whole[n])) expect(rowsOf(whole[n - 1]).has(k)).toBe(false);
    }
  });

  it('maps each wide row once: a page of 2 rows holds all their Observations', async () => {
    const [first] = await pages('vitals', 2, true);
    expect(new Set(first.found.map((f) => f.key.k)).size).toBe(2);
    expect(first.found.length).toBeGreaterThan(2);
    expect(first.next).toBeDefined();
  });

  it('export pages (uncached) leave the mapped-resource cache untouched and read the same resources', async () => {
    const cached = new SearchExecutor(ds, ZONE, 64 * 1024 * 1024);
    const exported = await pages('vitals', 2, true, cached, true);
    expect(cached.cache.stats().entries).toBe(0);
    const searched = await pages('vitals', 2, true, cached, false);
    expect(cached.cache.stats().entries).toBeGreaterThan(0);
    expect(ids(exported)).toEqual(ids(searched));
  });
});

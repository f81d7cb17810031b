/**
 * A source whose resources are stamped by child rows (CareTeam: the latest CARE_TEAM_MEMBER.UPDATED_AT; the schema
 * keeps no team row): `_lastUpdated` compares the source's `lastUpdatedSql` sub-query on SQLite and PostgreSQL, and
 * agrees with the mapped meta.lastUpdated.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { parseSearch } from '#facade/fhir';
import { TEMP_LEGACY_DIALECTS } from '#facade/legacy-db/src/testing/temp-legacy-db.js';
import { testContext } from '#facade/mappers/src/testing/test-context.js';
import { resourceDefinitions } from '../../resources/index.js';
import { insertRows, loadFixtureRows } from '../../testing/registry-rows.js';
import { ResourceRegistry } from '../registry/resource-registry.js';
import { SearchExecutor } from './search-executor.js';

const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:2.16.840.1.113883.3.4.5.6', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' }));
const entry = registry.get('CareTeam')!;

function suite(open: () => Promise<{ ds: DataSource; close: () => Promise<void> }>) {
  let ds: DataSource;
  let close: () => Promise<void>;
  let engine: SearchExecutor;
  const ctx = testContext();
  beforeAll(async () => {
    ({ ds, close } = await open());
    await insertRows(ds, await loadFixtureRows());
    // The charts' own rows changed later than their care teams: a search on PATIENT.UPDATED_AT would disagree.
    await ds.query(`UPDATE "PATIENT" SET "UPDATED_AT" = '2025-06-01 12:00:00'`);
    engine = new SearchExecutor(ds, ctx.timeZone, 0);
  });
  afterAll(async () => close?.());

  const ids = async (query: string) => {
    const req = parseSearch(query, entry.spec, { timeZone: ctx.timeZone });
    const page = await engine.search({ def: entry.def, clauses: req.clauses, access: {}, count: 100 }, ctx);
    return page.found.map((f) => f.resource);
  };

  it("_lastUpdated finds each team by its own stamp (its latest member row), whatever the chart's row says", async () => {
    const teams = await ids('_count=100');
    expect(teams.length).toBeGreaterThan(0);
    for (const team of teams) {
      const stamp = team.meta!.lastUpdated!;
      expect((await ids(`_id=${team.id}&_lastUpdated=${encodeURIComponent(stamp)}`)).map((t) => t.id)).toEqual([team.id]);
      expect(await ids(`_id=${team.id}&_lastUpdated=${encodeURIComponent(`gt${stamp}`)}`)).toEqual([]);
      expect(await ids(`_id=${team.id}&_lastUpdated=ge2025-01-01`)).toEqual([]);
    }
  });
}

describe.each(TEMP_LEGACY_DIALECTS)('_lastUpdated of a resource stamped by child rows (%s)', (_dialect, open) => {
  suite(() => open('last-updated-'));
});

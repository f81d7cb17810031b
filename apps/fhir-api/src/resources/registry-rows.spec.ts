/**
 * Every registered type over the fixture rows of every mapper folder (`libs/mappers/src/** /*.fixture-rows.ts`),
 * read through the engine as the drivers return them (SQLite and PostgreSQL; DECIMAL, DATE and DATETIME through the
 * normalisers): every resource conforms to US Core 6.1.0, ids are unique, and every profile the registry claims is
 * carried by at least one resource (a profile without fixture data fails).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { TEMP_LEGACY_DIALECTS, type TempLegacyDb } from '#facade/legacy-db/src/testing/temp-legacy-db.js';
import { testContext } from '#facade/mappers/src/testing/test-context.js';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { ResourceRegistry } from '../engine/registry/resource-registry.js';
import { insertRows, loadFixtureRows, mapRegistryRows, profilesWithoutData, type MappedResource } from '../testing/registry-rows.js';
import { resourceDefinitions } from './index.js';

const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:2.16.840.1.113883.3.4.5.6', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' }));

async function check(ds: DataSource): Promise<void> {
  const ctx = testContext();
  const mapped = await mapRegistryRows(registry, ds, ctx, ctx.timeZone);
  const ids = mapped.map((m) => `${m.resource.resourceType}/${m.resource.id}`);
  expect(new Set(ids).size).toBe(ids.length);
  expect(profilesWithoutData(registry, mapped)).toEqual([]);
  expect(mapped.filter((m) => m.resource.resourceType !== m.type)).toEqual([]);
  // The types served before the redesign: a few quirks checked by value.
  expect(ids).toEqual(expect.arrayContaining(['Patient/13', 'Organization/payer-4', 'Observation/vitals-71-weight-for-length-percentile', 'Observation/occupation-95', 'Provenance/Condition-50', 'Provenance/Patient-13']));
  expect(ids).not.toContain('Encounter/42'); // deleted in the EHR
  const byId = (type: string, id: string) => mapped.find((m: MappedResource) => m.resource.resourceType === type && m.resource.id === id)?.resource;
  expect(byId('Observation', 'vitals-70-height')?.valueQuantity).toEqual({ value: 65.25, unit: 'in', system: 'http://unitsofmeasure.org', code: '[in_i]' });
  expect(byId('Patient', '14')?.deceasedDateTime).toBe('2024-03-10T03:30:00-04:00');
  // Patient panels (base R4 Group): the merged chart 13 is no member; provider 6 has an empty panel.
  expect(byId('Group', 'practice-1')?.member).toEqual([{ entity: { reference: 'Patient/12' } }, { entity: { reference: 'Patient/14' } }]);
  expect(byId('Group', 'pcp-5')?.quantity).toBe(2);
  expect(byId('Group', 'pcp-6')).toMatchObject({ quantity: 0, type: 'person', actual: true });
  expect(mapped.flatMap((m) => usCoreErrors(m.resource as never).map((e) => `${ids[mapped.indexOf(m)]}: ${e}`))).toEqual([]);
  expect(ctx.issues).toEqual([]);
}

describe.each(TEMP_LEGACY_DIALECTS)('registered types over the fixture rows (%s)', (_dialect, open) => {
  let db: TempLegacyDb | undefined;
  beforeAll(async () => {
    db = await open('registry-rows-');
    await insertRows(db.ds, await loadFixtureRows());
  });
  afterAll(async () => db?.close());

  // On PostgreSQL, DECIMAL comes back as the strings pg returns.
  it('maps every row of every registered source to valid US Core, every claimed profile covered', () => check(db!.ds), 120_000);
});

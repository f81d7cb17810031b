/**
 * The demo EHR (libs/demo-ehr) as a whole: a small generated database, every resource of every registered type
 * read through the engine, validated against its US Core 6.1.0 profile; every claimed profile must have data.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { generateDemoEhr } from '#facade/demo-ehr';
import { createLegacyDataSource } from '#facade/legacy-db';
import { testContext } from '#facade/mappers/src/testing/test-context.js';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { ResourceRegistry } from '../engine/registry/resource-registry.js';
import { mapRegistryRows, profilesWithoutData, type MappedResource } from '../testing/registry-rows.js';
import { resourceDefinitions } from './index.js';

describe('demo EHR (40 patients) maps to valid US Core 6.1.0 for every registered type', () => {
  const dir = mkdtempSync(join(tmpdir(), 'registry-demo-'));
  const path = join(dir, 'demo.sqlite');
  const ctx = testContext();
  const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: ctx.identifierSystems.mrn, ssnSystem: ctx.identifierSystems.ssn }));
  let ds: DataSource;
  let mapped: MappedResource[];

  beforeAll(async () => {
    await generateDemoEhr({ kind: 'sqlite', path }, { patients: 40, seed: 7 });
    ds = createLegacyDataSource({ kind: 'sqlite', path });
    await ds.initialize();
    mapped = await mapRegistryRows(registry, ds, ctx, ctx.timeZone);
  }, 180_000);

  afterAll(async () => {
    await ds?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fills every registered type and profile', () => {
    const types = new Set(mapped.map((m) => m.resource.resourceType));
    // Every type read from the EHR (constant types such as Endpoint are the deployment's own; Binary is read only,
    // through its DocumentReference's attachment.url, never listed by a search).
    expect([...types].sort()).toEqual(registry.all().filter((e) => !e.def.constant && e.def.type !== 'Binary').map((e) => e.def.type).sort());
    expect(profilesWithoutData(registry, mapped)).toEqual([]);
    expect(mapped.filter((m) => m.resource.resourceType === 'Patient').length).toBeGreaterThanOrEqual(40);
    const ids = mapped.map((m) => `${m.resource.resourceType}/${m.resource.id}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has patient panels: every chart not merged away is in its practice\'s Group, most in a PCP Group', () => {
    type Json = Record<string, any>;
    const of = (type: string) => mapped.filter((m) => m.resource.resourceType === type).map((m) => m.resource as Json);
    const patients = of('Patient').filter((p) => !(p.link ?? []).some((l: Json) => l.type === 'replaced-by'));
    const groups = of('Group');
    const practiceGroups = groups.filter((g) => g.id.startsWith('practice-'));
    const inGroup = (g: Json) => new Set((g.member ?? []).map((m: Json) => m.entity.reference));
    const practiceMembers = practiceGroups.flatMap((g) => [...inGroup(g)]);
    expect(practiceMembers.sort()).toEqual(patients.map((p) => `Patient/${p.id}`).sort());
    for (const p of patients) {
      const group = practiceGroups.find((g) => inGroup(g).has(`Patient/${p.id}`))!;
      expect(group.managingEntity.reference).toBe(p.managingOrganization.reference);
    }
    const pcpMembers = groups.filter((g) => g.id.startsWith('pcp-')).flatMap((g) => [...inGroup(g)]);
    expect(new Set(pcpMembers).size).toBe(pcpMembers.length);
    expect(pcpMembers.length).toBeGreaterThan(patients.length / 2);
    expect(groups.every((g) => g.quantity === (g.member ?? []).length)).toBe(true);
  });

  it('every resource conforms to its profile', () => {
    const errors = mapped.flatMap((m) => usCoreErrors(m.resource as never));
    // Show a few distinct problems rather than thousands of repeats.
    expect([...new Set(errors.map((e) => e.replace(/^\S+ /, '')))].slice(0, 20)).toEqual([]);
  }, 180_000);

  it('reports no unknown local code (the demo uses the documented code sets)', () => {
    // Code NULL = a value the profile needs is missing: the sparse (interface-converted) charts leave every
    // nullable column empty on purpose. Those are checked below; every other report is a defect.
    expect([...new Set(ctx.issues.map((i) => `${i.column}:${i.code}`))].filter((i) => !i.endsWith(':NULL'))).toEqual([]);
  });

  it('reports the missing data of sparse charts (a prescription without prescriber, a procedure without time)', () => {
    const missing = [...new Set(ctx.issues.map((i) => `${i.column}:${i.code}`))].filter((i) => i.endsWith(':NULL'));
    expect(missing.sort()).toEqual(['MEDICATION.PRESCRIBER_ID:NULL', 'PROCEDURES.PERFORMED_START:NULL']);
  });
});

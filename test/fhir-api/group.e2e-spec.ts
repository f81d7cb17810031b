/**
 * Group (issue 11): the practice and PCP patient panels through the real app, on SQLite and PostgreSQL: read,
 * search (_id, type, actual, code, managing-entity, member), `_summary`/`_elements` without members, versions
 * that follow membership, confinement (user/ and system/ tokens of the practice only; patient tokens and /open
 * refused), and the membership predicate of `group-membership.ts` selecting exactly the listed members, also as
 * the Bulk export `Group/[id]/$export` applies it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { groupMembershipCondition } from '../../apps/fhir-api/src/resources/group-membership.js';
import { ParamBag } from '../../apps/fhir-api/src/engine/sql/sql-fragment.js';
import { BulkClient } from './support/bulk-export-client.js';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type R = Record<string, any>;
const ids = (res: request.Response) => (res.body.entry ?? []).map((e: R) => `${e.resource.resourceType}/${e.resource.id}`);
const members = (g: R) => (g.member ?? []).map((m: R) => m.entity.reference);

describe.each(['sqlite', 'postgres'] as const)('Group patient panels (%s)', (engine) => {
  let t: FhirTestApp;
  let c: Clinic;
  let provB: number;
  let prov2: number;
  let merged: number;
  let inactive: number;
  let userA: string;
  let systemB: string;
  const as = (token: string, url: string) => request(t.server as never).get(url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startFhirTestApp({ engine });
    c = await seedClinic(t.factory);
    const f = t.factory;
    prov2 = await f.provider(c.practiceA, { LAST_NAME: 'Second', FIRST_NAME: 'Sam', CREDENTIAL: null });
    provB = await f.provider(c.practiceB, { LAST_NAME: 'Hill', FIRST_NAME: 'Holly' });
    merged = await f.patient(c.practiceA, { PCP_PROV_ID: c.provider, MERGED_INTO_PAT_ID: c.amy });
    inactive = await f.patient(c.practiceA, { PCP_PROV_ID: prov2, INACTIVE_YN: 'Y' });
    // Cara (practice B) names practice A's provider as PCP: that opens no chart of B to A's panel.
    await f.update('PATIENT', 'PAT_ID', c.cara, { PCP_PROV_ID: c.provider });
    userA = await t.mint({ scope: 'user/Group.rs', practice: c.practiceA });
    systemB = await t.mint({ scope: 'system/Group.rs', practice: c.practiceB });
  }, 120_000);
  afterAll(async () => t?.close());

  it('reads the practice and PCP panels of the token\'s practice, valid base R4 Groups', async () => {
    const practice = (await as(userA, `/fhir/Group/practice-${c.practiceA}`).expect(200)).body;
    expect(usCoreErrors(practice)).toEqual([]);
    expect(practice).toMatchObject({ resourceType: 'Group', type: 'person', actual: true, name: 'Riverside Family Practice', quantity: 3, managingEntity: { reference: `Organization/practice-${c.practiceA}` } });
    expect(members(practice)).toEqual([`Patient/${c.amy}`, `Patient/${c.bob}`, `Patient/${inactive}`]);
    expect(practice.member[2].inactive).toBe(true);
    const pcp = (await as(userA, `/fhir/Group/pcp-${c.provider}`).expect(200)).body;
    expect(usCoreErrors(pcp)).toEqual([]);
    expect(members(pcp)).toEqual([`Patient/${c.amy}`]);
    expect(pcp.managingEntity).toEqual({ reference: `Practitioner/${c.provider}` });
    expect(members((await as(userA, `/fhir/Group/pcp-${prov2}`).expect(200)).body)).toEqual([`Patient/${inactive}`]);
  });

  it('searches by _id, type, actual, code, managing-entity and member', async () => {
    const all = ids(await as(userA, '/fhir/Group?_count=100').expect(200));
    expect(all.sort()).toEqual([`Group/pcp-${c.provider}`, `Group/pcp-${prov2}`, `Group/practice-${c.practiceA}`].sort());
    expect(ids(await as(userA, `/fhir/Group?_id=pcp-${prov2},practice-${c.practiceB}`).expect(200))).toEqual([`Group/pcp-${prov2}`]);
    expect(ids(await as(userA, '/fhir/Group?type=person&actual=true&_count=100').expect(200)).length).toBe(3);
    expect(ids(await as(userA, '/fhir/Group?type=animal').expect(200))).toEqual([]);
    expect(ids(await as(userA, '/fhir/Group?code=urn:ehr-facade:group-kind|practice-panel').expect(200))).toEqual([`Group/practice-${c.practiceA}`]);
    expect(ids(await as(userA, `/fhir/Group?managing-entity=Practitioner/${c.provider}`).expect(200))).toEqual([`Group/pcp-${c.provider}`]);
    expect(ids(await as(userA, `/fhir/Group?managing-entity=Organization/practice-${c.practiceA}`).expect(200))).toEqual([`Group/practice-${c.practiceA}`]);
    expect(ids(await as(userA, `/fhir/Group?member=Patient/${c.amy}`).expect(200)).sort()).toEqual([`Group/pcp-${c.provider}`, `Group/practice-${c.practiceA}`].sort());
    expect(ids(await as(userA, `/fhir/Group?member=${inactive}`).expect(200)).sort()).toEqual([`Group/pcp-${prov2}`, `Group/practice-${c.practiceA}`].sort());
    expect(ids(await as(userA, `/fhir/Group?member=Patient/${merged}`).expect(200))).toEqual([]);
    // Another practice's chart is no member of anything the token reaches.
    expect(ids(await as(userA, `/fhir/Group?member=Patient/${c.cara}`).expect(200))).toEqual([]);
    expect(ids(await as(systemB, `/fhir/Group?member=Patient/${c.cara}`).expect(200))).toEqual([`Group/practice-${c.practiceB}`]);
    await as(userA, '/fhir/Group?member=Practitioner/1').expect(400);
    await as(userA, '/fhir/Group?characteristic=x').expect(400);
  });

  it('_summary=true, _elements and _summary=count leave the members out', async () => {
    const summary = (await as(userA, `/fhir/Group/practice-${c.practiceA}?_summary=true`).expect(200)).body;
    expect(summary.member).toBeUndefined();
    expect(summary.quantity).toBe(3);
    const elements = (await as(userA, `/fhir/Group/pcp-${c.provider}?_elements=name`).expect(200)).body;
    expect(elements).toMatchObject({ resourceType: 'Group', id: `pcp-${c.provider}`, name: expect.any(String) });
    expect(elements.member).toBeUndefined();
    await as(userA, `/fhir/Group/pcp-${c.provider}?_summary=count`).expect(400);
    const search = (await as(userA, '/fhir/Group?_elements=name,quantity&_count=100').expect(200)).body;
    expect(search.entry.every((e: R) => e.resource.member === undefined && typeof e.resource.quantity === 'number')).toBe(true);
    expect((await as(userA, '/fhir/Group?_summary=count').expect(200)).body.total).toBe(3);
  });

  it('is in the /fhir CapabilityStatement with its searches, not in /open\'s', async () => {
    const fhir = (await request(t.server as never).get('/fhir/metadata').expect(200)).body;
    const group = fhir.rest[0].resource.find((r: R) => r.type === 'Group');
    expect(group.searchParam.map((p: R) => p.name).sort()).toEqual(['_id', '_lastUpdated', 'actual', 'code', 'managing-entity', 'member', 'type']);
    expect(group.supportedProfile).toBeUndefined();
    const open = (await request(t.server as never).get('/open/metadata').expect(200)).body;
    expect(open.rest[0].resource.some((r: R) => r.type === 'Group')).toBe(false);
    expect(open.rest[0].resource.some((r: R) => r.type === 'Patient')).toBe(true);
  });

  it('confines Groups to the practice: other practices 404, patient tokens and /open 403', async () => {
    await as(userA, `/fhir/Group/practice-${c.practiceB}`).expect(404);
    await as(userA, `/fhir/Group/pcp-${provB}`).expect(404);
    const b = (await as(systemB, `/fhir/Group/practice-${c.practiceB}`).expect(200)).body;
    expect(members(b)).toEqual([`Patient/${c.cara}`]);
    expect(members((await as(systemB, `/fhir/Group/pcp-${provB}`).expect(200)).body)).toEqual([]);
    await as(systemB, `/fhir/Group/pcp-${c.provider}`).expect(404);
    const multi = await t.mint({ scope: 'system/*.rs', practices: [c.practiceA, c.practiceB] });
    expect(ids(await as(multi, '/fhir/Group?code=urn:ehr-facade:group-kind|practice-panel&_count=100').expect(200)).sort()).toEqual([`Group/practice-${c.practiceA}`, `Group/practice-${c.practiceB}`].sort());
    const patient = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy), practice: c.practiceA });
    await as(patient, '/fhir/Group').expect(403);
    await as(patient, `/fhir/Group/practice-${c.practiceA}`).expect(403);
    const openToken = await t.mint({ scope: 'patient/*.rs user/*.rs', patient: String(c.amy), practice: c.practiceA }, { aud: 'http://fhir.test/open' });
    await as(openToken, '/open/Group').expect(403);
    const noGroupScope = await t.mint({ scope: 'user/Patient.rs', practice: c.practiceA });
    await as(noGroupScope, `/fhir/Group/practice-${c.practiceA}`).expect(403);
    const res = await as(patient, '/fhir/Group').expect(403);
    expect(res.body.resourceType).toBe('OperationOutcome');
  });

  it('follows membership changes: a new PCP moves the chart, the version changes', async () => {
    const before = await as(userA, `/fhir/Group/pcp-${prov2}`).expect(200);
    await t.factory.update('PATIENT', 'PAT_ID', c.bob, { PCP_PROV_ID: prov2 });
    const after = await as(userA, `/fhir/Group/pcp-${prov2}`).expect(200);
    expect(members(after.body)).toEqual([`Patient/${c.bob}`, `Patient/${inactive}`]);
    expect(after.body.meta.versionId).not.toBe(before.body.meta.versionId);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    await t.factory.update('PATIENT', 'PAT_ID', c.bob, { PCP_PROV_ID: null });
    expect(members((await as(userA, `/fhir/Group/pcp-${prov2}`).expect(200)).body)).toEqual([`Patient/${inactive}`]);
  });

  it('groupMembershipCondition selects exactly the members each Group lists', async () => {
    const multi = await t.mint({ scope: 'system/Group.rs', practices: [c.practiceA, c.practiceB] });
    const groups = (await as(multi, '/fhir/Group?_count=100').expect(200)).body.entry.map((e: R) => e.resource);
    expect(groups.length).toBe(5);
    const dialect = engine === 'sqlite' ? 'sqlite' : 'postgres';
    for (const g of groups) {
      const bag = new ParamBag(dialect);
      const cond = groupMembershipCondition(g.id, 'p', bag);
      if (typeof cond === 'boolean') throw new Error(`no condition for ${g.id}`);
      const rows: R[] = await t.ds.createQueryBuilder().select('p.PAT_ID', 'id').from('PATIENT', 'p').where(cond.sql, bag.values).orderBy('p.PAT_ID').getRawMany();
      expect({ id: g.id, members: rows.map((r) => `Patient/${r.id}`) }).toEqual({ id: g.id, members: members(g) });
    }
    expect(groupMembershipCondition('pcp-x', 'p', new ParamBag(dialect))).toBe(false);
  });

  it('Group/[id]/$export exports exactly the members each Group lists; another practice\'s PCP panel is 404', async () => {
    // A token of both practices: the practice confinement alone would let Cara (practice B, whose PCP is practice A's
    // provider) into A's PCP panel; the Group type's membership rule, which the export uses, keeps her out.
    const multi = await t.mint({ scope: 'system/*.rs', practices: [c.practiceA, c.practiceB] });
    const groups = (await as(multi, '/fhir/Group?_count=100').expect(200)).body.entry.map((e: R) => e.resource);
    expect(groups.map((g: R) => g.id)).toContain(`pcp-${c.provider}`);
    const bulk = new BulkClient(t.server, multi);
    for (const g of groups) {
      const exported = await bulk.download(await bulk.poll(await bulk.kickOff(`/fhir/Group/${g.id}/$export?_type=Patient`)));
      const patients = exported.map((r) => `Patient/${r.id}`).sort();
      expect({ id: g.id, members: patients }).toEqual({ id: g.id, members: [...members(g)].sort() });
    }
    const other = await new BulkClient(t.server, await t.mint({ scope: 'system/*.rs', practice: c.practiceB })).get(`/fhir/Group/pcp-${c.provider}/$export`).set('Prefer', 'respond-async');
    expect(other.status).toBe(404);
    expect(other.body.resourceType).toBe('OperationOutcome');
  });
});

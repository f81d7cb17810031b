/**
 * RelatedPerson for portal proxies (PORTAL_PROXY, `proxy-<PORTAL_ID>-<PAT_ID>`, a composite key) over HTTP: the
 * proxy served beside the patient's contacts, valid US Core 6.1.0, its Provenance, paging links across the composite
 * key, and confinement: a patient token sees only its own chart's proxies, a proxy token (as the auth app's portal
 * proxy login issues it: the account holder's `sub`/`fhirUser`, the chart acted for as `patient`) only those of the
 * chart it acts for, user tokens only their practice's.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { seedClinic, type Clinic } from './support/clinic.js';
import { FHIR_URL, startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type R = Record<string, any>;
const ids = (res: request.Response, mode?: string) =>
  (res.body.entry ?? []).filter((e: R) => !mode || e.search?.mode === mode).map((e: R) => `${e.resource.resourceType}/${e.resource.id}`);

describe('RelatedPerson: portal proxies over HTTP', () => {
  let t: FhirTestApp;
  let c: Clinic;
  let account: number;
  let amyProxy: string;
  let caraProxy: string;
  const as = (token: string, url: string) => request(t.server as never).get(url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startFhirTestApp({});
    c = await seedClinic(t.factory);
    // Bob (practice A) holds a portal account with proxy access to Amy (spouse, practice A) and, ended, to Cara (practice B).
    account = await t.factory.insert('PORTAL_ACCOUNT', {
      USERNAME: 'bob.baker', PWD_HASH: 'x', PWD_SALT: null, PWD_ALGO: 'PBKDF2', PAT_ID: c.bob, EMAIL: 'bob@mail.example', ACTIVE_YN: 'Y', LOCKED_YN: 'N',
      FAILED_LOGINS: 0, CREATED_AT: '2024-01-02T10:00:00', UPDATED_AT: '2024-01-02T10:00:00', ROW_VER: 1,
    });
    await t.factory.insert('PORTAL_PROXY', { PORTAL_ID: account, PAT_ID: c.amy, RELATION_CODE: 'SPS', START_DATE: '2024-01-02', END_DATE: null });
    await t.factory.insert('PORTAL_PROXY', { PORTAL_ID: account, PAT_ID: c.cara, RELATION_CODE: 'FTH', START_DATE: '2016-01-01', END_DATE: '2023-12-31' });
    amyProxy = `RelatedPerson/proxy-${account}-${c.amy}`;
    caraProxy = `RelatedPerson/proxy-${account}-${c.cara}`;
  });
  afterAll(async () => t?.close());

  it("serves the chart's proxies beside its contacts: valid US Core, relationship, the holder's name, its Provenance", async () => {
    const user = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    const res = await as(user, `/fhir/RelatedPerson?patient=${c.amy}&_revinclude=Provenance:target`).expect(200);
    expect(ids(res, 'match')).toEqual([`RelatedPerson/contact-${c.records.amyContact}`, amyProxy]);
    expect(ids(res, 'include').sort()).toEqual(ids(res, 'match').map((m: string) => `Provenance/${m.replace('/', '-')}`).sort());
    for (const e of res.body.entry) expect({ id: e.resource.id, errors: usCoreErrors(e.resource) }).toEqual({ id: e.resource.id, errors: [] });
    const proxy = res.body.entry.find((e: R) => `RelatedPerson/${e.resource.id}` === amyProxy).resource;
    expect(proxy).toMatchObject({
      active: true,
      patient: { reference: `Patient/${c.amy}` },
      relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'SPS' }] }],
      name: [{ family: 'Baker', given: ['Bob'] }],
      telecom: [{ system: 'email', value: 'bob@mail.example' }],
    });
    const read = await as(user, `/fhir/${amyProxy}`).expect(200);
    expect(read.headers.etag).toBe(`W/"${proxy.meta.versionId}"`);
    const prov = await as(user, `/fhir/Provenance/RelatedPerson-proxy-${account}-${c.amy}`).expect(200);
    expect(prov.body.target).toEqual([{ reference: amyProxy }]);
    expect(prov.body.meta.versionId).toBe(proxy.meta.versionId);
    expect(ids(await as(user, `/fhir/RelatedPerson?patient=${c.amy}&relationship=SPS`).expect(200))).toEqual([`RelatedPerson/contact-${c.records.amyContact}`, amyProxy]);
    expect(ids(await as(user, `/fhir/RelatedPerson?patient=${c.amy}&name=bak`).expect(200))).toEqual([amyProxy]);
  });

  it('pages across the composite key with next and previous links', async () => {
    const user = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    const first = await as(user, `/fhir/RelatedPerson?patient=${c.amy}&_count=1`).expect(200);
    expect(ids(first)).toEqual([`RelatedPerson/contact-${c.records.amyContact}`]);
    const next = first.body.link.find((l: R) => l.relation === 'next').url as string;
    const second = await as(user, next.replace(/^https?:\/\/[^/]+/, '')).expect(200);
    expect(ids(second)).toEqual([amyProxy]);
    expect(second.body.link.find((l: R) => l.relation === 'next')).toBeUndefined();
    const previous = second.body.link.find((l: R) => l.relation === 'previous').url as string;
    expect(ids(await as(user, previous.replace(/^https?:\/\/[^/]+/, '')).expect(200))).toEqual([`RelatedPerson/contact-${c.records.amyContact}`]);
  });

  it("a patient token sees its own chart's proxies only", async () => {
    const amy = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy), practice: c.practiceA });
    const amyOpen = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy), practice: c.practiceA }, { aud: `${FHIR_URL}/open` });
    expect(ids(await as(amy, '/fhir/RelatedPerson?name=baker').expect(200))).toEqual([amyProxy]);
    expect(ids(await as(amyOpen, '/open/RelatedPerson').expect(200))).toEqual([`RelatedPerson/contact-${c.records.amyContact}`, amyProxy]);
    await as(amy, `/fhir/${caraProxy}`).expect(404);
    expect(ids(await as(amy, `/fhir/RelatedPerson?_id=proxy-${account}-${c.cara}`).expect(200))).toEqual([]);
    await as(amy, `/fhir/Provenance/RelatedPerson-proxy-${account}-${c.cara}`).expect(404);
  });

  it('a proxy token (the holder acting for a chart) sees the proxies of the chart it acts for, not of the holder or other charts', async () => {
    const proxy = await t.mint({ scope: 'patient/*.rs openid fhirUser', sub: `portal:${account}`, fhirUser: `${FHIR_URL}/open/Patient/${c.bob}`, patient: String(c.cara), practice: c.practiceB }, { aud: `${FHIR_URL}/open` });
    expect(ids(await as(proxy, '/open/RelatedPerson').expect(200))).toEqual([`RelatedPerson/contact-${c.records.caraContact}`, caraProxy]);
    const ended = await as(proxy, `/open/${caraProxy}`).expect(200);
    expect(ended.body).toMatchObject({ active: false, period: { start: '2016-01-01', end: '2023-12-31' } });
    await as(proxy, `/open/${amyProxy}`).expect(404);
    expect(ids(await as(proxy, `/open/RelatedPerson?patient=${c.bob}`).expect(200))).toEqual([]);
    expect(ids(await as(proxy, `/open/RelatedPerson?_id=proxy-${account}-${c.amy}`).expect(200))).toEqual([]);
  });

  it("user tokens see their practice's charts' proxies only (the chart acted for decides, not the holder's)", async () => {
    const userA = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    const userB = await t.mint({ scope: 'user/*.rs', practice: c.practiceB });
    expect(ids(await as(userA, '/fhir/RelatedPerson?name=baker').expect(200))).toEqual([amyProxy]);
    expect(ids(await as(userB, '/fhir/RelatedPerson?name=baker').expect(200))).toEqual([caraProxy]);
    await as(userB, `/fhir/${amyProxy}`).expect(404);
    await as(userA, `/fhir/${caraProxy}`).expect(404);
    const granular = await t.mint({ scope: 'user/Observation.rs', practice: c.practiceA });
    await as(granular, `/fhir/${amyProxy}`).expect(403);
  });

  it('ids that are not proxies of this facade are 404s, never database errors', async () => {
    const user = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    for (const id of ['proxy-1', `proxy-${account}-${c.amy}-1`, 'proxy-0-1', 'proxy-99999999999-1', `proxy-0${account}-${c.amy}`]) await as(user, `/fhir/RelatedPerson/${id}`).expect(404);
  });
});

/**
 * Scope and compartment isolation: a patient/ token never sees another patient, a user/ token never sees another
 * practice, granular category scopes filter results, includes never leak, /open needs a patient in context.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { seedClinic, type Clinic } from './support/clinic.js';
import { FHIR_URL, startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type R = Record<string, any>;
const ids = (res: request.Response) => (res.body.entry ?? []).map((e: R) => `${e.resource.resourceType}/${e.resource.id}`);

describe('access control', () => {
  let t: FhirTestApp;
  let c: Clinic;
  const as = (token: string, url: string) => request(t.server as never).get(url).set('Authorization', `Bearer ${token}`);

  const revoked = { jtis: [] as string[], grants: [] as string[], approvals: [] as { clientId: string; practiceId: number; revokedAt: number }[] };

  beforeAll(async () => {
    t = await startFhirTestApp({ revocations: { revokedSince: async () => revoked } });
    c = await seedClinic(t.factory);
  });
  afterAll(async () => t?.close());

  it("confines a patient/ token to its patient's compartment, for reads, searches and includes", async () => {
    const amy = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy), practice: c.practiceA });
    await as(amy, `/fhir/Patient/${c.amy}`).expect(200);
    await as(amy, `/fhir/Patient/${c.bob}`).expect(404);
    await as(amy, `/fhir/Observation/lab-${c.caraLab}`).expect(404);
    await as(amy, `/fhir/Provenance/Observation-lab-${c.caraLab}`).expect(404);
    const bobs = await as(amy, `/fhir/Observation?patient=${c.bob}`).expect(200);
    expect(ids(bobs)).toEqual([]);
    const all = await as(amy, '/fhir/Patient').expect(200);
    expect(ids(all)).toEqual([`Patient/${c.amy}`]);
    const withInclude = await as(amy, `/fhir/Observation?patient=${c.amy}&_include=Observation:patient&_revinclude=Provenance:target`).expect(200);
    const patients = ids(withInclude).filter((i: string) => i.startsWith('Patient/'));
    expect(patients).toEqual([`Patient/${c.amy}`]);
    expect(ids(withInclude).filter((i: string) => i.startsWith('Provenance/')).length).toBeGreaterThan(0);
    // Non-compartment types are readable by any valid token.
    await as(amy, `/fhir/Practitioner/${c.provider}`).expect(200);
  });

  it('confines a user/ token to its practice', async () => {
    const userA = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    const res = await as(userA, '/fhir/Patient?name=shaw').expect(200);
    expect(ids(res)).toEqual([`Patient/${c.amy}`]);
    await as(userA, `/fhir/Patient/${c.cara}`).expect(404);
    const labs = await as(userA, `/fhir/Observation?category=laboratory&_count=100`).expect(200);
    expect(ids(labs)).toEqual([`Observation/lab-${c.amyLab}`, `Observation/lab-${c.amyLab2}`]);
    const userB = await t.mint({ scope: 'user/*.rs', practice: c.practiceB });
    const other = await as(userB, '/fhir/Patient?name=shaw').expect(200);
    expect(ids(other)).toEqual([`Patient/${c.cara}`]);
  });

  it('filters results by granular category scopes', async () => {
    const labOnly = await t.mint({
      scope: 'patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory patient/Patient.rs',
      patient: String(c.amy),
    });
    const res = await as(labOnly, `/fhir/Observation?patient=${c.amy}`).expect(200);
    expect(ids(res)).toEqual([`Observation/lab-${c.amyLab}`, `Observation/lab-${c.amyLab2}`]);
    await as(labOnly, `/fhir/Observation/vitals-${c.amyVitals}-bp`).expect(404);
    await as(labOnly, `/fhir/Observation/lab-${c.amyLab}`).expect(200);
    const cond = await t.mint({ scope: 'patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis', patient: String(c.amy) });
    const conditions = await as(cond, `/fhir/Condition?patient=${c.amy}`).expect(200);
    expect(ids(conditions)).toEqual([`Condition/${c.amyDiagnosis}`]);
  });

  it('grants nothing for granular scopes that do not restrict (result parameters, empty values, bad escapes)', async () => {
    for (const query of ['_count=1', 'category=', '_sort=date', 'category=%E0']) {
      const tok = await t.mint({ scope: `patient/Observation.rs?${query}`, patient: String(c.amy) });
      const res = await as(tok, `/fhir/Observation?patient=${c.amy}`);
      // Either the scope is dropped (403) or it filters everything out (200, empty): never the whole type.
      expect({ query, ok: res.status === 403 || (res.status === 200 && ids(res).length === 0) }).toEqual({ query, ok: true });
    }
  });

  it('treats any case variant of /open as /open', async () => {
    const user = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    await as(user, `/OPEN/Patient/${c.amy}`).expect(401);
    const patient = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy) }, { aud: `${FHIR_URL}/open` });
    await as(patient, `/Open/Patient/${c.amy}`).expect(200);
  });

  it('answers 403 for types and interactions the scopes do not grant', async () => {
    const token = await t.mint({ scope: 'patient/Patient.rs patient/Observation.r', patient: String(c.amy) });
    const cond = await as(token, `/fhir/Condition?patient=${c.amy}`).expect(403);
    expect(cond.body.issue[0].code).toBe('forbidden');
    await as(token, `/fhir/Observation?patient=${c.amy}`).expect(403);
    await as(token, `/fhir/Observation/lab-${c.amyLab}`).expect(200);
  });

  it('confines system/ tokens to the practice or practices they name, and refuses one that names none', async () => {
    const one = await t.mint({ scope: 'system/*.rs', practice: c.practiceB });
    expect(ids(await as(one, '/fhir/Patient?name=shaw').expect(200))).toEqual([`Patient/${c.cara}`]);
    const both = await t.mint({ scope: 'system/*.rs', practices: [c.practiceA, c.practiceB] });
    expect(ids(await as(both, '/fhir/Patient?name=shaw').expect(200)).sort()).toEqual([`Patient/${c.amy}`, `Patient/${c.cara}`].sort());
    const onlyA = await t.mint({ scope: 'system/*.rs', practices: [c.practiceA] });
    await as(onlyA, `/fhir/Patient/${c.cara}`).expect(404);
    const none = await t.mint({ scope: 'system/*.rs' });
    await as(none, '/fhir/Patient?name=shaw').expect(403);
  });

  it('requires a patient in context on /open', async () => {
    const user = await t.mint({ scope: 'user/*.rs', practice: c.practiceA }, { aud: `${FHIR_URL}/open` });
    await as(user, `/open/Patient/${c.amy}`).expect(403);
    const patient = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy) }, { aud: `${FHIR_URL}/open` });
    await as(patient, `/open/Patient/${c.amy}`).expect(200);
    await as(patient, `/open/Patient/${c.bob}`).expect(404);
    // A token for /fhir is not accepted on /open.
    const fhirToken = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy) });
    await as(fhirToken, `/open/Patient/${c.amy}`).expect(401);
  });

  it('stops accepting a token, a grant or an app approval once the auth app revokes it', async () => {
    const token = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy), jti: 'to-revoke' });
    const granted = await t.mint({ scope: 'patient/*.rs', patient: String(c.amy), grant: 'grant-1' });
    const approved = await t.mint({ scope: 'user/*.rs', practice: c.practiceA, client_id: 'revoked-app' });
    for (const tok of [token, granted, approved]) await as(tok, `/fhir/Patient/${c.amy}`).expect(200);
    revoked.jtis.push('to-revoke');
    revoked.grants.push('grant-1');
    revoked.approvals.push({ clientId: 'revoked-app', practiceId: c.practiceA, revokedAt: Date.now() + 1000 });
    await new Promise((r) => setTimeout(r, 300));
    for (const tok of [token, granted, approved]) await as(tok, `/fhir/Patient/${c.amy}`).expect(401);
    await as(await t.mint({ scope: 'patient/*.rs', patient: String(c.amy) }), `/fhir/Patient/${c.amy}`).expect(200);
  });

  it('refuses missing, expired, foreign and wrongly issued tokens with 401 and WWW-Authenticate', async () => {
    const none = await request(t.server as never).get(`/fhir/Patient/${c.amy}`).expect(401);
    expect(none.headers['www-authenticate']).toContain('Bearer');
    expect(none.body.resourceType).toBe('OperationOutcome');
    const expired = await t.mint({}, { exp: Math.floor(Date.now() / 1000) - 120 });
    const res = await as(expired, `/fhir/Patient/${c.amy}`).expect(401);
    expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    await as(await t.mint({}, { iss: 'http://evil.test' }), `/fhir/Patient/${c.amy}`).expect(401);
    await as('garbage', `/fhir/Patient/${c.amy}`).expect(401);
  });
});

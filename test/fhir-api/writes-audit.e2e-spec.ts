/**
 * The write actor in the facade store's audit (issue 10): writes by patient and proxy tokens are stamped in the EHR
 * with the service user (FHIR_WRITE_SERVICE_USER_ID), and the facade's `audit_events` names the real actor (the
 * portal account, the client, the practice, the resource, create/update, the outcome); a user token's write records
 * the user itself as UPDATED_BY; refused writes are recorded with their status. Keys only, no resource content.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { AuditEventRow } from '#facade/facade-store';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';
import { peanutAllergy } from './support/write-suite.js';
import { vitalSign } from './support/write-vitals-suite.js';
import { SYSTEM } from '#facade/mappers';

type R = Record<string, any>;
const SERVICE_USER = 900;

describe('write actor in the facade audit (sqlite)', () => {
  let t: FhirTestApp;
  let clinic: Clinic;
  const send = (method: 'post' | 'put', path: string, token: string, body: unknown, ifMatch?: string) => {
    const r = request(t.server as never)[method](`/fhir/${path}`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/fhir+json');
    return (ifMatch ? r.set('If-Match', ifMatch) : r).send(JSON.stringify(body));
  };
  const writes = async () => (await t.store!.audit.recent(50)).filter((a) => a.type === 'fhir.write').reverse();
  const detail = (a: AuditEventRow) => JSON.parse(a.detail ?? '{}') as R;

  beforeAll(async () => {
    t = await startFhirTestApp({ engine: 'sqlite', audit: true, writeServiceUser: SERVICE_USER });
    clinic = await seedClinic(t.factory);
  });
  afterAll(async () => t?.close());

  it('a patient write: UPDATED_BY is the service user, the audit names the portal account, the client and the practice', async () => {
    const token = await t.mint({ scope: 'patient/Patient.ru', patient: String(clinic.amy), practice: clinic.practiceA, sub: 'portal:41', client_id: 'patient-app', fhirUser: `Patient/${clinic.amy}` });
    const current = (await request(t.server as never).get(`/fhir/Patient/${clinic.amy}`).set('Authorization', `Bearer ${token}`).expect(200)).body as R;
    const res = await send('put', `Patient/${clinic.amy}`, token, { ...current, telecom: [{ system: 'phone', value: '6175550142', use: 'home' }] }, `W/"${current.meta.versionId}"`).expect(200);
    expect(await t.ds.getRepository('PATIENT').findOneByOrFail({ PAT_ID: clinic.amy })).toMatchObject({ HOME_PHONE: '6175550142', UPDATED_BY: SERVICE_USER });
    const [a] = (await writes()).slice(-1);
    expect(a).toMatchObject({ actor: 'portal:41', clientId: 'patient-app', practiceId: clinic.practiceA });
    expect(detail(a)).toMatchObject({ interaction: 'update', resourceType: 'Patient', id: String(clinic.amy), version: res.body.meta.versionId, outcome: 'success', patient: String(clinic.amy), fhirUser: `Patient/${clinic.amy}`, recordedUser: SERVICE_USER });
    expect(a.detail).not.toContain('6175550142');
  });

  it('a proxy write (vital sign for the chart it acts for) names the proxy account; a refused write is recorded with its status', async () => {
    const proxy = await t.mint({ scope: 'patient/Observation.c patient/Observation.rs', patient: String(clinic.amy), practice: clinic.practiceA, sub: 'portal:42', client_id: 'family-app', fhirUser: `RelatedPerson/proxy-42-${clinic.amy}` });
    const weight = vitalSign(clinic.amy, '29463-7', { value: 70, unit: 'kg', system: SYSTEM.ucum, code: 'kg' });
    const res = await send('post', 'Observation', proxy, weight).expect(201);
    const row = (await t.ds.getRepository('VITALS').findOneByOrFail({ VITAL_ID: Number(/^vitals-(\d+)-/.exec(res.body.id)![1]) })) as R;
    expect(row).toMatchObject({ CREATED_BY: SERVICE_USER, UPDATED_BY: SERVICE_USER });
    await send('post', 'Observation', proxy, vitalSign(clinic.bob, '29463-7', { value: 70, unit: 'kg', system: SYSTEM.ucum, code: 'kg' })).expect(403);
    const [ok, refused] = (await writes()).slice(-2);
    expect(ok).toMatchObject({ actor: 'portal:42', clientId: 'family-app', practiceId: clinic.practiceA });
    expect(detail(ok)).toMatchObject({ interaction: 'create', resourceType: 'Observation', id: res.body.id, outcome: 'success', patient: String(clinic.amy), fhirUser: `RelatedPerson/proxy-42-${clinic.amy}` });
    expect(refused).toMatchObject({ actor: 'portal:42', clientId: 'family-app' });
    expect(detail(refused)).toMatchObject({ interaction: 'create', resourceType: 'Observation', id: null, outcome: 403 });
  });

  it('a user write records the user as CREATED_BY/UPDATED_BY and as the actor', async () => {
    const user = await t.mint({ scope: 'user/AllergyIntolerance.cru user/Patient.rs', practice: clinic.practiceA, sub: `user:${clinic.user}`, client_id: 'ehr-app' });
    const res = await send('post', 'AllergyIntolerance', user, peanutAllergy(clinic.amy)).expect(201);
    expect(await t.ds.getRepository('ALLERGY').findOneByOrFail({ ALLERGY_ID: Number(res.body.id) })).toMatchObject({ CREATED_BY: clinic.user, UPDATED_BY: clinic.user });
    const [a] = (await writes()).slice(-1);
    expect(a).toMatchObject({ actor: `user:${clinic.user}`, clientId: 'ehr-app', practiceId: clinic.practiceA });
    expect(detail(a)).toMatchObject({ interaction: 'create', resourceType: 'AllergyIntolerance', id: res.body.id, version: '1', outcome: 'success', recordedUser: clinic.user });
    expect(a.detail).not.toContain('Peanut');
  });
});

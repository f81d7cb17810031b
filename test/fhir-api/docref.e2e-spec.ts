/**
 * US Core `$docref` end to end: the patient's existing C-CDA documents (CCD by default) in a care-date range as a
 * searchset, GET and POST (form and Parameters), the confinement of DocumentReference search (a patient token only
 * its own chart, a user token only its practice), 400s for a missing patient or a bad parameter, and the
 * operation in the CapabilityStatement.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type R = Record<string, any>;
const ids = (res: request.Response) => (res.body.entry ?? []).map((e: R) => `${e.resource.resourceType}/${e.resource.id}`);
const NOW = '2024-01-10T10:00:00';
const XML = Buffer.from('<ClinicalDocument xmlns="urn:hl7-org:v3"/>', 'utf8');

describe('DocumentReference/$docref', () => {
  let t: FhirTestApp;
  let c: Clinic;
  let k: Record<string, number>;
  const get = (token: string, url: string) => request(t.server as never).get(url).set('Authorization', `Bearer ${token}`);
  const post = (token: string, url: string) => request(t.server as never).post(url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    t = await startFhirTestApp();
    c = await seedClinic(t.factory);
    const audit = { DELETED_YN: 'N', CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1 };
    const doc = (patId: number, o: Record<string, unknown>) => t.factory.insert('DOCUMENT', {
      PAT_ID: patId, VISIT_ID: null, DOC_CATEGORY: 'CCDA', LOINC_TYPE: null, TITLE: 'Summary of care', MIME_TYPE: 'application/xml',
      CONTENT: XML, SIZE_BYTES: XML.length, SHA1_HEX: null, DOC_DATE: '2024-01-09T08:00:00', AUTHOR_PROV_ID: null, ...audit, ...o,
    });
    const amyCcdJan = await doc(c.amy, {});
    const amyCcdMar = await doc(c.amy, { LOINC_TYPE: '34133-9', DOC_DATE: '2024-03-05T08:00:00', CREATED_AT: '2024-03-05T09:00:00' });
    const amyDeletedCcd = await doc(c.amy, { DOC_DATE: '2024-02-01T08:00:00', DELETED_YN: 'Y' });
    const amyConsent = await doc(c.amy, { DOC_CATEGORY: 'CONSENT', TITLE: 'Consent', MIME_TYPE: 'application/pdf' });
    const caraCcd = await doc(c.cara, {});
    k = { amyCcdJan, amyCcdMar, amyDeletedCcd, amyConsent, caraCcd };
  });
  afterAll(async () => t?.close());

  it('default type is the CCD: the patient’s existing C-CDA documents, newest first, as a searchset', async () => {
    const tok = await t.mint({ scope: 'patient/DocumentReference.rs', patient: String(c.amy) });
    const res = await get(tok, `/fhir/DocumentReference/$docref?patient=${c.amy}`).expect(200);
    expect(res.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(ids(res)).toEqual([`DocumentReference/doc-${k.amyCcdMar}`, `DocumentReference/doc-${k.amyCcdJan}`]);
    expect(res.body.entry[0].resource.type.coding[0]).toMatchObject({ system: 'http://loinc.org', code: '34133-9' });
  });

  it('start/end select by care date; type picks other documents; on-demand=true gives the existing ones', async () => {
    const tok = await t.mint({ scope: 'patient/DocumentReference.rs', patient: String(c.amy) });
    const q = async (query: string) => ids(await get(tok, `/fhir/DocumentReference/$docref?patient=${c.amy}&${query}`).expect(200));
    expect(await q('start=2024-02-01T00:00:00-05:00')).toEqual([`DocumentReference/doc-${k.amyCcdMar}`]);
    expect(await q('end=2024-02-01T00:00:00-05:00')).toEqual([`DocumentReference/doc-${k.amyCcdJan}`]);
    expect(await q('start=2024-01-01T00:00:00-05:00&end=2024-12-31T23:59:59-05:00&on-demand=true')).toHaveLength(2);
    expect(await q('start=2025-01-01')).toEqual([]);
    expect(await q(`type=${encodeURIComponent('http://loinc.org|59284-0')}`)).toEqual([`DocumentReference/doc-${k.amyConsent}`]);
  });

  it('POST with a form body or a Parameters resource', async () => {
    const tok = await t.mint({ scope: 'patient/DocumentReference.rs', patient: String(c.amy) });
    const form = await post(tok, '/fhir/DocumentReference/$docref').type('form').send(`patient=${c.amy}&start=2024-02-01`).expect(200);
    expect(ids(form)).toEqual([`DocumentReference/doc-${k.amyCcdMar}`]);
    const parameters = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'patient', valueId: String(c.amy) },
        { name: 'type', valueCoding: { system: 'http://loinc.org', code: '34133-9' } },
        { name: 'end', valueDateTime: '2024-02-01T00:00:00-05:00' },
        { name: 'on-demand', valueBoolean: false },
      ],
    };
    const res = await post(tok, '/fhir/DocumentReference/$docref').set('Content-Type', 'application/fhir+json').send(JSON.stringify(parameters)).expect(200);
    expect(ids(res)).toEqual([`DocumentReference/doc-${k.amyCcdJan}`]);
  });

  it('confined like DocumentReference search: a patient token only its own chart, a user token only its practice', async () => {
    const amy = await t.mint({ scope: 'patient/DocumentReference.rs', patient: String(c.amy) });
    expect(ids(await get(amy, `/fhir/DocumentReference/$docref?patient=${c.cara}`).expect(200))).toEqual([]);
    const practiceA = await t.mint({ scope: 'user/DocumentReference.rs', practice: c.practiceA });
    expect(ids(await get(practiceA, `/fhir/DocumentReference/$docref?patient=${c.cara}`).expect(200))).toEqual([]);
    const practiceB = await t.mint({ scope: 'user/DocumentReference.rs', practice: c.practiceB });
    expect(ids(await get(practiceB, `/fhir/DocumentReference/$docref?patient=${c.cara}`).expect(200))).toEqual([`DocumentReference/doc-${k.caraCcd}`]);
    const noScope = await t.mint({ scope: 'patient/Observation.rs', patient: String(c.amy) });
    await get(noScope, `/fhir/DocumentReference/$docref?patient=${c.amy}`).expect(403);
    await request(t.server as never).get(`/fhir/DocumentReference/$docref?patient=${c.amy}`).expect(401);
  });

  it('400 OperationOutcome without patient, for an unknown parameter, a bad on-demand or another profile', async () => {
    const tok = await t.mint({ scope: 'patient/DocumentReference.rs', patient: String(c.amy) });
    for (const query of ['', 'start=2024-01-01', `patient=${c.amy}&subject=1`, `patient=${c.amy}&on-demand=yes`, `patient=${c.amy}&profile=http://example.org/StructureDefinition/x`]) {
      const res = await get(tok, `/fhir/DocumentReference/$docref?${query}`).expect(400);
      expect(res.body.resourceType).toBe('OperationOutcome');
    }
    const missing = await get(tok, '/fhir/DocumentReference/$docref').expect(400);
    expect(missing.body.issue[0].expression).toEqual(['patient']);
    const notParameters = await post(tok, '/fhir/DocumentReference/$docref').set('Content-Type', 'application/fhir+json').send('{"resourceType":"Patient"}').expect(400);
    expect(notParameters.body.resourceType).toBe('OperationOutcome');
  });

  it('the CapabilityStatement lists $docref with the US Core OperationDefinition', async () => {
    const res = await request(t.server as never).get('/fhir/metadata').expect(200);
    const docs = res.body.rest[0].resource.find((r: R) => r.type === 'DocumentReference');
    expect(docs.operation).toEqual([expect.objectContaining({ name: 'docref', definition: 'http://hl7.org/fhir/us/core/OperationDefinition/docref' })]);
    expect(docs.operation[0].documentation).toMatch(/on-demand/);
    const xml = await request(t.server as never).get('/fhir/metadata?_format=xml').expect(200);
    expect(xml.text).toMatch(/<operation>\s*<name value="docref"\/>\s*<definition value="http:\/\/hl7.org\/fhir\/us\/core\/OperationDefinition\/docref"\/>/);
  });
});

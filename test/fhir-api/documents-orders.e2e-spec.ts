/**
 * Documents, reports and orders end to end: DocumentReference pages without content, Binary served as a FHIR
 * resource or as the stored bytes, Binary confined exactly like its DocumentReference, report-and-note
 * DiagnosticReports, clinical-result Observations, ServiceRequest and Specimen with their US Core searches.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { seedClinic, type Clinic } from './support/clinic.js';
import { FHIR_URL, startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

type R = Record<string, any>;  
const ids = (res: request.Response) => (res.body.entry ?? []).filter((e: R) => e.search?.mode !== 'include').map((e: R) => `${e.resource.resourceType}/${e.resource.id}`);
const NOW = '2024-01-10T10:00:00';
// Not valid UTF-8 (binary bytes after the header): must come back byte for byte.
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n%', 'latin1'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3, 0x00, 0xff, 0x0a]), Buffer.from('%%EOF\n', 'latin1')]);
const NOTE = 'Subjective: well.\nAssessment: stable – continue.';

describe('documents, reports and orders', () => {
  let t: FhirTestApp;
  let c: Clinic;
  let k: Record<string, number>;
  const as = (token: string, url: string, accept?: string) => {
    const r = request(t.server as never).get(url).set('Authorization', `Bearer ${token}`);
    return accept ? r.set('Accept', accept) : r;
  };

  beforeAll(async () => {
    t = await startFhirTestApp();
    c = await seedClinic(t.factory);
    const f = t.factory;
    const audit = { DELETED_YN: 'N', CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1 };
    const note = (patId: number, o: Record<string, unknown> = {}) => f.insert('CLINICAL_NOTE', {
      PAT_ID: patId, VISIT_ID: null, AUTHOR_PROV_ID: c.provider, NOTE_TYPE: 'PN', NOTE_TITLE: 'Progress note', NOTE_FORMAT: 'TXT', NOTE_TEXT: NOTE,
      SIGNED_YN: 'Y', SIGNED_AT: NOW, SIGNED_BY_PROV_ID: c.provider, AMENDED_YN: 'N', ...audit, ...o,
    });
    const amyNote = await note(c.amy, { VISIT_ID: c.amyVisit });
    const amyDraft = await note(c.amy, { NOTE_TYPE: 'IMG', NOTE_TITLE: 'Imaging narrative', SIGNED_YN: 'N', SIGNED_AT: null, SIGNED_BY_PROV_ID: null, NOTE_FORMAT: 'HTML', NOTE_TEXT: '<p>ok</p>', CREATED_AT: '2024-02-01T09:00:00' });
    const amyDeleted = await note(c.amy, { DELETED_YN: 'Y' });
    const caraNote = await note(c.cara);
    const amyPdf = await f.insert('DOCUMENT', {
      PAT_ID: c.amy, VISIT_ID: c.amyVisit, DOC_CATEGORY: 'CONSENT', LOINC_TYPE: null, TITLE: 'Consent to treat', MIME_TYPE: 'application/pdf',
      CONTENT: PDF, SIZE_BYTES: PDF.length, SHA1_HEX: null, DOC_DATE: '2024-01-09T08:00:00', AUTHOR_PROV_ID: null, ...audit,
    });
    const amyRad = await f.labOrder(c.amy, { ORDER_CATEGORY: 'RAD', PANEL_LOINC: '36643-5', PANEL_CPT: '71046', PANEL_NAME: 'XR Chest 2 Views', REPORT_TEXT: 'FINDINGS: clear.', SPECIMEN_TYPE: null, SPECIMEN_ID: null });
    const amyRadResult = await f.labResult(amyRad, c.amy, { LOINC_CODE: '19005-8', LOCAL_CODE: 'CXRIMP', TEST_NAME: 'Impression', VALUE_TEXT: 'No acute process.', UNITS: null, REF_RANGE: null, ABN_FLAG: null });
    await f.update('LAB_ORDER', 'ORDER_ID', c.amyOrder, { SPECIMEN_TYPE: 'SER', SPECIMEN_ID: 'ACC-1' });
    const amyReferral = await f.insert('REFERRAL', {
      PAT_ID: c.amy, VISIT_ID: c.amyVisit, REFERRING_PROV_ID: c.provider, REFER_TO_NAME: 'Food Bank', REF_CATEGORY: 'SDOH', SNOMED_CODE: null, CPT_CODE: null,
      DESCRIPTION: 'Referral to food pantry', REASON_ICD10: null, ORDERED_AT: '2024-01-09T09:00:00', STATUS: 'A', PRIORITY: 'R', ...audit,
    });
    k = { amyNote, amyDraft, amyDeleted, caraNote, amyPdf, amyRad, amyRadResult, amyReferral };
  });
  afterAll(async () => t?.close());

  it('DocumentReference: notes and files by patient, valid US Core, content only by Binary url', async () => {
    const tok = await t.mint({ scope: 'patient/DocumentReference.rs', patient: String(c.amy) });
    const res = await as(tok, `/fhir/DocumentReference?patient=${c.amy}`).expect(200);
    expect(ids(res).sort()).toEqual([`DocumentReference/doc-${k.amyPdf}`, `DocumentReference/note-${k.amyDraft}`, `DocumentReference/note-${k.amyNote}`].sort());
    for (const e of res.body.entry) {
      expect(usCoreErrors(e.resource)).toEqual([]);
      expect(e.resource.content[0].attachment.data).toBeUndefined();
      expect(e.resource.content[0].attachment.url).toBe(`${FHIR_URL}/fhir/Binary/${e.resource.id}`);
    }
    expect(JSON.stringify(res.body)).not.toContain('Subjective');
    const draft = res.body.entry.find((e: R) => e.resource.id === `note-${k.amyDraft}`).resource;
    expect(draft.docStatus).toBe('preliminary');
  });

  it('DocumentReference SHALL/SHOULD searches: type, category + date, type + period, status', async () => {
    const tok = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    const q = async (query: string) => ids(await as(tok, `/fhir/DocumentReference?patient=${c.amy}&${query}`).expect(200)).sort();
    expect(await q('type=http://loinc.org|11506-3')).toEqual([`DocumentReference/note-${k.amyNote}`]);
    expect(await q('type=59284-0')).toEqual([`DocumentReference/doc-${k.amyPdf}`]);
    expect(await q('category=http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category|clinical-note&date=ge2024-02-01T00:00:00-05:00')).toEqual([`DocumentReference/note-${k.amyDraft}`]);
    expect(await q('type=59284-0&period=lt2024-01-10T00:00:00-05:00')).toEqual([`DocumentReference/doc-${k.amyPdf}`]);
    expect((await q('status=current')).length).toBe(3);
    expect(await q('status=superseded')).toEqual([]);
    const withProv = await as(tok, `/fhir/DocumentReference?_id=note-${k.amyNote}&_revinclude=Provenance:target`).expect(200);
    expect(withProv.body.entry.map((e: R) => e.resource.resourceType)).toEqual(['DocumentReference', 'Provenance']);
  });

  it('Binary: FHIR resource for FHIR or no Accept, the stored bytes for a non-FHIR Accept, 406 when not acceptable', async () => {
    const tok = await t.mint({ scope: 'patient/DocumentReference.rs', patient: String(c.amy) });
    const fhir = await as(tok, `/fhir/Binary/doc-${k.amyPdf}`, 'application/fhir+json').expect(200);
    expect(fhir.body).toMatchObject({ resourceType: 'Binary', contentType: 'application/pdf', securityContext: { reference: `DocumentReference/doc-${k.amyPdf}` } });
    expect(Buffer.from(fhir.body.data, 'base64').equals(PDF)).toBe(true);
    const none = await request(t.server as never).get(`/fhir/Binary/note-${k.amyNote}`).set('Authorization', `Bearer ${tok}`).expect(200);
    expect(none.headers['content-type']).toContain('application/fhir+json');
    const raw = await as(tok, `/fhir/Binary/doc-${k.amyPdf}`, 'application/pdf').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(raw.headers['content-type']).toBe('application/pdf');
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
    expect((raw.body as Buffer).equals(PDF)).toBe(true);
    expect(raw.headers.etag).toBe('W/"1"');
    const text = await as(tok, `/fhir/Binary/note-${k.amyNote}`, 'text/*').expect(200);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(text.text).toBe(NOTE);
    await as(tok, `/fhir/Binary/doc-${k.amyPdf}`, 'text/plain').expect(406);
    await as(tok, `/fhir/Binary/doc-${k.amyPdf}`, 'application/pdf').set('If-None-Match', 'W/"1"').expect(304);
    await as(tok, '/fhir/Binary?_id=x').expect(405);
  });

  it('Binary access follows its DocumentReference: scopes, patient, practice, granular filters, deletion', async () => {
    const amy = await t.mint({ scope: 'patient/DocumentReference.rs', patient: String(c.amy) });
    await as(amy, `/fhir/Binary/note-${k.caraNote}`).expect(404);
    await as(amy, `/fhir/Binary/note-${k.caraNote}`, 'text/plain').expect(404);
    await as(amy, `/fhir/Binary/note-${k.amyDeleted}`).expect(410);
    await as(amy, '/fhir/Binary/note-999999').expect(404);
    await as(amy, '/fhir/Binary/lab-1').expect(404);
    const noDocs = await t.mint({ scope: 'patient/Observation.rs patient/Binary.rs', patient: String(c.amy) });
    await as(noDocs, `/fhir/Binary/note-${k.amyNote}`).expect(403);
    await as(noDocs, `/fhir/Binary/note-${k.amyNote}`, 'text/plain').expect(403);
    const practiceB = await t.mint({ scope: 'user/DocumentReference.rs', practice: c.practiceB });
    await as(practiceB, `/fhir/Binary/note-${k.amyNote}`).expect(404);
    await as(practiceB, `/fhir/Binary/note-${k.caraNote}`).expect(200);
    const otherCategory = await t.mint({ scope: 'patient/DocumentReference.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category|other', patient: String(c.amy) });
    await as(otherCategory, `/fhir/DocumentReference/note-${k.amyNote}`).expect(404);
    await as(otherCategory, `/fhir/Binary/note-${k.amyNote}`).expect(404);
    const notes = await t.mint({ scope: 'patient/DocumentReference.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category|clinical-note', patient: String(c.amy) });
    await as(notes, `/fhir/Binary/note-${k.amyNote}`, 'text/plain').expect(200);
  });

  it('DiagnosticReport: RAD order and imaging narrative as report-and-note, lab order still laboratory', async () => {
    const tok = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    const radiology = await as(tok, `/fhir/DiagnosticReport?patient=${c.amy}&category=http://loinc.org|LP29684-5`).expect(200);
    expect(ids(radiology).sort()).toEqual([`DiagnosticReport/${k.amyRad}`, `DiagnosticReport/note-${k.amyDraft}`]);
    for (const e of radiology.body.entry) expect(usCoreErrors(e.resource)).toEqual([]);
    const order = radiology.body.entry.find((e: R) => e.resource.id === String(k.amyRad)).resource;
    expect(order.result).toEqual([{ reference: `Observation/result-${k.amyRadResult}`, display: 'Impression' }]);
    const lab = await as(tok, `/fhir/DiagnosticReport?patient=${c.amy}&category=LAB`).expect(200);
    expect(ids(lab)).toEqual([`DiagnosticReport/${c.amyOrder}`]);
    const preliminary = await as(tok, `/fhir/DiagnosticReport?patient=${c.amy}&status=preliminary`).expect(200);
    expect(ids(preliminary)).toEqual([`DiagnosticReport/note-${k.amyDraft}`]);
    const byCode = await as(tok, `/fhir/DiagnosticReport?patient=${c.amy}&code=http://loinc.org|18748-4`).expect(200);
    expect(ids(byCode)).toEqual([`DiagnosticReport/note-${k.amyDraft}`]);
  });

  it('Observation clinical result: imaging result by category, read, not among laboratory results', async () => {
    const tok = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    const imaging = await as(tok, `/fhir/Observation?patient=${c.amy}&category=imaging`).expect(200);
    expect(ids(imaging)).toEqual([`Observation/result-${k.amyRadResult}`]);
    expect(usCoreErrors(imaging.body.entry[0].resource)).toEqual([]);
    const labs = await as(tok, `/fhir/Observation?patient=${c.amy}&category=laboratory`).expect(200);
    expect(ids(labs)).not.toContain(`Observation/result-${k.amyRadResult}`);
    await as(tok, `/fhir/Observation/result-${k.amyRadResult}`).expect(200);
  });

  it('ServiceRequest and Specimen: SHALL/SHOULD searches, reads, confinement', async () => {
    const tok = await t.mint({ scope: 'user/*.rs', practice: c.practiceA });
    const q = async (query: string) => ids(await as(tok, `/fhir/ServiceRequest?patient=${c.amy}${query}`).expect(200)).sort();
    expect(await q('')).toEqual([`ServiceRequest/order-${c.amyOrder}`, `ServiceRequest/order-${k.amyRad}`, `ServiceRequest/referral-${k.amyReferral}`].sort());
    expect(await q('&category=http://hl7.org/fhir/us/core/CodeSystem/us-core-category|sdoh')).toEqual([`ServiceRequest/referral-${k.amyReferral}`]);
    expect(await q('&category=363679005')).toEqual([`ServiceRequest/order-${k.amyRad}`]);
    expect(await q('&code=http://loinc.org|36643-5')).toEqual([`ServiceRequest/order-${k.amyRad}`]);
    expect(await q('&category=http://snomed.info/sct|108252007&authored=ge2024-01-09T00:00:00-05:00')).toEqual([`ServiceRequest/order-${c.amyOrder}`]);
    expect(await q('&status=active')).toEqual([`ServiceRequest/referral-${k.amyReferral}`]);
    expect(await q('&code=36643-5&authored=lt2024-01-01T00:00:00-05:00')).toEqual([]);
    const all = await as(tok, `/fhir/ServiceRequest?patient=${c.amy}`).expect(200);
    for (const e of all.body.entry) expect(usCoreErrors(e.resource)).toEqual([]);
    const specimens = await as(tok, `/fhir/Specimen?patient=${c.amy}`).expect(200);
    expect(ids(specimens)).toEqual([`Specimen/${c.amyOrder}`]);
    expect(usCoreErrors(specimens.body.entry[0].resource)).toEqual([]);
    await as(tok, `/fhir/Specimen?_id=${c.amyOrder}`).expect(200);
    await as(tok, `/fhir/Specimen/${k.amyRad}`).expect(404);
    const bob = await t.mint({ scope: 'patient/*.rs', patient: String(c.bob) });
    await as(bob, `/fhir/ServiceRequest/referral-${k.amyReferral}`).expect(404);
    await as(bob, `/fhir/Specimen/${c.amyOrder}`).expect(404);
  });
});

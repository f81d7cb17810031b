/**
 * DocumentReference create end to end (issue 10, US Core "writing clinical notes") on one database engine: a text
 * note -> an unsigned CLINICAL_NOTE authored by the token's provider, a file or a patient's upload -> DOCUMENT bytes; both read back equal
 * (modulo server fields), valid US Core 6.1.0, their content served by Binary exactly as sent. Refusals (an id,
 * another chart, no `c` scope, oversized content, an unmapped note type, an external url, a foreign encounter or
 * author, If-None-Exist) leave every legacy table byte-identical.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { instantToWallClock } from '#facade/legacy-db';
import { SYSTEM } from '#facade/mappers';
import { MAX_DOCUMENT_BYTES } from '#facade/mappers/src/document-reference/document-reference.reverse-mapper.js';
import { usCoreErrors } from '#facade/mappers/src/testing/us-core-validator.js';
import { FHIR_URL } from './fhir-test-app.js';
import { useWriteHarness } from './write-harness.js';

type R = Record<string, any>;

const NOTE_TEXT = 'Subjective: knee pain improved – walking 2 km.\nPlan: continue physiotherapy.';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n\u00ff\u0000', 'latin1');
const category = [{ coding: [{ system: 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category', code: 'clinical-note' }], text: 'Clinical Note' }];

/** A progress note as a client writes it (no id, no meta). */
function progressNote(patId: number, visit?: number, over: R = {}): R {
  return {
    resourceType: 'DocumentReference',
    status: 'current',
    docStatus: 'preliminary',
    type: { coding: [{ system: SYSTEM.loinc, code: '11506-3', display: 'Progress note' }], text: 'Knee follow-up' },
    category,
    subject: { reference: `Patient/${patId}` },
    description: 'Knee follow-up',
    content: [{ attachment: { contentType: 'text/plain; charset=utf-8', data: Buffer.from(NOTE_TEXT, 'utf8').toString('base64') } }],
    ...(visit ? { context: { encounter: [{ reference: `Encounter/${visit}` }] } } : {}),
    ...over,
  };
}

/** A patient-supplied PDF (an outside lab report). */
function outsideReport(patId: number, over: R = {}): R {
  return {
    resourceType: 'DocumentReference',
    status: 'current',
    type: { coding: [{ system: SYSTEM.loinc, code: '11502-2' }], text: 'Outside lab report' },
    category,
    subject: { reference: `Patient/${patId}` },
    description: 'Outside lab report',
    content: [{ attachment: { contentType: 'application/pdf', data: PDF.toString('base64') } }],
    context: { period: { start: '2024-02-10T14:30:00Z' } },
    ...over,
  };
}

/** What a client sent, without the server's fields (id, meta, identifier, date, author, Binary url and the derived attachment and period elements). */
function clientView(r: R): R {
  const { id: _i, meta: _m, identifier: _id, date: _d, author: _a, ...rest } = JSON.parse(JSON.stringify(r, (k, v) => (k === 'display' ? undefined : v))) as R;
  rest.content = rest.content.map((c: R) => ({ attachment: { contentType: c.attachment.contentType } }));
  // The period is compared as an instant (the server answers in the clinic's offset); an empty context goes.
  if (rest.context) delete rest.context.period;
  if (rest.context && !Object.keys(rest.context).length) delete rest.context;
  return rest;
}

export function writeDocRefSuite(engine: 'sqlite' | 'postgres'): void {
  describe(`DocumentReference create (${engine})`, () => {
    const h = useWriteHarness(engine, 'user/DocumentReference.crs user/Patient.rs');

    it('a clinical note: 201, an unsigned CLINICAL_NOTE by the user\'s provider, read back equal and valid, the text served by Binary', async () => {
      const { clinic } = h;
      const sent = progressNote(clinic.amy, clinic.amyVisit);
      const res = await h.send('post', 'DocumentReference', sent).expect(201);
      const id = res.body.id as string;
      expect(id).toMatch(/^note-\d+$/);
      expect(res.headers.location).toBe(`${FHIR_URL}/fhir/DocumentReference/${id}/_history/1`);
      expect(res.headers.etag).toBe('W/"1"');
      expect(clientView(res.body)).toEqual(clientView(sent));
      expect(res.body).toMatchObject({ author: [{ reference: `Practitioner/${clinic.provider}` }], content: [{ attachment: { url: `${FHIR_URL}/fhir/Binary/${id}` } }] });
      expect(res.body.authenticator).toBeUndefined();
      expect(usCoreErrors(res.body)).toEqual([]);
      expect((await h.get(`DocumentReference/${id}`).expect(200)).body).toEqual(res.body);
      const key = Number(id.slice(5));
      expect(await h.row('CLINICAL_NOTE', 'NOTE_ID', key)).toMatchObject({
        PAT_ID: clinic.amy, VISIT_ID: clinic.amyVisit, AUTHOR_PROV_ID: clinic.provider, NOTE_TYPE: 'PN', NOTE_TITLE: 'Knee follow-up', NOTE_FORMAT: 'TXT',
        NOTE_TEXT, SIGNED_YN: 'N', SIGNED_AT: null, SIGNED_BY_PROV_ID: null, AMENDED_YN: 'N', DELETED_YN: 'N', ROW_VER: 1, CREATED_BY: 1, UPDATED_BY: 1,
      });
      const binary = await h.get(`Binary/${id}`, { accept: 'application/fhir+json' }).expect(200);
      expect(Buffer.from(binary.body.data, 'base64').equals(Buffer.from(NOTE_TEXT, 'utf8'))).toBe(true);
      expect(binary.body.contentType).toBe('text/plain; charset=utf-8');
      expect((await h.get(`Binary/${id}`, { accept: 'text/plain' }).expect(200)).text).toBe(NOTE_TEXT);
    });

    it('a document file: DOCUMENT with the bytes, size, SHA-1 and date sent; the Binary is byte for byte the upload', async () => {
      const { clinic } = h;
      const sent = outsideReport(clinic.amy);
      const res = await h.send('post', 'DocumentReference', sent).expect(201);
      const id = res.body.id as string;
      expect(id).toMatch(/^doc-\d+$/);
      expect(clientView(res.body)).toEqual({ ...clientView(sent), docStatus: 'final' });
      expect(Date.parse(res.body.context.period.start)).toBe(Date.parse(sent.context.period.start));
      expect(res.body.content[0].attachment).toMatchObject({ size: PDF.length, hash: createHash('sha1').update(PDF).digest('base64'), url: `${FHIR_URL}/fhir/Binary/${id}` });
      expect(usCoreErrors(res.body)).toEqual([]);
      expect((await h.get(`DocumentReference/${id}`).expect(200)).body).toEqual(res.body);
      const row = await h.row('DOCUMENT', 'DOC_ID', Number(id.slice(4)));
      expect(row).toMatchObject({ PAT_ID: clinic.amy, DOC_CATEGORY: 'LAB', LOINC_TYPE: '11502-2', TITLE: 'Outside lab report', MIME_TYPE: 'application/pdf', SIZE_BYTES: PDF.length, SHA1_HEX: createHash('sha1').update(PDF).digest('hex'), DOC_DATE: instantToWallClock(sent.context.period.start, h.t.config.legacyTimeZone), AUTHOR_PROV_ID: clinic.provider, ROW_VER: 1 });
      expect(Buffer.from(row.CONTENT as Uint8Array).equals(PDF)).toBe(true);
      const binary = await h.get(`Binary/${id}`, { accept: 'application/fhir+json' }).expect(200);
      expect(Buffer.from(binary.body.data, 'base64').equals(PDF)).toBe(true);
      const raw = await h.get(`Binary/${id}`, { accept: 'application/pdf' }).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (d: Buffer) => chunks.push(d));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      }).expect(200);
      expect((raw.body as Buffer).equals(PDF)).toBe(true);
    });

    it('a patient uploads documents (text too) to its own chart, a backend writes notes, both as the service user; another chart is 403', async () => {
      const { clinic } = h;
      const bob = await h.t.mint({ scope: 'patient/DocumentReference.cr patient/Patient.r', patient: String(clinic.bob), practice: clinic.practiceA, sub: 'portal:7' });
      const own = await h.send('post', 'DocumentReference', outsideReport(clinic.bob), { token: bob }).expect(201);
      expect(own.body.author).toBeUndefined();
      expect(await h.row('DOCUMENT', 'DOC_ID', Number(own.body.id.slice(4)))).toMatchObject({ PAT_ID: clinic.bob, AUTHOR_PROV_ID: null, CREATED_BY: null });
      // A patient's text is a patient-supplied document (DOCUMENT), never a clinician's note.
      const upload = progressNote(clinic.bob, undefined, { docStatus: undefined });
      const text = await h.send('post', 'DocumentReference', upload, { token: bob }).expect(201);
      expect(text.body.id).toMatch(/^doc-\d+$/);
      expect(clientView(text.body)).toEqual({ ...clientView(upload), docStatus: 'final' });
      expect(await h.row('DOCUMENT', 'DOC_ID', Number(text.body.id.slice(4)))).toMatchObject({ MIME_TYPE: 'text/plain; charset=utf-8', DOC_CATEGORY: 'OTHER', LOINC_TYPE: '11506-3', TITLE: 'Knee follow-up', CREATED_BY: null });
      expect((await h.get(`Binary/${text.body.id}`, { token: bob, accept: 'text/plain' }).expect(200)).text).toBe(NOTE_TEXT);
      await h.refused(() => h.send('post', 'DocumentReference', outsideReport(clinic.amy), { token: bob }), 403);
      await h.refused(() => h.send('post', 'DocumentReference', progressNote(clinic.amy, undefined, { docStatus: undefined }), { token: bob }), 403);
      // A backend service writes clinical notes as the service user, without author.
      const svc = await h.t.mint({ scope: 'system/DocumentReference.cr', practice: clinic.practiceA, sub: 'dictation-service' });
      const dictated = await h.send('post', 'DocumentReference', progressNote(clinic.amy), { token: svc }).expect(201);
      expect(dictated.body.id).toMatch(/^note-\d+$/);
      expect(dictated.body.author).toBeUndefined();
      expect(await h.row('CLINICAL_NOTE', 'NOTE_ID', Number(dictated.body.id.slice(5)))).toMatchObject({ PAT_ID: clinic.amy, AUTHOR_PROV_ID: null, CREATED_BY: null, SIGNED_YN: 'N' });
      // A body author must be the writer's own Practitioner.
      const authored = await h.refused(() => h.send('post', 'DocumentReference', outsideReport(clinic.bob, { author: [{ reference: `Practitioner/${clinic.provider}` }] }), { token: bob }), 422);
      expect(authored.issue[0]).toMatchObject({ code: 'business-rule', expression: ['DocumentReference.author'] });
    });

    it('refuses an id (400), no c scope (403), another practice (403), a foreign encounter, and If-None-Exist, writing nothing', async () => {
      const { clinic } = h;
      const withId = await h.refused(() => h.send('post', 'DocumentReference', { ...progressNote(clinic.amy), id: 'note-1' }), 400);
      expect(withId.issue[0]).toMatchObject({ code: 'invalid', expression: ['DocumentReference.id'] });
      const readOnly = await h.t.mint({ scope: 'user/DocumentReference.rs user/Patient.rs', practice: clinic.practiceA });
      await h.refused(() => h.send('post', 'DocumentReference', progressNote(clinic.amy), { token: readOnly }), 403);
      await h.refused(() => h.send('post', 'DocumentReference', progressNote(clinic.cara)), 403);
      const encounter = await h.refused(() => h.send('post', 'DocumentReference', progressNote(clinic.bob, clinic.amyVisit)), 422);
      expect(encounter.issue[0]).toMatchObject({ code: 'business-rule', expression: ['DocumentReference.context.encounter'] });
      await h.refused(() => h.send('post', 'DocumentReference', progressNote(clinic.amy, undefined, { author: [{ reference: 'Practitioner/99999' }] })), 422);
      await h.refused(() => h.send('post', 'DocumentReference', progressNote(clinic.amy), { headers: { 'If-None-Exist': 'patient=1' } }), 400);
    });

    it('refuses content it cannot store: oversized (413), an unmapped note type, an external url, a mislabelled file (422)', async () => {
      const { clinic } = h;
      const big = progressNote(clinic.amy, undefined, { content: [{ attachment: { contentType: 'text/plain', data: Buffer.alloc(MAX_DOCUMENT_BYTES + 1, 0x61).toString('base64') } }] });
      const tooBig = await h.refused(() => h.send('post', 'DocumentReference', big), 413);
      expect(tooBig.issue[0]).toMatchObject({ code: 'too-costly', expression: ['DocumentReference.content[0].attachment.data'] });
      expect(tooBig.issue[0].diagnostics).toContain(String(MAX_DOCUMENT_BYTES));
      // Beyond the server's body limit the request is refused before parsing, also with an OperationOutcome.
      const huge = progressNote(clinic.amy, undefined, { content: [{ attachment: { contentType: 'text/plain', data: Buffer.alloc(1024 * 1024, 0x61).toString('base64') } }] });
      await h.refused(() => h.send('post', 'DocumentReference', huge), 413);
      const surgical = await h.refused(() => h.send('post', 'DocumentReference', progressNote(clinic.amy, undefined, { type: { coding: [{ system: SYSTEM.loinc, code: '11504-8' }] }, description: undefined })), 422);
      expect(surgical.issue).toEqual([expect.objectContaining({ code: 'not-supported', expression: ['DocumentReference.type'] })]);
      const url = await h.refused(() => h.send('post', 'DocumentReference', progressNote(clinic.amy, undefined, { content: [{ attachment: { contentType: 'application/pdf', url: 'https://files.example/r.pdf' } }] })), 422);
      expect(url.issue.map((i: R) => `${i.code}:${i.expression?.[0]}`)).toContain('not-supported:DocumentReference.content[0].attachment.url');
      const fake = await h.refused(() => h.send('post', 'DocumentReference', outsideReport(clinic.amy, { content: [{ attachment: { contentType: 'application/pdf', data: Buffer.from('MZ\u0090\u0000').toString('base64') } }] })), 422);
      expect(fake.issue[0]).toMatchObject({ code: 'value', expression: ['DocumentReference.content[0].attachment.data'] });
      const signed = await h.refused(() => h.send('post', 'DocumentReference', progressNote(clinic.amy, undefined, { docStatus: 'final', authenticator: { reference: `Practitioner/${clinic.provider}` } })), 422);
      expect(signed.issue.map((i: R) => i.expression?.[0]).sort()).toEqual(['DocumentReference.authenticator', 'DocumentReference.docStatus']);
    });

    it('the CapabilityStatement declares DocumentReference create (no update, no conditional create) and the id deviation', async () => {
      const cs = (await h.get('metadata').expect(200)).body;
      const d = cs.rest[0].resource.find((r: R) => r.type === 'DocumentReference');
      expect(d.interaction.map((i: R) => i.code)).toEqual(['read', 'vread', 'search-type', 'create']);
      expect(d).toMatchObject({ versioning: 'versioned', conditionalCreate: false });
      expect(d.documentation).toContain('id: 400');
      expect(d.documentation).toContain('413');
    });
  });
}

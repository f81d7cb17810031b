/**
 * Issue 12, the PHI access trail end to end (SQLite EHR, SQLite facade store): one BALP event per patient touched
 * for every interaction kind (read, vread, search, POST _search, include, create, update, $docref), denied
 * requests audited (401, 403, 404), no PHI values in the stored free text, a tampered row named by verify, and
 * `AuditEvent` read/search only for practice administrators, confined to their practice, valid base R4.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import request from 'supertest';
import { validateResource } from '@medplum/core';
import { loadUsCore } from '#facade/mappers/src/testing/us-core-validator.js';
import type { PhiAuditRow } from '#facade/facade-store';
import { AUDIT_TRAIL } from '../../apps/fhir-api/src/fhir-api.tokens.js';
import type { AuditTrail } from '../../apps/fhir-api/src/audit/audit-trail.js';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';
import { peanutAllergy } from './support/write-suite.js';

type R = Record<string, any>;
const FHIR_JSON = 'application/fhir+json';

describe('PHI access trail (issue 12)', () => {
  let t: FhirTestApp;
  let c: Clinic;
  let trail: AuditTrail;
  let dan: number;
  let adminA: number;
  let adminB: number;
  let nurseA: number;
  let userA: string;
  let n = 0;

  const rid = (label: string) => `${label}-${++n}`;
  const get = (token: string | undefined, path: string, id: string) => {
    const r = request(t.server as never).get(path).set('X-Request-Id', id);
    return token ? r.set('Authorization', `Bearer ${token}`) : r;
  };
  const facadeRows = (where = '1 = 1', ...args: unknown[]): PhiAuditRow[] => {
    const db = new Database((t.config.facadeDb as { path: string }).path, { readonly: true });
    try {
      return db.prepare(`SELECT seq, request_id AS requestId, recorded_user AS recordedUser, interaction, action, resource_type AS resourceType, operation, query_params AS queryParams,
        status, outcome, client_id AS clientId, subject, fhir_user AS fhirUser, token_id AS tokenId, context_patient AS contextPatient,
        practice_id AS practiceId, patient_id AS patientId, entities, source_ip AS sourceIp FROM phi_audit_events WHERE ${where} ORDER BY seq`).all(...args) as PhiAuditRow[];
    } finally {
      db.close();
    }
  };
  const eventsOf = (requestId: string) => facadeRows('request_id = ?', requestId);

  beforeAll(async () => {
    t = await startFhirTestApp();
    c = await seedClinic(t.factory);
    dan = await t.factory.patient(c.practiceA, { LAST_NAME: 'Doyle', FIRST_NAME: 'Dan', DOB: '1975-03-04', SEX: 'M' });
    adminA = await t.factory.user(c.practiceA, null, { ROLE_CODE: 'ADMIN' });
    adminB = await t.factory.user(c.practiceB, null, { ROLE_CODE: 'ADMIN' });
    nurseA = await t.factory.user(c.practiceA, null);
    trail = t.app.get<symbol, AuditTrail>(AUDIT_TRAIL);
    userA = await t.mint({ scope: 'user/*.rs user/AllergyIntolerance.cruds', practice: c.practiceA, sub: `user:${c.user}`, fhirUser: `https://fhir.test/fhir/Practitioner/${c.provider}`, jti: 'jti-user-a' });
  });
  afterAll(async () => t?.close());

  it('records a read as one event of its patient, with the app, the user, the token, the address and the request id', async () => {
    const id = rid('read');
    await get(userA, `/fhir/Patient/${c.amy}`, id).expect(200);
    const [e, ...more] = eventsOf(id);
    expect(more).toEqual([]);
    expect(e).toMatchObject({
      interaction: 'read', action: 'R', resourceType: 'Patient', status: 200, outcome: 0, clientId: 'test-app', subject: `user:${c.user}`,
      fhirUser: `https://fhir.test/fhir/Practitioner/${c.provider}`, tokenId: 'jti-user-a', practiceId: c.practiceA, patientId: String(c.amy), queryParams: null,
    });
    expect(JSON.parse(e.entities)).toEqual([expect.stringMatching(new RegExp(`^Patient/${c.amy}(/_history/\\w+)?$`))]);
    expect(e.sourceIp).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
  });

  it("records a Binary read (FHIR JSON and the stored bytes) under its document's patient; a refused one names none", async () => {
    const pdf = Buffer.from('%PDF-1.4 audit');
    const doc = await t.factory.insert('DOCUMENT', {
      PAT_ID: c.amy, VISIT_ID: null, DOC_CATEGORY: 'CONSENT', LOINC_TYPE: null, TITLE: 'Consent', MIME_TYPE: 'application/pdf', CONTENT: pdf, SIZE_BYTES: pdf.length,
      SHA1_HEX: null, DOC_DATE: '2024-01-09T08:00:00', AUTHOR_PROV_ID: null, DELETED_YN: 'N', CREATED_AT: '2024-01-09T08:00:00', UPDATED_AT: '2024-01-09T08:00:00', ROW_VER: 1,
    });
    const [json, raw, refused] = [rid('binary-json'), rid('binary-raw'), rid('binary-refused')];
    await get(userA, `/fhir/Binary/doc-${doc}`, json).set('Accept', FHIR_JSON).expect(200);
    await get(userA, `/fhir/Binary/doc-${doc}`, raw).set('Accept', 'application/pdf').expect(200);
    const other = await t.mint({ scope: 'user/*.rs', practice: c.practiceB, sub: 'user:999', jti: 'jti-binary-b' });
    await get(other, `/fhir/Binary/doc-${doc}`, refused).set('Accept', FHIR_JSON).expect(404);
    for (const id of [json, raw]) {
      const events = eventsOf(id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ interaction: 'read', resourceType: 'Binary', patientId: String(c.amy), status: 200 });
      expect(JSON.parse(events[0].entities)).toEqual([expect.stringMatching(new RegExp(`^Binary/doc-${doc}(/_history/\\w+)?$`))]);
    }
    // Not the document's patient: that would tell another practice's administrator whose document the id is.
    expect(eventsOf(refused)).toEqual([expect.objectContaining({ resourceType: 'Binary', patientId: null, status: 404, outcome: 4 })]);
  });

  it('records vread, and a search returning three patients as three events', async () => {
    const patient = (await get(userA, `/fhir/Patient/${c.amy}`, rid('r')).expect(200)).body as R;
    const vid = rid('vread');
    await get(userA, `/fhir/Patient/${c.amy}/_history/${patient.meta.versionId}`, vid).expect(200);
    expect(eventsOf(vid)).toMatchObject([{ interaction: 'vread', action: 'R', patientId: String(c.amy) }]);

    const sid = rid('search');
    const res = await get(userA, '/fhir/Patient?_count=10', sid).expect(200);
    expect(res.body.entry).toHaveLength(3);
    const events = eventsOf(sid);
    expect(events.map((e) => e.patientId).sort()).toEqual([String(c.amy), String(c.bob), String(dan)].sort());
    for (const e of events) {
      expect(e).toMatchObject({ interaction: 'search-type', action: 'E', queryParams: '_count', outcome: 0 });
      expect(JSON.parse(e.entities)).toEqual([expect.stringContaining(`Patient/${e.patientId}`)]);
    }
  });

  it('records a search with includes under each patient, and a POST _search with its parameter names only', async () => {
    const id = rid('include');
    await get(userA, `/fhir/Observation?patient=${c.amy}&category=laboratory&_include=Observation:patient`, id).expect(200);
    const [e, ...more] = eventsOf(id);
    expect(more).toEqual([]);
    expect(e.patientId).toBe(String(c.amy));
    const entities = (JSON.parse(e.entities) as string[]).map((x) => x.replace(/\/_history\/.*$/, ''));
    expect(entities.sort()).toEqual([`Observation/lab-${c.amyLab}`, `Observation/lab-${c.amyLab2}`, `Patient/${c.amy}`].sort());
    expect(e.queryParams).toBe('patient,category,_include');

    const pid = rid('post-search');
    await request(t.server as never).post('/fhir/Patient/_search').set('Authorization', `Bearer ${userA}`).set('X-Request-Id', pid).type('form').send('name=shaw&birthdate=1987-02-20').expect(200);
    expect(eventsOf(pid)).toMatchObject([{ interaction: 'search-type', queryParams: 'name,birthdate', patientId: String(c.amy) }]);
  });

  it('records create and update with the written resource and its patient, and $docref as an operation', async () => {
    const cid = rid('create');
    const created = await request(t.server as never).post('/fhir/AllergyIntolerance').set('Authorization', `Bearer ${userA}`).set('X-Request-Id', cid)
      .set('Content-Type', FHIR_JSON).send(JSON.stringify(peanutAllergy(c.amy))).expect(201);
    const [ce] = eventsOf(cid);
    expect(ce).toMatchObject({ interaction: 'create', action: 'C', resourceType: 'AllergyIntolerance', patientId: String(c.amy), status: 201, subject: `user:${c.user}` });
    expect(JSON.parse(ce.entities)).toEqual([`AllergyIntolerance/${created.body.id}/_history/${created.body.meta.versionId}`]);

    const uid = rid('update');
    await request(t.server as never).put(`/fhir/AllergyIntolerance/${created.body.id}`).set('Authorization', `Bearer ${userA}`).set('X-Request-Id', uid)
      .set('Content-Type', FHIR_JSON).set('If-Match', `W/"${created.body.meta.versionId}"`).send(JSON.stringify({ ...created.body, criticality: 'low' })).expect(200);
    expect(eventsOf(uid)).toMatchObject([{ interaction: 'update', action: 'U', patientId: String(c.amy), status: 200 }]);

    const did = rid('docref');
    await get(userA, `/fhir/DocumentReference/$docref?patient=${c.amy}`, did).expect(200);
    expect(eventsOf(did)).toMatchObject([{ interaction: 'operation', operation: '$docref', queryParams: 'patient', patientId: String(c.amy) }]);
  });

  it('records denied requests: no token (401), no scope (403), outside the compartment (404)', async () => {
    const none = rid('no-token');
    await get(undefined, `/fhir/Patient/${c.bob}`, none).expect(401);
    expect(eventsOf(none)).toMatchObject([{ status: 401, outcome: 4, clientId: null, subject: null, interaction: 'read', patientId: String(c.bob) }]);

    const amy = await t.mint({ scope: 'patient/Patient.rs', patient: String(c.amy), practice: c.practiceA, sub: 'portal:9', client_id: 'patient-app' });
    const forbidden = rid('no-scope');
    await get(amy, `/fhir/Observation?patient=${c.amy}`, forbidden).expect(403);
    expect(eventsOf(forbidden)).toMatchObject([{ status: 403, outcome: 4, clientId: 'patient-app', subject: 'portal:9', contextPatient: String(c.amy), interaction: 'search-type', patientId: String(c.amy) }]);

    const other = rid('other-patient');
    await get(amy, `/fhir/Patient/${c.bob}`, other).expect(404);
    expect(eventsOf(other)).toMatchObject([{ status: 404, outcome: 4, clientId: 'patient-app', patientId: String(c.bob), entities: '[]' }]);
  });

  it("attributes the events of a several-practice backend token to each patient's practice", async () => {
    const backend = await t.mint({ scope: 'system/Patient.rs', practices: [c.practiceA, c.practiceB], sub: 'multi-backend', client_id: 'multi-backend' });
    const id = rid('multi');
    await get(backend, '/fhir/Patient?name=shaw', id).expect(200);
    const events = eventsOf(id).map((e) => [e.patientId, e.practiceId]);
    expect(events.sort()).toEqual([[String(c.amy), c.practiceA], [String(c.cara), c.practiceB]].sort());
  });

  it('stores no PHI values: no names, birth dates or SSNs in any column, parameter names only', async () => {
    await get(userA, '/fhir/Patient?name=Baker&birthdate=1960-11-02&identifier=123-45-6789', rid('phi')).expect(200);
    await get(userA, '/fhir/Patient?patient=Shaw', rid('phi-patient')).expect(400);
    const text = JSON.stringify(facadeRows());
    for (const value of ['Shaw', 'shaw', 'Baker', 'Doyle', '1987-02-20', '1960-11-02', '123-45-6789', 'Amy']) expect({ value, found: text.includes(value) }).toEqual({ value, found: false });
  });

  it('detects a tampered row and names it', async () => {
    expect(await trail.repository.verify()).toMatchObject({ ok: true });
    const [victim] = eventsOf(`read-1`);
    const db = new Database((t.config.facadeDb as { path: string }).path);
    try {
      db.prepare('UPDATE phi_audit_events SET client_id = ? WHERE seq = ?').run('someone-else', victim.seq);
      expect(await trail.repository.verify()).toMatchObject({ ok: false, badSeq: victim.seq });
      db.prepare('UPDATE phi_audit_events SET client_id = ? WHERE seq = ?').run(victim.clientId, victim.seq);
    } finally {
      db.close();
    }
    expect(await trail.repository.verify()).toMatchObject({ ok: true });
  });

  it('answers 503 without the data when the trail cannot store the events (fail closed), and recovers', async () => {
    const db = new Database((t.config.facadeDb as { path: string }).path);
    try {
      db.exec('ALTER TABLE phi_audit_chain RENAME TO phi_audit_chain_away');
      const res = await get(userA, `/fhir/Patient/${c.amy}`, rid('down')).expect(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.headers.etag).toBeUndefined();
      expect(res.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'transient' }] });
      expect(res.text).not.toContain('Shaw');
    } finally {
      db.exec('ALTER TABLE phi_audit_chain_away RENAME TO phi_audit_chain');
      db.close();
    }
    const id = rid('back');
    await get(userA, `/fhir/Patient/${c.amy}`, id).expect(200);
    expect(eventsOf(id)).toHaveLength(1);
    expect(await trail.repository.verify()).toMatchObject({ ok: true });
  });

  describe('AuditEvent on /fhir', () => {
    const admin = (user: number, practice: number, scope = 'user/AuditEvent.rs') => t.mint({ scope, practice, sub: `user:${user}`, client_id: 'admin-console' });

    it("serves a practice administrator their practice's events only, as valid R4 AuditEvents", async () => {
      const userB = await t.mint({ scope: 'user/*.rs', practice: c.practiceB, sub: 'user:999', client_id: 'app-b' });
      await get(userB, `/fhir/Patient/${c.cara}`, rid('cara')).expect(200);
      const tokA = await admin(adminA, c.practiceA);
      const all = await get(tokA, '/fhir/AuditEvent?_count=1000', rid('ae')).expect(200);
      expect(all.body.resourceType).toBe('Bundle');
      const events = (all.body.entry as R[]).map((e) => e.resource);
      expect(events.length).toBeGreaterThan(10);
      const practiceRef = (e: R) => e.entity.find((x: R) => x.type?.code === '3')?.what?.reference;
      expect(new Set(events.map(practiceRef))).toEqual(new Set([`Organization/practice-${c.practiceA}`]));
      expect((await get(tokA, `/fhir/AuditEvent?patient=${c.cara}`, rid('ae')).expect(200)).body.entry ?? []).toEqual([]);
      const tokB = await admin(adminB, c.practiceB);
      const cara = (await get(tokB, `/fhir/AuditEvent?patient=Patient/${c.cara}`, rid('ae')).expect(200)).body.entry as R[];
      expect(cara.length).toBeGreaterThan(0);
      await get(tokA, `/fhir/AuditEvent/${cara[0].resource.id}`, rid('ae')).expect(404);
      await get(tokB, `/fhir/AuditEvent/${cara[0].resource.id}`, rid('ae')).expect(200);

      loadUsCore();
      const read = events.find((e) => e.subtype?.[0]?.code === 'read' && e.entity.some((x: R) => x.role?.code === '1')) as R;
      const search = events.find((e) => e.subtype?.[0]?.code === 'search-type') as R;
      for (const e of [read, search, events.find((e) => e.outcome === '4')]) {
        expect(e).toBeDefined();
        expect(validateResource(e as never).filter((i) => i.severity === 'error')).toEqual([]);
      }
      // The validator is live: an AuditEvent without its required source is refused.
      expect(() => validateResource({ ...read, source: undefined } as never)).toThrow(/AuditEvent\.source/);
      expect(read.agent.map((a: R) => a.type.coding[0].code)).toEqual(['110153', 'IRCP', '110152']);
      expect(read.source.type[0].code).toBe('4');
      expect(search.entity.find((x: R) => x.role?.code === '24').detail[0].valueString).toBeDefined();
    });

    it('filters by patient, app, user and date, and pages with _count', async () => {
      const tokA = await admin(adminA, c.practiceA);
      const byApp = (await get(tokA, '/fhir/AuditEvent?agent=patient-app', rid('ae')).expect(200)).body.entry as R[];
      expect(byApp.length).toBe(2);
      const byUser = (await get(tokA, `/fhir/AuditEvent?agent=user:${c.user}&patient=${c.amy}`, rid('ae')).expect(200)).body.entry as R[];
      expect(byUser.length).toBeGreaterThan(3);
      const today = new Date().toISOString().slice(0, 10);
      expect(((await get(tokA, `/fhir/AuditEvent?date=lt2000-01-01`, rid('ae')).expect(200)).body.entry ?? []).length).toBe(0);
      expect(((await get(tokA, `/fhir/AuditEvent?date=ge${today}&_count=2`, rid('ae')).expect(200)).body.entry ?? []).length).toBe(2);
      const first = (await get(tokA, '/fhir/AuditEvent?_count=2', rid('ae')).expect(200)).body;
      const next = first.link.find((l: R) => l.relation === 'next').url.replace('http://fhir.test', '');
      const second = (await get(tokA, next, rid('ae')).expect(200)).body;
      expect(Number(second.entry[0].resource.id)).toBeLessThan(Number(first.entry[1].resource.id));
      await get(tokA, '/fhir/AuditEvent?name=x', rid('ae')).expect(400);
      await get(tokA, '/fhir/AuditEvent?date=2024-13-01', rid('ae')).expect(400);
      const xml = await get(tokA, '/fhir/AuditEvent?_count=1&_format=xml', rid('ae')).expect(200);
      expect(xml.headers['content-type']).toMatch(/^application\/fhir\+xml/);
      expect(xml.text).toContain('<resource><AuditEvent><id value=');
    });

    it('is listed in the /fhir CapabilityStatement (read, search by patient, agent, date), not in /open', async () => {
      const fhir = (await request(t.server as never).get('/fhir/metadata').expect(200)).body as R;
      const audit = fhir.rest[0].resource.find((r: R) => r.type === 'AuditEvent');
      expect(audit.interaction.map((i: R) => i.code).sort()).toEqual(['read', 'search-type']);
      expect(audit.searchParam.map((p: R) => p.name).sort()).toEqual(['agent', 'date', 'patient']);
      const open = (await request(t.server as never).get('/open/metadata').expect(200)).body as R;
      expect(open.rest[0].resource.some((r: R) => r.type === 'AuditEvent')).toBe(false);
    });

    it('refuses other tokens: no admin role, wildcard scopes, another practice, /open', async () => {
      await get(await admin(nurseA, c.practiceA), '/fhir/AuditEvent', rid('ae')).expect(403);
      await get(await admin(adminA, c.practiceA, 'user/*.rs'), '/fhir/AuditEvent', rid('ae')).expect(403);
      await get(await admin(adminA, c.practiceB), '/fhir/AuditEvent', rid('ae')).expect(403);
      await get(await t.mint({ scope: 'user/AuditEvent.rs', practice: c.practiceA, sub: 'portal:1' }), '/fhir/AuditEvent', rid('ae')).expect(403);
      const open = await t.mint({ scope: 'user/AuditEvent.rs', practice: c.practiceA, sub: `user:${adminA}`, patient: String(c.amy) }, { aud: 'http://fhir.test/open' });
      await get(open, '/open/AuditEvent', rid('ae')).expect(403);
      // Reading the trail is itself audited.
      const id = rid('ae-read');
      await get(await admin(adminA, c.practiceA), '/fhir/AuditEvent?_count=1', id).expect(200);
      expect(eventsOf(id)).toMatchObject([{ resourceType: 'AuditEvent', interaction: 'search-type', clientId: 'admin-console', patientId: null }]);
    });
  });

  it('purges beyond the retention period (default six years), keeps the rest verifiable, and /readyz checks the trail', async () => {
    expect(trail.retentionDays).toBe(2192);
    const before = await trail.repository.head();
    expect(await trail.purgeExpired(Date.now() + 2192 * 86_400_000 + 60_000)).toBe(before.lastSeq - before.anchorSeq);
    expect(await trail.repository.verify()).toMatchObject({ ok: true, rows: 0, lastSeq: before.lastSeq });
    const id = rid('after-purge');
    await get(userA, `/fhir/Patient/${c.amy}`, id).expect(200);
    expect(await trail.repository.verify()).toMatchObject({ ok: true, rows: 1, lastSeq: before.lastSeq + 1 });
    const ready = await request(t.server as never).get('/readyz').expect(200);
    expect(JSON.stringify(ready.body)).toContain('auditTrail');
  });
});

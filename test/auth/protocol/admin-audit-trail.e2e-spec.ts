/**
 * The `/admin/audit` page and its CSV export (issue 12) over HTTP: confined to the signed-in administrator's
 * practice, filtered per patient, app, user and day, formula cells neutralised, refused without a session.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { PhiAuditFacts } from '#facade/facade-store';
import { addUser } from '../../../apps/auth/src/testing/legacy-fixtures.js';
import { ScreenSession } from '../../security/support/auth-browser.js';
import { startAuth, type AuthHarness } from './support/auth-harness.js';

function facts(over: Partial<PhiAuditFacts>): PhiAuditFacts {
  return {
    base: 'fhir', interaction: 'read', action: 'R', resourceType: 'Patient', operation: null, queryParams: null, status: 200, outcome: 0,
    clientId: 'chart-app', subject: 'user:5', fhirUser: null, tokenId: 'jti-x', contextPatient: null, practiceId: 1, patientId: '1',
    recordedUser: null, entities: '["Patient/1"]', sourceIp: '10.1.2.3', requestId: 'rq', ...over,
  };
}

describe('/admin audit trail page and CSV', () => {
  let h: AuthHarness;
  let session: ScreenSession;
  const csv = (query = '') => request(h.base).get(`/admin/audit.csv${query}`).set('Cookie', session.jar.header());

  beforeAll(async () => {
    h = await startAuth('sqlite', { SIGNIN_BACKOFF_SECONDS: '0' });
    await addUser(h.legacy, h.practiceId, 'admin.audit', 'Pw#admin-audit1', { ROLE_CODE: 'ADMIN' });
    const p = h.practiceId;
    await h.store.phiAudit.append([
      facts({ practiceId: p, patientId: '101', entities: '["Patient/101"]', requestId: 'rq-a1' }),
      facts({ practiceId: p, patientId: '102', interaction: 'search-type', action: 'E', queryParams: 'name,birthdate', entities: '["Patient/102"]', requestId: 'rq-a2', clientId: 'other-app' }),
      facts({ practiceId: p, patientId: '101', status: 404, outcome: 4, entities: '[]', requestId: 'rq-a3', clientId: '=HYPERLINK("http://evil")', subject: 'portal:9' }),
      facts({ practiceId: h.otherPracticeId, patientId: '900', entities: '["Patient/900"]', requestId: 'rq-other' }),
    ]);
    session = new ScreenSession(h.base);
    expect((await session.submit('/admin', '/admin/signin', { login: 'admin.audit', password: 'Pw#admin-audit1' })).status).toBe(303);
  });
  afterAll(async () => h?.close());

  it('exports only the practice\'s events as CSV, with formula cells neutralised', async () => {
    const res = await csv().expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="audit-trail-practice-${h.practiceId}.csv"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,recorded_utc,interaction,action,resource_type,operation,search_parameters,http_status,outcome,client_id,user,fhir_user,token_id,recorded_ehr_user,patient_id,resources,source_ip,request_id');
    expect(lines).toHaveLength(4);
    expect(res.text).not.toContain('rq-other');
    expect(res.text).not.toContain('900');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain('denied/failed (4)');
    expect(lines[2]).toContain('"name,birthdate"');
  });

  it('filters per patient, app, user and day', async () => {
    const rows = async (q: string) => (await csv(q).expect(200)).text.trimEnd().split('\r\n').slice(1).map((l) => /rq-[a-z0-9]+/.exec(l)?.[0]);
    expect(await rows('?patient=101')).toEqual(['rq-a3', 'rq-a1']);
    expect(await rows('?patient=900')).toEqual([]);
    expect(await rows('?app=other-app')).toEqual(['rq-a2']);
    expect(await rows('?user=portal:9')).toEqual(['rq-a3']);
    const today = new Date().toISOString().slice(0, 10);
    expect(await rows(`?from=${today}&to=${today}`)).toHaveLength(3);
    expect(await rows('?to=2000-01-01')).toEqual([]);
  });

  it('shows the trail page confined to the practice, and refuses without a session', async () => {
    const page = await session.get('/admin/audit?patient=101');
    expect(page.status).toBe(200);
    expect(page.html).toContain('rq-a1');
    expect(page.html).not.toContain('rq-a2');
    expect(page.html).not.toContain('<a href="=HYPERLINK');
    expect((await session.get('/admin/audit')).html).not.toContain('rq-other');
    await request(h.base).get('/admin/audit.csv').expect(401);
    const anon = await new ScreenSession(h.base).get('/admin/audit');
    expect(anon.status).toBe(303);
    // The views and exports are noted in the facade's own audit, without patient ids.
    const notes = await h.store.audit.recent(20);
    const exported = notes.find((n) => n.type === 'phi_audit.exported');
    expect(exported?.practiceId).toBe(h.practiceId);
    expect(notes.map((n) => n.detail ?? '').join(' ')).not.toMatch(/101|900/);
  });
});

/**
 * Attacks on the authorization server's HTML screens: stored and reflected XSS through app names and login names
 * (sign-in, consent, Connect and License Management portals), user enumeration in sign-in messages, CSRF on
 * every state-changing form, and one developer reaching another's app. Every assertion is the SAFE behaviour.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addPatient, addPortalAccount, addUser } from '../../apps/auth/src/testing/legacy-fixtures.js';
import { authorize, registerApp, startAuth, type AuthHarness } from '../auth/protocol/support/auth-harness.js';
import { ACTIVE_MARKUP, ScreenSession, csrfOf } from './support/auth-browser.js';

const EVIL_NAMES = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</h1><svg onload=alert(1)>'];

describe('authorization server screen attacks', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth();
    await addUser(h.legacy, h.practiceId, 'admin.sec', 'Pw#admin-sec1', { ROLE_CODE: 'ADMIN' });
    await addUser(h.legacy, h.practiceId, 'enum.user', 'Pw#enum-user1');
    await addUser(h.legacy, h.practiceId, 'gone.user', 'Pw#gone-user1', { ACTIVE_YN: 'N' });
    await addUser(h.legacy, h.practiceId, 'locked.user', 'Pw#locked-user1', { LOCKED_YN: 'Y' });
    await addPortalAccount(h.legacy, h.patientId, 'portal.sec', 'Pw#portal-sec1');
  });
  afterAll(async () => h?.close());

  /** Starts an authorization and returns a session on its sign-in page. */
  async function signInPage(clientId: string, scope = 'openid fhirUser user/*.rs') {
    const { location, jar } = await authorize(h, { clientId, scope });
    const s = new ScreenSession(h.base, jar);
    const page = await s.get(location);
    return { s, path: new URL(location, h.base).pathname, page };
  }

  it('escapes hostile app names on the sign-in and consent pages', async () => {
    for (const name of EVIL_NAMES) {
      const app = await registerApp(h, { name, scope: 'openid fhirUser user/*.rs' });
      const { s, path, page } = await signInPage(app.clientId);
      expect(page.status).toBe(200);
      expect(page.html).not.toContain(name);
      expect(page.html).not.toMatch(ACTIVE_MARKUP);
      expect(page.html).toMatch(/&lt;[^<>]*alert\(1\)/); // the name is shown, escaped
      const login = await s.post(`${path}/login`, { _csrf: csrfOf(page.html), login: 'dr.test', password: 'Passw0rd!x' });
      expect(login.status).toBe(303);
      let next = login.location;
      for (let i = 0; i < 4 && !next.includes('/interaction/'); i++) next = (await s.get(next)).location;
      const consent = await s.get(next);
      expect(consent.html).toMatch(/consent/i);
      expect(consent.html).not.toContain(name);
      expect(consent.html).not.toMatch(ACTIVE_MARKUP);
      expect(consent.html).toMatch(/&lt;[^<>]*alert\(1\)/);
    }
  });

  it('escapes a hostile login name echoed back after a refused sign-in', async () => {
    const app = await registerApp(h, { name: 'Echo App', scope: 'openid fhirUser user/*.rs' });
    const { s, path, page } = await signInPage(app.clientId);
    const evil = '"><script>alert(2)</script>';
    const refused = await s.post(`${path}/login`, { _csrf: csrfOf(page.html), login: evil, password: 'x' });
    expect(refused.status).toBe(200);
    expect(refused.html).not.toContain(evil);
    expect(refused.html).not.toMatch(ACTIVE_MARKUP);
  });

  it('gives one message and status for unknown, wrong-password, inactive and locked accounts', async () => {
    const app = await registerApp(h, { name: 'Enum App', scope: 'openid fhirUser user/*.rs' });
    const outcomes: string[] = [];
    for (const [login, password] of [['no.such.user', 'whatever-1'], ['enum.user', 'wrong-password'], ['gone.user', 'Pw#gone-user1'], ['locked.user', 'Pw#locked-user1'], ['ENUM.USER', 'wrong-again']]) {
      const { s, path, page } = await signInPage(app.clientId);
      const res = await s.post(`${path}/login`, { _csrf: csrfOf(page.html), login, password });
      const error = /class="[^"]*(error|alert)[^"]*"[^>]*>([^<]+)</.exec(res.html)?.[2] ?? '';
      outcomes.push(`${res.status} ${error}`);
    }
    expect(new Set(outcomes).size).toBe(1);
    expect(outcomes[0]).toMatch(/^200 \S/);
  });

  it('the portal sign-in forms answer unknown accounts and wrong passwords alike', async () => {
    const dev = new ScreenSession(h.base);
    const start = await dev.get('/connect');
    await dev.post('/connect/signup', { _csrf: csrfOf(start.html), displayName: 'Known Dev', email: 'known@sec.test', password: 'long-enough-pw-3' });
    const forms: [string, Record<string, string>[]][] = [
      ['/admin', [{ login: 'no.such.admin', password: 'x-1234567' }, { login: 'admin.sec', password: 'wrong-pass-1' }]],
      ['/portal/patient', [{ login: 'no.such.portal', password: 'x-1234567' }, { login: 'portal.sec', password: 'wrong-pass-1' }]],
      ['/ehr-simulator', [{ login: 'no.such.user', password: 'x-1234567' }, { login: 'enum.user', password: 'wrong-pass-1' }]],
      ['/connect', [{ email: 'nobody@sec.test', password: 'x-1234567' }, { email: 'known@sec.test', password: 'wrong-pass-1' }]],
    ];
    for (const [path, attempts] of forms) {
      const seen = new Set<string>();
      for (const form of attempts) {
        const res = await new ScreenSession(h.base).submit(path, `${path}/signin`, form);
        const text = res.html.replace(/value="[^"]*"/g, '').replace(/\s+/g, ' ');
        seen.add(`${res.status} ${text}`);
      }
      expect(`${path}: ${seen.size}`).toBe(`${path}: 1`);
    }
    // Every staff portal audits its refusals (reason and account row only: no login name, no password).
    const refusals = (await h.store.audit.recent(200)).filter((e) => e.type === 'login.refused').map((e) => JSON.parse(e.detail ?? '{}') as Record<string, unknown>);
    for (const portal of ['admin', 'ehr']) {
      const mine = refusals.filter((d) => d.portal === portal);
      expect(mine.map((d) => d.reason).sort()).toEqual(['bad-password', 'unknown-login']);
    }
    const trail = JSON.stringify(refusals);
    for (const secret of ['no.such.user', 'enum.user', 'admin.sec', 'wrong-pass-1', 'x-1234567']) expect(trail).not.toContain(secret);
  });

  it('refuses sign-in and consent posts without the form CSRF token or with another interaction\'s', async () => {
    const app = await registerApp(h, { name: 'Csrf App', scope: 'openid fhirUser user/*.rs' });
    const victim = await signInPage(app.clientId);
    const attacker = await signInPage(app.clientId);
    for (const token of ['', 'forged', csrfOf(attacker.page.html)]) {
      const res = await victim.s.post(`${victim.path}/login`, { _csrf: token, login: 'dr.test', password: 'Passw0rd!x' });
      expect(res.status).not.toBe(303);
    }
    const ok = await victim.s.post(`${victim.path}/login`, { _csrf: csrfOf((await victim.s.get(victim.path)).html), login: 'dr.test', password: 'Passw0rd!x' });
    expect(ok.status).toBe(303);
    let next = ok.location;
    for (let i = 0; i < 4 && !next.includes('/interaction/'); i++) next = (await victim.s.get(next)).location;
    const consentPath = new URL(next, h.base).pathname;
    await victim.s.get(consentPath);
    const forged = await victim.s.post(`${consentPath}/consent`, { _csrf: 'forged', decision: 'allow' });
    expect(forged.location).not.toMatch(/code=/);
    expect(forged.status).not.toBe(303);
  });

  it('escapes hostile names in the Connect portal and keeps one developer out of another\'s apps', async () => {
    const alice = new ScreenSession(h.base);
    const start = await alice.get('/connect');
    expect((await alice.post('/connect/signup', { _csrf: csrfOf(start.html), displayName: '<script>alert(1)</script>', email: 'alice@sec.test', password: 'long-enough-pw-1' })).status).toBe(303);
    const form = await alice.get('/connect/apps/new');
    const created = await alice.post('/connect/apps', {
      _csrf: csrfOf(form.html), name: EVIL_NAMES[1], kind: 'confidential-secret', redirectUris: 'https://alice.test/cb', scope: 'openid patient/*.rs',
    });
    expect(created.status).toBe(201);
    expect(created.html).not.toMatch(ACTIVE_MARKUP);
    expect(created.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const clientId = /data-testid="client-id">([^<]+)</.exec(created.html)![1];
    for (const page of [await alice.get('/connect'), await alice.get(`/connect/apps/${clientId}`), await alice.get(`/connect/apps/${clientId}/edit`)]) {
      expect(page.html).not.toMatch(ACTIVE_MARKUP);
    }
    // Signing up without the CSRF token creates nothing.
    const noCsrf = await new ScreenSession(h.base).post('/connect/signup', { displayName: 'Mallory', email: 'mallory@sec.test', password: 'long-enough-pw-2' });
    expect(noCsrf.status).not.toBe(303);
    const mallory = new ScreenSession(h.base);
    const mStart = await mallory.get('/connect');
    expect((await mallory.post('/connect/signup', { _csrf: csrfOf(mStart.html), displayName: 'Mallory', email: 'mallory@sec.test', password: 'long-enough-pw-2' })).status).toBe(303);
    const mPage = await mallory.get('/connect');
    const csrf = csrfOf(mPage.html);
    expect((await mallory.get(`/connect/apps/${clientId}`)).status).toBe(404);
    expect((await mallory.get(`/connect/apps/${clientId}/edit`)).status).toBe(404);
    expect((await mallory.post(`/connect/apps/${clientId}`, { _csrf: csrf, name: 'Hijacked', redirectUris: 'https://mallory.test/cb', scope: 'openid patient/*.rs' })).status).toBe(404);
    expect((await mallory.post(`/connect/apps/${clientId}/rotate`, { _csrf: csrf })).html).not.toMatch(/data-testid="client-secret"/);
    await mallory.post(`/connect/apps/${clientId}/delete`, { _csrf: csrf });
    const stored = await h.store.clients.find(clientId);
    expect(stored).toMatchObject({ name: EVIL_NAMES[1], redirectUris: ['https://alice.test/cb'] });
    // Alice's own forms refuse a missing CSRF token too.
    expect((await alice.post(`/connect/apps/${clientId}/delete`, {})).status).toBe(400);
    expect(await h.store.clients.find(clientId)).toBeTruthy();
  });

  it('escapes hostile names in the License Management portal and refuses approvals without CSRF', async () => {
    const app = await registerApp(h, { name: EVIL_NAMES[2] }, false);
    const admin = new ScreenSession(h.base);
    const signin = await admin.submit('/admin', '/admin/signin', { login: 'admin.sec', password: 'Pw#admin-sec1' });
    expect(signin.status).toBe(303);
    // Not yet decided and not asking for this practice: listed only by a search (issue 13).
    const page = await admin.get(`/admin?q=${encodeURIComponent(app.clientId)}`);
    expect(page.html).toContain(app.clientId);
    expect(page.html).not.toMatch(ACTIVE_MARKUP);
    const forged = await admin.post(`/admin/apps/${app.clientId}/approve`, { _csrf: 'forged' });
    expect(forged.status).toBe(400);
    expect(await h.store.approvals.findActive(app.clientId, h.practiceId)).toBeFalsy();
    const approved = await admin.post(`/admin/apps/${app.clientId}/approve`, { _csrf: csrfOf(page.html) });
    expect(approved.status).toBe(200);
    expect(approved.html).not.toMatch(ACTIVE_MARKUP);
    expect(approved.html).toContain('&lt;/h1&gt;&lt;svg onload=alert(1)&gt;');
    expect(await h.store.approvals.findActive(app.clientId, h.practiceId)).toBeTruthy();
    // The approval is for the admin's own practice only.
    expect(await h.store.approvals.findActive(app.clientId, h.otherPracticeId)).toBeFalsy();
    // A provider who is not an administrator does not get in.
    const doc = new ScreenSession(h.base);
    expect((await doc.submit('/admin', '/admin/signin', { login: 'dr.test', password: 'Passw0rd!x' })).status).not.toBe(303);
  });

  it('the EHR simulator launches only charts of the user\'s practice, and only with the CSRF token', async () => {
    const far = await addPatient(h.legacy, h.otherPracticeId, { MRN: 'SEC-SIM' });
    const app = await registerApp(h, { name: 'Launchable', launchUri: 'http://localhost:9999/launch', scope: 'launch openid fhirUser patient/*.rs' });
    const sim = new ScreenSession(h.base);
    expect((await sim.submit('/ehr-simulator', '/ehr-simulator/signin', { login: 'dr.test', password: 'Passw0rd!x' })).status).toBe(303);
    const page = await sim.get('/ehr-simulator');
    const noCsrf = await sim.post('/ehr-simulator/launch', { app: app.clientId, patient: String(h.patientId) });
    expect(noCsrf.status).toBe(400);
    const foreign = await sim.post('/ehr-simulator/launch', { _csrf: csrfOf(page.html), app: app.clientId, patient: String(far) });
    expect(foreign.status).toBe(400);
    expect(foreign.location).toBe('');
    const ok = await sim.post('/ehr-simulator/launch', { _csrf: csrfOf(page.html), app: app.clientId, patient: String(h.patientId) });
    expect(ok.status).toBe(303);
    expect(ok.location).toMatch(/^http:\/\/localhost:9999\/launch\?/);
  });

  it('portal session cookies cannot be swapped between portals or forged, and a demoted admin is out at once', async () => {
    const demoted = await addUser(h.legacy, h.practiceId, 'admin.demoted', 'Pw#admin-dem1', { ROLE_CODE: 'ADMIN' });
    const sim = new ScreenSession(h.base);
    expect((await sim.submit('/ehr-simulator', '/ehr-simulator/signin', { login: 'dr.test', password: 'Passw0rd!x' })).status).toBe(303);
    const ehrCookie = /mof_ehr=([^;]+)/.exec(sim.jar.header())![1];
    const swapped = await fetch(`${h.base}/admin`, { headers: { cookie: `mof_admin=${ehrCookie}` } });
    expect(await swapped.text()).toContain('action="/admin/signin"');
    const admin = new ScreenSession(h.base);
    expect((await admin.submit('/admin', '/admin/signin', { login: 'admin.demoted', password: 'Pw#admin-dem1' })).status).toBe(303);
    const adminCookie = /mof_admin=([^;]+)/.exec(admin.jar.header())![1];
    const mac = adminCookie.slice(adminCookie.lastIndexOf('.') + 1);
    const forgedBody = Buffer.from(JSON.stringify({ v: { userId: demoted + 1000 }, exp: Date.now() + 3600_000 })).toString('base64url');
    const forged = await fetch(`${h.base}/admin`, { headers: { cookie: `mof_admin=${forgedBody}.${mac}` } });
    expect(await forged.text()).toContain('action="/admin/signin"');
    expect((await admin.get('/admin')).html).not.toContain('action="/admin/signin"');
    await h.legacy.createQueryBuilder().update('USERS').set({ ROLE_CODE: 'NURSE' }).where('USER_ID = :id', { id: demoted }).execute();
    expect((await admin.get('/admin')).html).toContain('action="/admin/signin"');
  });

  it('every cookie the screens set is HttpOnly and SameSite, and pages forbid framing', async () => {
    const app = await registerApp(h, { name: 'Cookie App', scope: 'openid fhirUser user/*.rs' });
    const { location } = await authorize(h, { clientId: app.clientId, scope: 'openid fhirUser user/*.rs' });
    const res = await fetch(new URL(location, h.base), { redirect: 'manual' });
    const cookies = res.headers.getSetCookie();
    for (const c of cookies) {
      expect(c).toMatch(/HttpOnly/i);
      expect(c).toMatch(/SameSite=(Lax|Strict)/i);
    }
    for (const path of ['/connect', '/admin', '/portal/patient', new URL(location, h.base).pathname]) {
      const page = await fetch(new URL(path, h.base), { redirect: 'manual' });
      expect(page.headers.get('x-frame-options') ?? page.headers.get('content-security-policy')).toMatch(/DENY|frame-ancestors 'none'/);
    }
  });
});

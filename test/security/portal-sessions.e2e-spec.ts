/**
 * REGRESSION TEST (was a HIGH finding of issue 13, since fixed): portal sessions survived sign-out. The portals'
 * sessions were stateless signed cookies: a copied `/admin` cookie kept working after `POST /admin/signout` and
 * approved an app (CSRF token from the page); a password or role change did not end them either. Fix: server-side
 * sessions in the facade store (apps/auth/src/web/server-session.ts): sign-out ends every session of the person in
 * that portal, a changed password or role ends them, idle and absolute timeouts, a new session id at every sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addPatient, addPortalAccount, addUser, sha256Row } from '../../apps/auth/src/testing/legacy-fixtures.js';
import { CookieJar } from '../auth/protocol/support/cookie-jar.js';
import { registerApp, startAuth, type AuthHarness } from '../auth/protocol/support/auth-harness.js';
import { ScreenSession, csrfOf } from './support/auth-browser.js';

/** A second browser holding a copy of `from`'s cookies (what an attacker who copied the cookie has). */
function copyOf(s: ScreenSession): ScreenSession {
  const headers = new Headers();
  for (const pair of s.jar.header().split('; ').filter(Boolean)) headers.append('set-cookie', pair);
  const jar = new CookieJar();
  jar.store(new Response(null, { headers }));
  return new ScreenSession(s.base, jar);
}

const signedIn = (html: string) => /action="[^"]*\/signout"/.test(html);

describe('portal sessions are server-side', () => {
  let h: AuthHarness;
  let adminId: number;
  let portalId: number;
  beforeAll(async () => {
    h = await startAuth('sqlite', { SIGNIN_BACKOFF_SECONDS: '0' });
    adminId = await addUser(h.legacy, h.practiceId, 'admin.sess', 'Pw#admin-sess1', { ROLE_CODE: 'ADMIN' });
    portalId = await addPortalAccount(h.legacy, await addPatient(h.legacy, h.practiceId), 'portal.sess', 'Pw#portal-sess1');
  });
  afterAll(async () => h?.close());

  async function admin(): Promise<ScreenSession> {
    const s = new ScreenSession(h.base);
    expect((await s.submit('/admin', '/admin/signin', { login: 'admin.sess', password: 'Pw#admin-sess1' })).status).toBe(303);
    expect(signedIn((await s.get('/admin')).html)).toBe(true);
    return s;
  }

  it('a copied /admin cookie stops working at sign-out, and cannot approve an app with the page\'s CSRF token', async () => {
    const app = await registerApp(h, { name: 'Copied Cookie App' }, false);
    const control = await registerApp(h, { name: 'Control App' }, false);
    const victim = await admin();
    const page = await victim.get('/admin');
    const thief = copyOf(victim);
    expect(signedIn((await thief.get('/admin')).html)).toBe(true); // the copy works while the session lives
    // The very request below approves an app while the session lives (so its refusal later is the session's end).
    await thief.post(`/admin/apps/${encodeURIComponent(control.clientId)}/approve`, { _csrf: csrfOf(page.html) });
    expect((await h.store.approvals.listForClient(control.clientId)).map((a) => a.status)).toEqual(['approved']);
    const out = await victim.post('/admin/signout', { _csrf: csrfOf(page.html) });
    expect(out.status).toBe(303);
    expect(signedIn((await thief.get('/admin')).html)).toBe(false);
    await thief.post(`/admin/apps/${encodeURIComponent(app.clientId)}/approve`, { _csrf: csrfOf(page.html) });
    expect((await h.store.approvals.listForClient(app.clientId)).filter((a) => a.status === 'approved')).toEqual([]);
  });

  it('sign-out ends the person\'s sessions in every browser', async () => {
    const one = await admin();
    const two = await admin();
    await one.post('/admin/signout', { _csrf: csrfOf((await one.get('/admin')).html) });
    expect(signedIn((await two.get('/admin')).html)).toBe(false);
  });

  it('issues a new session id at sign-in (a planted id is never promoted)', async () => {
    const s = new ScreenSession(h.base);
    const planted = 'A'.repeat(43);
    const headers = new Headers([['set-cookie', `mof_admin=${planted}`]]);
    s.jar.store(new Response(null, { headers }));
    await s.submit('/admin', '/admin/signin', { login: 'admin.sess', password: 'Pw#admin-sess1' });
    expect(s.jar.header()).toMatch(/mof_admin=/);
    expect(s.jar.header()).not.toContain(planted);
    const fixed = new ScreenSession(h.base);
    fixed.jar.store(new Response(null, { headers: new Headers([['set-cookie', `mof_admin=${planted}`]]) }));
    expect(signedIn((await fixed.get('/admin')).html)).toBe(false);
  });

  it('a password change or a role change in the EHR ends the sessions', async () => {
    const patient = new ScreenSession(h.base);
    await patient.submit('/portal/patient', '/portal/patient/signin', { login: 'portal.sess', password: 'Pw#portal-sess1' });
    expect(signedIn((await patient.get('/portal/patient')).html)).toBe(true);
    const pw = sha256Row('Pw#changed-1');
    await h.legacy.query('UPDATE PORTAL_ACCOUNT SET PWD_ALGO = ?, PWD_SALT = ?, PWD_HASH = ? WHERE PORTAL_ID = ?', [pw.PWD_ALGO, pw.PWD_SALT, pw.PWD_HASH, portalId]);
    expect(signedIn((await patient.get('/portal/patient')).html)).toBe(false);

    const s = await admin();
    // Demoted and promoted back: the session granted to the ADMIN of before does not come back.
    await h.legacy.query("UPDATE USERS SET ROLE_CODE = 'NURSE' WHERE USER_ID = ?", [adminId]);
    expect(signedIn((await s.get('/admin')).html)).toBe(false);
    await h.legacy.query("UPDATE USERS SET ROLE_CODE = 'ADMIN' WHERE USER_ID = ?", [adminId]);
    expect(signedIn((await s.get('/admin')).html)).toBe(false);
  });

  it('ends a session idle too long, or past its absolute lifetime', async () => {
    const idle = await admin();
    await h.store.dataSource.query('UPDATE web_sessions SET last_seen_at = last_seen_at - ?', [16 * 60_000]);
    expect(signedIn((await idle.get('/admin')).html)).toBe(false);
    const old = await admin();
    await h.store.dataSource.query('UPDATE web_sessions SET expires_at = ?', [Date.now() - 1]);
    expect(signedIn((await old.get('/admin')).html)).toBe(false);
  });
});

/**
 * REGRESSION TEST (was a HIGH finding of issue 13, since fixed): anyone could lock anyone out of the EHR itself.
 * Five wrong passwords set FAILED_LOGINS=5, LOCKED_YN='Y' in the customer's USERS / PORTAL_ACCOUNT rows (permanent,
 * no rate limit, no 429; 60 concurrent guesses were all processed) and every sign-in bumped ROW_VER. Fix: sign-in is
 * read-only on the EHR's rows; failures are throttled per login name and per address in the facade store
 * (apps/auth/src/accounts/sign-in.service.ts), answering 429 with Retry-After and a clear message.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addPatient, addPortalAccount, addUser } from '../../apps/auth/src/testing/legacy-fixtures.js';
import { startAuth, type AuthHarness } from '../auth/protocol/support/auth-harness.js';
import { ScreenSession, csrfOf } from './support/auth-browser.js';

describe('sign-in lock-out and throttling', () => {
  let h: AuthHarness;
  let adminId: number;
  let portalId: number;
  beforeAll(async () => {
    // No back-off: the answers below must not depend on how fast this machine is (back-off: sign-in.service.spec.ts).
    h = await startAuth('sqlite', { SIGNIN_BACKOFF_SECONDS: '0' });
    adminId = await addUser(h.legacy, h.practiceId, 'admin.lock', 'Pw#admin-lock1', { ROLE_CODE: 'ADMIN' });
    portalId = await addPortalAccount(h.legacy, await addPatient(h.legacy, h.practiceId), 'portal.lock', 'Pw#portal-lock1');
  });
  afterAll(async () => h?.close());

  const ehrColumns = async (table: string, idColumn: string, id: number) =>
    (await h.legacy.query(`SELECT FAILED_LOGINS, LOCKED_YN, ROW_VER, LAST_LOGIN_AT, UPDATED_AT FROM ${table} WHERE ${idColumn} = ?`, [id]))[0];

  it('60 concurrent guesses: at most 5 are checked, the rest get 429 with Retry-After; the EHR row is never written', async () => {
    const before = await ehrColumns('USERS', 'USER_ID', adminId);
    const s = new ScreenSession(h.base);
    const csrf = csrfOf((await s.get('/admin')).html);
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => s.post('/admin/signin', { _csrf: csrf, login: 'admin.lock', password: `guess-${i}` })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(55);
    const throttled = answers.find((a) => a.status === 429)!;
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(throttled.html).toMatch(/Too many unsuccessful sign-in attempts/);
    // Even the right password waits for the pause to end...
    const right = await s.post('/admin/signin', { _csrf: csrf, login: 'admin.lock', password: 'Pw#admin-lock1' });
    expect(right.status).toBe(429);
    // ...and the EHR account itself was never locked nor touched.
    expect(await ehrColumns('USERS', 'USER_ID', adminId)).toEqual(before);
    expect(before).toMatchObject({ FAILED_LOGINS: 0, LOCKED_YN: 'N', ROW_VER: 1 });
  });

  it('a successful sign-in does not bump ROW_VER nor write LAST_LOGIN_AT (kept in the facade store)', async () => {
    const before = await ehrColumns('PORTAL_ACCOUNT', 'PORTAL_ID', portalId);
    for (let i = 0; i < 3; i++) {
      const res = await new ScreenSession(h.base).submit('/portal/patient', '/portal/patient/signin', { login: 'portal.lock', password: 'Pw#portal-lock1' });
      expect(res.status).toBe(303);
    }
    expect(await ehrColumns('PORTAL_ACCOUNT', 'PORTAL_ID', portalId)).toEqual(before);
    expect(await h.store.accountSignIns.lastSignIn(`portal:${portalId}`)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('an unknown login is paused exactly like a known one', async () => {
    const run = async (login: string) => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) out.push((await new ScreenSession(h.base).submit('/portal/patient', '/portal/patient/signin', { login, password: `nope-${i}` })).status);
      return out;
    };
    const known = await run('portal.lock');
    expect(known.at(-1)).toBe(429);
    expect(await run('portal.nobody')).toEqual(known);
  }, 60_000);
});

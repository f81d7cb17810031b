/**
 * REGRESSION TEST (was a HIGH finding of issue 13, since fixed): account enumeration by timing. A wrong password
 * for an account whose hash is in the legacy SHA256 format answered in a few ms, an unknown login (which paid for
 * a dummy PBKDF2 check) in 50-220 ms: every legacy-hash account could be listed. Fix: every attempt pays the same
 * PBKDF2 work (apps/auth/src/accounts/account.service.ts `verifyUniformly`) whatever the account's existence,
 * hash format or standing.
 *
 * Measured over HTTP on the patient portal and the EHR-staff (License Management) sign-in, 50 tries of each kind,
 * unknown and known tries interleaved pair by pair (so a loaded machine slows both alike); the medians must be
 * within 20 %. Throttling is set out of the way here (its own tests are in sign-in-lockout.e2e-spec.ts).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addPatient, addPortalAccount, addUser, pbkdf2Row, sha256Row } from '../../apps/auth/src/testing/legacy-fixtures.js';
import { startAuth, type AuthHarness } from '../auth/protocol/support/auth-harness.js';
import { ScreenSession, csrfOf } from './support/auth-browser.js';

const TRIES = 50;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return (s[Math.floor((s.length - 1) / 2)] + s[Math.ceil((s.length - 1) / 2)]) / 2;
}

describe('sign-in timing does not reveal which accounts exist', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuth('sqlite', { SIGNIN_MAX_FAILURES: '1000', SIGNIN_IP_MAX_FAILURES: '100000', SIGNIN_BACKOFF_SECONDS: '0' });
    const pat = await addPatient(h.legacy, h.practiceId);
    await addPortalAccount(h.legacy, pat, 'time.sha', 'Pw#time-1', sha256Row('Pw#time-1'));
    await addPortalAccount(h.legacy, pat, 'time.pbkdf2', 'Pw#time-1', pbkdf2Row('Pw#time-1', 20_000));
    await addPortalAccount(h.legacy, pat, 'time.locked', 'Pw#time-1', { ...sha256Row('Pw#time-1'), LOCKED_YN: 'Y' });
    await addPortalAccount(h.legacy, pat, 'time.gone', 'Pw#time-1', { ...sha256Row('Pw#time-1'), ACTIVE_YN: 'N' });
    await addUser(h.legacy, h.practiceId, 'staff.sha', 'Pw#time-1', { ...sha256Row('Pw#time-1'), ROLE_CODE: 'ADMIN' });
    await addUser(h.legacy, h.practiceId, 'staff.pbkdf2', 'Pw#time-1', { ROLE_CODE: 'ADMIN' });
  }, 60_000);
  afterAll(async () => h?.close());

  it.each([
    ['/portal/patient', ['time.sha', 'time.pbkdf2', 'time.locked', 'time.gone']],
    ['/admin', ['staff.sha', 'staff.pbkdf2']],
  ])('%s: unknown logins and wrong passwords of existing accounts take the same time (medians within 20 %%)', async (path, known) => {
    const s = new ScreenSession(h.base);
    const csrf = csrfOf((await s.get(path)).html);
    const attempt = async (login: string) => {
      const t0 = performance.now();
      const res = await s.post(`${path}/signin`, { _csrf: csrf, login, password: `wrong-${randomBytes(4).toString('hex')}` });
      const ms = performance.now() - t0;
      expect(res.status).toBe(401);
      return ms;
    };
    for (let i = 0; i < 4; i++) await attempt(`warm.${i}`); // warm-up (JIT, connection)
    const unknown: number[] = [];
    const existing: number[] = [];
    for (let i = 0; i < TRIES; i++) {
      const who = known[i % known.length];
      const nobody = `nobody.${randomBytes(5).toString('hex')}`;
      // Alternate which kind goes first in each pair.
      if (i % 2 === 0) {
        unknown.push(await attempt(nobody));
        existing.push(await attempt(who));
      } else {
        existing.push(await attempt(who));
        unknown.push(await attempt(nobody));
      }
    }
    const [mu, me] = [median(unknown), median(existing)];
    expect({ path, ratio: Math.abs(mu - me) / Math.max(mu, me) <= 0.2, unknownMs: Math.round(mu), existingMs: Math.round(me) }).toMatchObject({ ratio: true });
  }, 120_000);
});

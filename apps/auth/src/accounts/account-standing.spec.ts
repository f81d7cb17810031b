import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PatientLookupService } from '../interactions/patient-lookup.service.js';
import { AccountService } from './account.service.js';
import { AccountStanding } from './account-standing.js';
import { addPatient, addPortalAccount, addPractice, addProxy, addUser, tempLegacyDb } from '../testing/legacy-fixtures.js';

// Proxy dates are clinic calendar dates: 2024-07-01T02:00Z is still 2024-06-30 in New York.
const NOW = Date.parse('2024-07-01T02:00:00Z');

describe('AccountStanding', () => {
  let db: Awaited<ReturnType<typeof tempLegacyDb>>;
  let standing: AccountStanding;
  let p1: number;
  let p2: number;
  let ids: Record<string, number>;

  beforeAll(async () => {
    db = await tempLegacyDb();
    standing = new AccountStanding(new AccountService(db.ds), new PatientLookupService(db.ds, 'America/New_York', () => NOW));
    p1 = await addPractice(db.ds);
    p2 = await addPractice(db.ds, { PRACTICE_NAME: 'Other Clinic' });
    ids = { own: await addPatient(db.ds, p1, { MRN: 'S1' }), far: await addPatient(db.ds, p2, { MRN: 'S2' }), kid: await addPatient(db.ds, p2, { MRN: 'S3' }) };
    ids.merged = await addPatient(db.ds, p1, { MRN: 'S4', MERGED_INTO_PAT_ID: ids.own });
    ids.user = await addUser(db.ds, p1, 'std.user', 'Pw#std-user1');
    ids.locked = await addUser(db.ds, p1, 'std.locked', 'Pw#std-user1', { LOCKED_YN: 'Y' });
    ids.portal = await addPortalAccount(db.ds, ids.own, 'std.portal', 'Pw#std-portal1');
    ids.closed = await addPortalAccount(db.ds, ids.far, 'std.closed', 'Pw#std-portal1', { ACTIVE_YN: 'N' });
    await addProxy(db.ds, ids.portal, ids.kid, '2024-06-30', null);
    await addProxy(db.ds, ids.portal, ids.far, '2020-01-01', '2024-06-29');
  });
  afterAll(async () => db?.close());

  it("binds an EHR user to their practice and its (non-merged) charts only", async () => {
    expect(await standing.check(`user:${ids.user}`)).toEqual({ ok: true, practiceId: p1 });
    expect(await standing.check(`user:${ids.user}`, ids.own)).toEqual({ ok: true, practiceId: p1 });
    expect((await standing.check(`user:${ids.user}`, ids.far)).ok).toBe(false);
    expect((await standing.check(`user:${ids.user}`, ids.merged)).ok).toBe(false);
  });

  it('refuses accounts the sign-in rules refuse, and unknown or malformed ids', async () => {
    expect((await standing.check(`user:${ids.locked}`)).ok).toBe(false);
    expect((await standing.check(`portal:${ids.closed}`, ids.far)).ok).toBe(false);
    expect((await standing.check('user:999999')).ok).toBe(false);
    expect((await standing.check('admin:1')).ok).toBe(false);
  });

  it("binds a portal account to its own chart and today's proxy charts, with the chart's practice", async () => {
    expect(await standing.check(`portal:${ids.portal}`, ids.own)).toEqual({ ok: true, practiceId: p1 });
    expect(await standing.check(`portal:${ids.portal}`, ids.kid)).toEqual({ ok: true, practiceId: p2 });
    expect((await standing.check(`portal:${ids.portal}`, ids.far)).ok).toBe(false);
  });
});

import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { AccountService } from './account.service.js';
import { addPatient, addPortalAccount, addPractice, addProvider, addUser, sha256Row, tempLegacyDb, tempLegacyPgDb } from '../testing/legacy-fixtures.js';

const engines = { sqlite: tempLegacyDb, postgres: tempLegacyPgDb };

describe.each(['sqlite', 'postgres'] as const)('AccountService on %s (USERS and PORTAL_ACCOUNT sign-in, read-only on the EHR)', (engine) => {
  let db: { ds: DataSource; close(): Promise<void> };
  let ds: DataSource;
  let svc: AccountService;
  let practiceId: number;

  beforeEach(async () => {
    db = await engines[engine]();
    ds = db.ds;
    svc = new AccountService(ds);
    practiceId = await addPractice(ds);
  });
  afterEach(async () => db.close());

  const userRow = async (id: number) => {
    const row = await ds.getRepository('USERS').findOneOrFail({ where: { USER_ID: id } });
    return row as Record<string, unknown>;
  };

  /** Every column the EHR owns on an account row that a sign-in must never change. */
  const ehrColumns = (row: Record<string, unknown>) => ({ FAILED_LOGINS: row.FAILED_LOGINS, LOCKED_YN: row.LOCKED_YN, ROW_VER: row.ROW_VER, UPDATED_AT: row.UPDATED_AT, LAST_LOGIN_AT: row.LAST_LOGIN_AT });

  it('signs in an EHR user case-insensitively (PBKDF2) without writing anything to the EHR row', async () => {
    const prov = await addProvider(ds, practiceId);
    const id = await addUser(ds, practiceId, 'Dr.Carter', 'S3cret!pass', { PROV_ID: prov, FAILED_LOGINS: 3 });
    const before = ehrColumns(await userRow(id));
    const out = await svc.authenticate('ehr-user', '  dr.CARTER ', 'S3cret!pass');
    expect(out).toEqual({ ok: true, account: expect.objectContaining({ kind: 'ehr-user', accountId: `user:${id}`, practiceId, userId: id, providerId: prov, fhirUser: `Practitioner/${prov}` }) });
    expect(ehrColumns(await userRow(id))).toEqual(before);
    expect(before).toMatchObject({ FAILED_LOGINS: 3, ROW_VER: 1 });
  });

  it('accepts the legacy SHA256 format', async () => {
    await addUser(ds, practiceId, 'nurse.n', 'Legacy#1', { ...sha256Row('Legacy#1', 'abcd1234'), ROLE_CODE: 'NURSE' });
    const out = await svc.authenticate('ehr-user', 'NURSE.N', 'Legacy#1');
    expect(out.ok && out.account.roleCode).toBe('NURSE');
  });

  it('never locks nor counts failures in the EHR (no FAILED_LOGINS, LOCKED_YN or ROW_VER writes), however many', async () => {
    const id = await addUser(ds, practiceId, 'dr.lock', 'Right#pass1');
    const before = ehrColumns(await userRow(id));
    for (let i = 1; i <= 7; i++) expect(await svc.authenticate('ehr-user', 'dr.lock', 'wrong')).toMatchObject({ ok: false, reason: 'bad-password' });
    expect(ehrColumns(await userRow(id))).toEqual(before);
    expect((await svc.authenticate('ehr-user', 'dr.lock', 'Right#pass1')).ok).toBe(true);
  });

  it("honours the EHR's own LOCKED_YN and ACTIVE_YN, even with the right password", async () => {
    const locked = await addUser(ds, practiceId, 'dr.locked', 'Right#pass1', { LOCKED_YN: 'Y', FAILED_LOGINS: 5 });
    expect(await svc.authenticate('ehr-user', 'dr.locked', 'Right#pass1')).toMatchObject({ ok: false, reason: 'locked' });
    expect(ehrColumns(await userRow(locked))).toMatchObject({ FAILED_LOGINS: 5, LOCKED_YN: 'Y', ROW_VER: 1 });
    const id = await addUser(ds, practiceId, 'gone', 'Right#pass1', { ACTIVE_YN: 'N' });
    expect(await svc.authenticate('ehr-user', 'gone', 'Right#pass1')).toMatchObject({ ok: false, reason: 'inactive' });
    expect(await svc.authenticate('ehr-user', 'nobody', 'x')).toEqual({ ok: false, reason: 'unknown-login' });
    expect(await svc.authenticate('ehr-user', '', 'x')).toEqual({ ok: false, reason: 'unknown-login' });
    expect(await svc.authenticate('ehr-user', { $ne: 1 }, 'x')).toEqual({ ok: false, reason: 'unknown-login' });
    expect(await userRow(id)).toMatchObject({ ROW_VER: 1, FAILED_LOGINS: 0 });
  });

  it('signs in portal accounts (not EHR users) for the patient portal, with the chart practice and Patient fhirUser', async () => {
    const pat = await addPatient(ds, practiceId);
    const portalId = await addPortalAccount(ds, pat, 'Maria.Lopez', 'Portal#123', { FAILED_LOGINS: 2 });
    await addUser(ds, practiceId, 'maria.lopez', 'Portal#123');
    const out = await svc.authenticate('portal', 'MARIA.lopez', 'Portal#123');
    expect(out).toEqual({ ok: true, account: expect.objectContaining({ kind: 'portal', accountId: `portal:${portalId}`, practiceId, ownPatientId: pat, fhirUser: `Patient/${pat}` }) });
    expect(await ds.getRepository('PORTAL_ACCOUNT').findOneOrFail({ where: { PORTAL_ID: portalId } })).toMatchObject({ FAILED_LOGINS: 2, ROW_VER: 1, LAST_LOGIN_AT: null });
    expect(await svc.authenticate('ehr-user', 'maria.lopez', 'wrong')).toMatchObject({ ok: false });
    expect((await svc.findByAccountId(`portal:${portalId}`))?.ownPatientId).toBe(pat);
    expect(await svc.findByAccountId('portal:abc')).toBeUndefined();
  });
});

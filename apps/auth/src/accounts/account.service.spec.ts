import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { AccountService } from './account.service.js';
import { addPatient, addPortalAccount, addPractice, addProvider, addUser, sha256Row, tempLegacyDb, tempLegacyPgDb } from './legacy-fixtures.js';

// 2024-07-01T14:30:00Z is 10:30 wall-clock in New York (EDT).
const NOW = Date.parse('2024-07-01T14:30:00Z');

const engines = { sqlite: tempLegacyDb, postgres: tempLegacyPgDb };

describe.each(['sqlite', 'postgres'] as const)('AccountService on %s (USERS and PORTAL_ACCOUNT sign-in with the EHR lock-out rule)', (engine) => {
  let db: { ds: DataSource; close(): Promise<void> };
  let ds: DataSource;
  let svc: AccountService;
  let practiceId: number;

  beforeEach(async () => {
    db = await engines[engine]();
    ds = db.ds;
    svc = new AccountService(ds, 'America/New_York', () => NOW);
    practiceId = await addPractice(ds);
  });
  afterEach(async () => db.close());

  const userRow = async (id: number) => {
    const row = await ds.getRepository('USERS').findOneOrFail({ where: { USER_ID: id } });
    return row as Record<string, unknown>;
  };

  it('signs in an EHR user case-insensitively (PBKDF2), resets the counter and stamps LAST_LOGIN_AT in clinic time', async () => {
    const prov = await addProvider(ds, practiceId);
    const id = await addUser(ds, practiceId, 'Dr.Carter', 'S3cret!pass', { PROV_ID: prov, FAILED_LOGINS: 3 });
    const out = await svc.authenticate('ehr-user', '  dr.CARTER ', 'S3cret!pass');
    expect(out).toEqual({ ok: true, account: expect.objectContaining({ accountId: `user:${id}`, practiceId, fhirUser: `Practitioner/${prov}`, roleCode: 'PROV' }) });
    const row = await userRow(id);
    expect(row.FAILED_LOGINS).toBe(0);
    expect(row.LAST_LOGIN_AT).toBe('2024-07-01T10:30:00');
    expect(row.UPDATED_AT).toBe('2024-07-01T10:30:00');
    expect(row.ROW_VER).toBe(2);
  });

  it('signs in a legacy SHA256 EHR user', async () => {
    await addUser(ds, practiceId, 'nurse.n', 'x', { ...sha256Row('Legacy#1'), ROLE_CODE: 'NURSE' });
    const out = await svc.authenticate('ehr-user', 'NURSE.N', 'Legacy#1');
    expect(out.ok && out.account.fhirUser).toBeUndefined();
    expect(out.ok).toBe(true);
  });

  it('locks the account on the 5th consecutive failure, and then refuses even the right password', async () => {
    const id = await addUser(ds, practiceId, 'dr.lock', 'Right#pass1');
    for (let i = 1; i <= 4; i++) {
      expect(await svc.authenticate('ehr-user', 'dr.lock', 'wrong')).toMatchObject({ ok: false, reason: 'bad-password' });
      expect((await userRow(id)).FAILED_LOGINS).toBe(i);
      expect((await userRow(id)).LOCKED_YN).toBe('N');
    }
    expect(await svc.authenticate('ehr-user', 'dr.lock', 'wrong')).toMatchObject({ ok: false, reason: 'now-locked' });
    const row = await userRow(id);
    expect(row).toMatchObject({ FAILED_LOGINS: 5, LOCKED_YN: 'Y', ROW_VER: 6, UPDATED_AT: '2024-07-01T10:30:00' });
    expect(await svc.authenticate('ehr-user', 'dr.lock', 'Right#pass1')).toMatchObject({ ok: false, reason: 'locked' });
    expect((await userRow(id)).FAILED_LOGINS).toBe(5);
  });

  it('a success between failures resets the consecutive count', async () => {
    const id = await addUser(ds, practiceId, 'dr.reset', 'Right#pass1');
    for (let i = 0; i < 4; i++) await svc.authenticate('ehr-user', 'dr.reset', 'nope');
    expect((await svc.authenticate('ehr-user', 'dr.reset', 'Right#pass1')).ok).toBe(true);
    for (let i = 0; i < 4; i++) await svc.authenticate('ehr-user', 'dr.reset', 'nope');
    expect(await userRow(id)).toMatchObject({ FAILED_LOGINS: 4, LOCKED_YN: 'N' });
  });

  it('refuses inactive accounts and unknown logins without writing anything', async () => {
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
    expect(await ds.getRepository('PORTAL_ACCOUNT').findOneOrFail({ where: { PORTAL_ID: portalId } })).toMatchObject({
      FAILED_LOGINS: 0, ROW_VER: 2, LAST_LOGIN_AT: '2024-07-01T10:30:00', UPDATED_AT: '2024-07-01T10:30:00',
    });
    expect(await svc.authenticate('ehr-user', 'maria.lopez', 'wrong')).toMatchObject({ ok: false });
    expect((await svc.findByAccountId(`portal:${portalId}`))?.ownPatientId).toBe(pat);
    expect(await svc.findByAccountId('portal:abc')).toBeUndefined();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { AccountService } from './account.service.js';
import { addPatient, addPortalAccount, addPractice, addUser, sha256Row, tempLegacyDb } from '../testing/legacy-fixtures.js';
import { SignInService, type SignInPolicy, type SignInResult } from './sign-in.service.js';

const MIN = 60_000;

describe('SignInService (throttling in the facade store, never in the EHR)', () => {
  let legacy: { ds: DataSource; close(): Promise<void> };
  let store: FacadeStore;
  let dir: string;
  let clock = 1_800_000_000_000;
  let userId: number;
  const policy: SignInPolicy = { maxFailures: 5, ipMaxFailures: 12, lockMs: 15 * MIN, backoffBaseMs: 0 };
  const service = (p: Partial<SignInPolicy> = {}) => new SignInService(new AccountService(legacy.ds, 1000), store, { ...policy, ...p }, () => clock);
  const ehrRow = async () => legacy.ds.query('SELECT FAILED_LOGINS, LOCKED_YN, ROW_VER, LAST_LOGIN_AT FROM USERS WHERE USER_ID = ?', [userId]);
  const summary = (r: SignInResult) => (r.ok ? 'ok' : r.throttled ? `429 ${r.retryAfterSeconds}` : 'refused');
  let ip = 0;
  const nextIp = () => `192.0.2.${++ip}`;

  beforeAll(async () => {
    legacy = await tempLegacyDb();
    dir = mkdtempSync(join(tmpdir(), 'sign-in-'));
    store = await openFacadeStore({ kind: 'sqlite', path: join(dir, 'facade.sqlite') });
    const practiceId = await addPractice(legacy.ds);
    userId = await addUser(legacy.ds, practiceId, 'dr.throttle', 'Right#pass1', sha256Row('Right#pass1'));
    await addPortalAccount(legacy.ds, await addPatient(legacy.ds, practiceId), 'pat.throttle', 'Right#pass1');
  });
  afterAll(async () => {
    await store?.close();
    await legacy?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    clock += 24 * 60 * MIN;
  });

  it('locks a login name for 15 minutes after 5 failures, refusing even the right password, then lets it in again', async () => {
    const svc = service();
    const before = await ehrRow();
    const seen: string[] = [];
    for (let i = 0; i < 5; i++) seen.push(summary(await svc.signIn('ehr-user', 'DR.throttle', 'wrong', nextIp())));
    seen.push(summary(await svc.signIn('ehr-user', 'dr.throttle', 'Right#pass1', nextIp())));
    expect(seen).toEqual(['refused', 'refused', 'refused', 'refused', 'refused', `429 ${15 * 60}`]);
    clock += 14 * MIN;
    expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'Right#pass1', nextIp()))).toBe(`429 ${60}`);
    clock += MIN + 1;
    expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'Right#pass1', nextIp()))).toBe('ok');
    // The EHR's row was never written; the last sign-in is in the facade store.
    expect(await ehrRow()).toEqual(before);
    expect(await store.accountSignIns.lastSignIn(`user:${userId}`)).toBe(clock);
  });

  it('throttles an unknown login name exactly like a known one (no enumeration through the lock)', async () => {
    const svc = service();
    const run = async (login: string) => {
      const out: string[] = [];
      for (let i = 0; i < 7; i++) out.push(summary(await svc.signIn('portal', login, 'wrong', nextIp())));
      return out;
    };
    expect(await run('no.such.patient')).toEqual(await run('pat.throttle'));
  });

  it('a success resets the login counter', async () => {
    const svc = service();
    for (let i = 0; i < 4; i++) await svc.signIn('ehr-user', 'dr.throttle', 'wrong', nextIp());
    expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'Right#pass1', nextIp()))).toBe('ok');
    for (let i = 0; i < 4; i++) expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'wrong', nextIp()))).toBe('refused');
  });

  it('backs off exponentially from half the limit on', async () => {
    const svc = service({ backoffBaseMs: 2000, maxFailures: 8 });
    const from = nextIp();
    for (let i = 0; i < 4; i++) expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'wrong', from))).toBe('refused');
    expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'wrong', from))).toBe('429 2');
    clock += 2000;
    expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'wrong', from))).toBe('refused');
    expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'wrong', from))).toBe('429 4');
    clock += 4000;
    expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'wrong', from))).toBe('refused');
    expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'wrong', from))).toBe('429 8');
  });

  it('locks a client address that tries many login names', async () => {
    const svc = service();
    const from = nextIp();
    const seen: string[] = [];
    for (let i = 0; i < 13; i++) seen.push(summary(await svc.signIn('ehr-user', `guess.${i}`, 'wrong', from)));
    expect(seen.slice(0, 12)).toEqual(Array(12).fill('refused'));
    expect(seen[12]).toBe(`429 ${15 * 60}`);
    expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'Right#pass1', from))).toBe(`429 ${15 * 60}`);
    expect(summary(await svc.signIn('ehr-user', 'dr.throttle', 'Right#pass1', nextIp()))).toBe('ok');
  });

  it('checks at most the limit of a burst of concurrent guesses', async () => {
    const svc = service();
    const results = await Promise.all(Array.from({ length: 30 }, () => svc.signIn('portal', 'pat.throttle', 'wrong', nextIp())));
    const checked = results.filter((r) => !r.ok && !r.throttled).length;
    expect(checked).toBeLessThanOrEqual(5);
    expect(results.filter((r) => !r.ok && r.throttled)).toHaveLength(30 - checked);
  });
});

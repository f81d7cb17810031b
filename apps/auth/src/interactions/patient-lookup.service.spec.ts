import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { addPatient, addPortalAccount, addPractice, addProxy, tempLegacyDb, tempLegacyPgDb } from '../testing/legacy-fixtures.js';
import { PatientLookupService, validatePatientQuery } from './patient-lookup.service.js';

// 2024-07-01T02:00:00Z is still 2024-06-30 (22:00) in New York: proxy dates are compared with the clinic's date.
const NOW = Date.parse('2024-07-01T02:00:00Z');

const engines = { sqlite: tempLegacyDb, postgres: tempLegacyPgDb };

describe.each(['sqlite', 'postgres'] as const)('PatientLookupService on %s', (engine) => {
  let db: { ds: DataSource; close(): Promise<void> };
  let svc: PatientLookupService;
  let p1: number;
  let p2: number;
  let ids: Record<string, number>;

  beforeEach(async () => {
    db = await engines[engine]();
    svc = new PatientLookupService(db.ds, 'America/New_York', () => NOW);
    p1 = await addPractice(db.ds);
    p2 = await addPractice(db.ds, { PRACTICE_NAME: 'Other Clinic' });
    ids = {
      maria: await addPatient(db.ds, p1, { LAST_NAME: 'Lopez', FIRST_NAME: 'Maria', DOB: '1980-05-17', MRN: 'A100' }),
      mario: await addPatient(db.ds, p1, { LAST_NAME: 'Lopez', FIRST_NAME: 'Mario', DOB: '2015-02-03', MRN: 'A101' }),
      percent: await addPatient(db.ds, p1, { LAST_NAME: 'Lo%ez', FIRST_NAME: 'Zed', DOB: '1970-01-01', MRN: 'A102' }),
      other: await addPatient(db.ds, p2, { LAST_NAME: 'Lopez', FIRST_NAME: 'Maria', DOB: '1980-05-17', MRN: 'B100' }),
    };
    ids.merged = await addPatient(db.ds, p1, { LAST_NAME: 'Lopez', FIRST_NAME: 'Maria', DOB: '1980-05-17', MRN: 'A199', MERGED_INTO_PAT_ID: ids.maria });
  });
  afterEach(async () => db.close());

  it('searches only the given practice, case-insensitively, by name prefix, "last, first", DOB and MRN', async () => {
    expect((await svc.search(p1, { name: 'lop' })).map((c) => c.patientId)).toEqual([ids.maria, ids.mario]);
    expect((await svc.search(p1, { name: 'Lopez, mari' })).map((c) => c.patientId)).toEqual([ids.maria, ids.mario]);
    expect((await svc.search(p1, { name: 'maria lopez' })).map((c) => c.patientId)).toEqual([ids.maria]);
    expect((await svc.search(p1, { birthDate: '2015-02-03' })).map((c) => c.patientId)).toEqual([ids.mario]);
    expect((await svc.search(p1, { mrn: 'a102' })).map((c) => c.patientId)).toEqual([ids.percent]);
    expect((await svc.search(p2, { name: 'lopez' })).map((c) => c.patientId)).toEqual([ids.other]);
    expect((await svc.search(p1, { mrn: 'B100' }))).toEqual([]);
  });

  it('treats LIKE wildcards in the query as text', async () => {
    expect((await svc.search(p1, { name: 'lo%' })).map((c) => c.patientId)).toEqual([ids.percent]);
  });

  it('finds a patient only within its practice', async () => {
    expect((await svc.findInPractice(p1, ids.maria))?.mrn).toBe('A100');
    expect(await svc.findInPractice(p1, ids.other)).toBeUndefined();
    expect(await svc.findInPractice(p1, ids.merged)).toBeUndefined();
  });

  it('offers a portal user their own chart and proxies valid on the clinic date', async () => {
    const portal = await addPortalAccount(db.ds, ids.maria, 'maria', 'pw');
    await addProxy(db.ds, portal, ids.mario, '2020-01-01', null, 'MTH');
    await addProxy(db.ds, portal, ids.percent, '2020-01-01', '2024-06-30', 'GRD'); // ends today (clinic date): valid
    await addProxy(db.ds, portal, ids.other, '2024-07-01', null, 'FRND'); // starts tomorrow (clinic date): not yet
    const charts = await svc.portalCharts(portal, ids.maria);
    expect(charts.map((c) => [c.patientId, c.relation])).toEqual([
      [ids.maria, 'Your own record'],
      [ids.mario, 'Proxy access · as mother'],
      [ids.percent, 'Proxy access · as legal guardian'],
    ]);
    expect((await svc.portalChart(portal, ids.maria, ids.mario))?.practiceId).toBe(p1);
    expect(await svc.portalChart(portal, ids.maria, ids.other)).toBeUndefined();
  });

  it('validates picker input', () => {
    expect(validatePatientQuery({ birthDate: '17/05/1980' }).error).toMatch(/YYYY-MM-DD/);
    expect(validatePatientQuery({ name: 'a' }).error).toMatch(/two letters/);
    expect(validatePatientQuery({}).empty).toBe(true);
    expect(validatePatientQuery({ name: ['x', 'y'] }).empty).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbUrl } from '#facade/config';
import { vendoredSchema } from '#facade/legacy-db';
import { verifyLegacyPassword } from '#facade/security';
import { DEMO_CREDENTIALS, DEMO_PATIENT_IDS, DemoEhrError, generateDemoEhr, type DemoSummary } from './index.js';
import { gtinCheckDigit, hibccCheckChar, isValidNpi, parseGs1Udi } from './identifiers.js';
import { countRows, dumpAll, openReader, orphanReferences, type DbReader } from './testing/db-reader.js';
import { README_CODES, TABLES_WITH_DELETED_YN } from './testing/readme-codes.js';

const PATIENTS = 60;
const dir = mkdtempSync(join(tmpdir(), 'demo-ehr-'));
const sqlite = (name: string): DbUrl => ({ kind: 'sqlite', path: join(dir, `${name}.sqlite`) });

let summary: DemoSummary;
let db: DbReader;
const q = (sql: string) => db.all(sql);
const one = async (sql: string) => Number(Object.values((await q(sql))[0])[0]);

beforeAll(async () => {
  summary = await generateDemoEhr(sqlite('a'), { patients: PATIENTS, seed: 7 });
  db = await openReader(sqlite('a'));
});
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('generateDemoEhr into SQLite', () => {
  it('is deterministic: same seed and count give identical rows, another seed different rows', async () => {
    await generateDemoEhr(sqlite('b'), { patients: PATIENTS, seed: 7 });
    await generateDemoEhr(sqlite('c'), { patients: PATIENTS, seed: 8 });
    const [a, b, c] = [db, await openReader(sqlite('b')), await openReader(sqlite('c'))];
    const [da, dbb, dc] = [await dumpAll(a), await dumpAll(b), await dumpAll(c)];
    await b.close();
    await c.close();
    expect(dbb).toEqual(da);
    expect(dc.PATIENT).not.toEqual(da.PATIENT);
    expect(dc.LAB_RESULT).not.toEqual(da.LAB_RESULT);
  });

  it('fills every table and reports the real row counts', async () => {
    const counts = await countRows(db);
    for (const [table, n] of Object.entries(counts)) expect([table, n > 0]).toEqual([table, true]);
    expect(summary.rows).toEqual(counts);
    expect(counts.PATIENT).toBe(PATIENTS);
  });

  it('contains every local code listed in the schema README', async () => {
    const missing: string[] = [];
    for (const list of README_CODES) {
      const present = new Set((await q(`SELECT DISTINCT "${list.column}" AS v FROM "${list.table}"`)).map((r) => r.v));
      for (const code of list.codes) if (!present.has(code)) missing.push(`${list.table}.${list.column}=${code}`);
    }
    expect(missing).toEqual([]);
  });

  it('keeps referential integrity (declared foreign keys, *_BY users, denormalised patient ids)', async () => {
    expect(await orphanReferences(db)).toEqual([]);
    expect(await one('SELECT COUNT(*) FROM LAB_RESULT r JOIN LAB_ORDER o ON o.ORDER_ID = r.ORDER_ID WHERE o.PAT_ID <> r.PAT_ID')).toBe(0);
    expect(await one('SELECT COUNT(*) FROM RX_FILL f JOIN MEDICATION m ON m.MED_ID = f.MED_ID WHERE m.PAT_ID <> f.PAT_ID')).toBe(0);
    for (const t of vendoredSchema().tables.filter((x) => x.name !== 'VISIT' && x.columns.some((c) => c.name === 'VISIT_ID'))) {
      expect([t.name, await one(`SELECT COUNT(*) FROM "${t.name}" x JOIN VISIT v ON v.VISIT_ID = x.VISIT_ID WHERE v.PAT_ID <> x.PAT_ID`)]).toEqual([t.name, 0]);
    }
    // A proxy only reaches charts of its own practice; a caregiver is a contact of the same patient.
    expect(await one(`SELECT COUNT(*) FROM PORTAL_PROXY x JOIN PORTAL_ACCOUNT a ON a.PORTAL_ID = x.PORTAL_ID JOIN PATIENT h ON h.PAT_ID = a.PAT_ID
      JOIN PATIENT p ON p.PAT_ID = x.PAT_ID WHERE h.PRACTICE_ID <> p.PRACTICE_ID`)).toBe(0);
    expect(await one(`SELECT COUNT(*) FROM CARE_TEAM_MEMBER m JOIN PAT_CONTACT c ON c.CONTACT_ID = m.CONTACT_ID WHERE c.PAT_ID <> m.PAT_ID`)).toBe(0);
  });

  it('writes DATETIME as wall-clock text, DST edge times included, with consistent versions', async () => {
    for (const t of vendoredSchema().tables) {
      for (const c of t.columns.filter((x) => x.type === 'DATETIME')) {
        const bad = await one(`SELECT COUNT(*) FROM "${t.name}" WHERE "${c.name}" IS NOT NULL AND "${c.name}" NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]'`);
        expect([`${t.name}.${c.name}`, bad]).toEqual([`${t.name}.${c.name}`, 0]);
      }
      const names = t.columns.map((c) => c.name);
      if (names.includes('ROW_VER')) expect([t.name, await one(`SELECT COUNT(*) FROM "${t.name}" WHERE ROW_VER < 1`)]).toEqual([t.name, 0]);
      if (names.includes('CREATED_AT') && names.includes('UPDATED_AT')) {
        const unchanged = names.includes('ROW_VER') ? ' OR (ROW_VER = 1 AND UPDATED_AT <> CREATED_AT)' : '';
        expect([t.name, await one(`SELECT COUNT(*) FROM "${t.name}" WHERE UPDATED_AT < CREATED_AT${unchanged}`)]).toEqual([t.name, 0]);
      }
    }
    expect(await one(`SELECT COUNT(*) FROM VISIT WHERE START_DT = '2024-03-10 02:30:00'`)).toBeGreaterThan(0); // does not exist in New York
    expect(await one(`SELECT COUNT(*) FROM VISIT WHERE START_DT = '2024-11-03 01:30:00'`)).toBeGreaterThan(0); // happens twice
    expect(await one(`SELECT COUNT(*) FROM VITALS WHERE TAKEN_AT BETWEEN '2024-03-10 02:00:00' AND '2024-03-10 02:59:59'`)).toBeGreaterThan(0);
  });

  it('contains the awkward cases a real EHR holds', async () => {
    for (const t of TABLES_WITH_DELETED_YN) expect([t, await one(`SELECT COUNT(*) FROM "${t}" WHERE DELETED_YN = 'Y' AND ROW_VER > 1`) > 0]).toEqual([t, true]);
    const merged = await q(`SELECT d.INACTIVE_YN, d.DOB = o.DOB AS same_dob, d.LAST_NAME = o.LAST_NAME AS same_name, o.MERGED_INTO_PAT_ID AS chained
      FROM PATIENT d JOIN PATIENT o ON o.PAT_ID = d.MERGED_INTO_PAT_ID`);
    expect(merged.length).toBeGreaterThan(0);
    for (const m of merged) expect(m).toEqual({ INACTIVE_YN: 'Y', same_dob: 1, same_name: 1, chained: null });
    expect(await one(`SELECT COUNT(*) FROM PATIENT WHERE INACTIVE_YN = 'Y' AND MERGED_INTO_PAT_ID IS NULL`)).toBeGreaterThan(0);
    expect(await one(`SELECT COUNT(*) FROM PATIENT WHERE DECEASED_YN = 'Y' AND DECEASED_DATE IS NOT NULL`)).toBeGreaterThan(0);
    expect(await one(`SELECT COUNT(*) FROM PATIENT WHERE DECEASED_YN = 'Y' AND DECEASED_DATE IS NULL`)).toBeGreaterThan(0);
    expect(await one(`SELECT COUNT(*) FROM PATIENT WHERE DECEASED_YN = 'N' AND DECEASED_DATE IS NOT NULL`)).toBe(0);
    expect(await one(`SELECT COUNT(*) FROM VISIT v JOIN PATIENT p ON p.PAT_ID = v.PAT_ID WHERE v.DISCH_DISPOSITION = 'EXP' AND (p.DECEASED_YN <> 'Y' OR v.END_DT <> p.DECEASED_DATE)`)).toBe(0);
    expect(await one(`SELECT COUNT(*) FROM VITALS WHERE STATUS = 'A' AND ROW_VER > 1 AND UPDATED_AT > CREATED_AT`)).toBeGreaterThan(0);
    expect(await one(`SELECT COUNT(*) FROM VISIT WHERE DISCH_DISPOSITION IS NOT NULL AND VISIT_TYPE <> 'IP'`)).toBe(0);
    // Every nullable column of the patient-level tables holds NULL somewhere.
    const scoped = vendoredSchema().tables.filter((t) => t.columns.some((c) => c.name === 'PAT_ID'));
    const neverNull: string[] = [];
    for (const t of scoped) for (const c of t.columns.filter((x) => x.nullable)) {
      if ((await one(`SELECT COUNT(*) FROM "${t.name}" WHERE "${c.name}" IS NULL`)) === 0) neverNull.push(`${t.name}.${c.name}`);
    }
    expect(neverNull).toEqual([]);
  });

  it('writes coherent clinical values', async () => {
    const forms = await q(`SELECT
      SUM(VALUE_TEXT GLOB '[0-9]*' AND VALUE_TEXT NOT GLOB '*[^0-9.]*') AS numbers, SUM(VALUE_TEXT LIKE '<%') AS below,
      SUM(VALUE_TEXT LIKE '>=%') AS atleast, SUM(VALUE_TEXT = 'POSITIVE') AS positive, SUM(VALUE_TEXT = 'Not detected') AS notdetected,
      SUM(REF_RANGE GLOB '[0-9]*-[0-9]*') AS range, SUM(REF_RANGE LIKE '<%') AS reflt, SUM(REF_RANGE LIKE '>=%') AS refge,
      SUM(REF_RANGE = 'NEGATIVE') AS reftext, SUM(LOINC_CODE IS NULL) AS localonly, SUM(ABN_FLAG IS NULL AND VALUE_TEXT IS NOT NULL) AS unflagged FROM LAB_RESULT`);
    for (const [k, v] of Object.entries(forms[0])) expect([k, Number(v) > 0]).toEqual([k, true]);
    expect(await one(`SELECT COUNT(*) FROM ALLERGY WHERE NKA_YN = 'Y' AND COALESCE(ALLERGEN_TYPE, ALLERGEN_NAME, RXNORM_CODE, SNOMED_CODE, REACTION_TEXT) IS NOT NULL`)).toBe(0);
    expect(await one(`SELECT COUNT(*) FROM PROBLEM WHERE PROB_TYPE = 'D' AND VISIT_ID IS NULL`)).toBe(0);
    expect(await one(`SELECT COUNT(*) FROM PROBLEM WHERE ICD10_CODE LIKE '%.%'`)).toBe(0);
    expect(await one(`SELECT COUNT(*) FROM VITALS WHERE O2_FLOW_LPM IS NOT NULL AND SPO2 IS NULL`)).toBe(0);
    expect(await one(`SELECT COUNT(*) FROM VITALS WHERE O2_FLOW_LPM IS NOT NULL`)).toBeGreaterThan(0);
    // Pediatric percentiles only at the ages they are defined for.
    const age = `(julianday(substr(v.TAKEN_AT, 1, 10)) - julianday(p.DOB)) / 365.25`;
    expect(await one(`SELECT COUNT(*) FROM VITALS v JOIN PATIENT p ON p.PAT_ID = v.PAT_ID WHERE v.WFL_PCTL IS NOT NULL AND ${age} >= 2`)).toBe(0);
    expect(await one(`SELECT COUNT(*) FROM VITALS v JOIN PATIENT p ON p.PAT_ID = v.PAT_ID WHERE v.BMI_PCTL IS NOT NULL AND (${age} < 2 OR ${age} >= 20)`)).toBe(0);
    expect(await one(`SELECT COUNT(*) FROM VITALS WHERE WFL_PCTL IS NOT NULL`)).toBeGreaterThan(0);
    expect(await one(`SELECT COUNT(*) FROM VITALS WHERE BMI_PCTL IS NOT NULL`)).toBeGreaterThan(0);
    expect(await one(`SELECT COUNT(*) FROM CARE_TEAM_MEMBER WHERE ROLE_CODE = 'CAREGVR' AND (CONTACT_ID IS NULL OR PROV_ID IS NOT NULL)`)).toBe(0);
    // SDOH categories as the EHR stores them: VARCHAR(20), longer codes cut.
    expect(await one(`SELECT COUNT(*) FROM SCREENING WHERE SDOH_CATEGORY = 'transportation-insec'`)).toBeGreaterThan(0);
    expect(await one(`SELECT COUNT(*) FROM SCREENING WHERE LENGTH(SDOH_CATEGORY) > 20`)).toBe(0);
    expect(await one(`SELECT COUNT(*) FROM USERS WHERE ROLE_CODE = 'PROV' AND PROV_ID IS NULL`)).toBe(0);
  });

  it('uses valid identifiers: NPI check digits, GS1 UDIs that match the implant columns, document sizes and hashes', async () => {
    const npis = (await q(`SELECT NPI FROM PROVIDER WHERE NPI IS NOT NULL UNION ALL SELECT NPI FROM PRACTICE WHERE NPI IS NOT NULL`)).map((r) => String(r.NPI));
    expect(npis.length).toBeGreaterThan(10);
    for (const npi of npis) expect([npi, isValidNpi(npi)]).toEqual([npi, true]);
    // GS1 human-readable UDIs (the usual form) match the implant columns; the awkward forms exist too.
    const implants = await q(`SELECT * FROM IMPLANT WHERE UDI_STRING LIKE '(01)%' AND UDI_STRING NOT LIKE '% %'`);
    expect(implants.length).toBeGreaterThan(0);
    const hibcc = (await q(`SELECT UDI_STRING FROM IMPLANT WHERE UDI_STRING LIKE '+%'`)).map((r) => String(r.UDI_STRING));
    expect(hibcc.length).toBeGreaterThan(0);
    for (const u of hibcc) expect(hibccCheckChar(u.slice(0, -1))).toBe(u.slice(-1));
    expect(await one(`SELECT COUNT(*) FROM IMPLANT WHERE UDI_STRING LIKE '(01) %'`)).toBeGreaterThan(0);
    const yymmdd = (d: unknown) => String(d).slice(2).replace(/-/g, '');
    for (const i of implants) {
      const p = parseGs1Udi(String(i.UDI_STRING));
      expect(Number(p.gtin.slice(13))).toBe(gtinCheckDigit(p.gtin.slice(0, 13)));
      expect({ lot: p.lot, serial: p.serial ?? null, mfg: p.mfg, exp: p.exp })
        .toEqual({ lot: i.LOT_NUMBER, serial: i.SERIAL_NUMBER, mfg: yymmdd(i.MFG_DATE), exp: yymmdd(i.EXP_DATE) });
    }
    for (const d of await q(`SELECT MIME_TYPE, CONTENT, SIZE_BYTES, SHA1_HEX FROM DOCUMENT`)) {
      const content = d.CONTENT as Buffer;
      expect(d.SIZE_BYTES).toBe(content.length);
      if (d.SHA1_HEX !== null) expect(d.SHA1_HEX).toBe(createHash('sha1').update(content).digest('hex'));
      if (d.MIME_TYPE === 'application/pdf') expect(content.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
      if (d.MIME_TYPE === 'application/xml') expect(content.toString('utf8')).toContain('<ClinicalDocument xmlns="urn:hl7-org:v3">');
    }
  });

  it('writes the documented demo logins, demo patients and proxy in practice 1', async () => {
    for (const c of DEMO_CREDENTIALS) {
      const [row] = c.kind === 'ehr'
        ? await q(`SELECT USER_ID AS id, PRACTICE_ID, PWD_ALGO, PWD_HASH, PWD_SALT, ACTIVE_YN, LOCKED_YN, ROLE_CODE AS role FROM USERS WHERE LOGIN_NAME = '${c.login}'`)
        : await q(`SELECT a.PORTAL_ID AS id, p.PRACTICE_ID, a.PWD_ALGO, a.PWD_HASH, a.PWD_SALT, a.ACTIVE_YN, a.LOCKED_YN, 'x' AS role FROM PORTAL_ACCOUNT a JOIN PATIENT p ON p.PAT_ID = a.PAT_ID WHERE a.USERNAME = '${c.login}'`);
      expect({ login: c.login, id: row.id, practice: row.PRACTICE_ID, algo: row.PWD_ALGO, can: row.ACTIVE_YN === 'Y' && row.LOCKED_YN === 'N' })
        .toEqual({ login: c.login, id: c.accountId, practice: 1, algo: c.pwdAlgo, can: c.canLogIn });
      if (c.kind === 'ehr') expect(row.role).toBe(c.roleCode);
      expect(verifyLegacyPassword(row as never, c.password)).toBe(true);
      expect(verifyLegacyPassword(row as never, 'wrong')).toBe(false);
    }
    const proxies = await q(`SELECT x.PAT_ID, x.RELATION_CODE FROM PORTAL_PROXY x JOIN PORTAL_ACCOUNT a ON a.PORTAL_ID = x.PORTAL_ID WHERE a.USERNAME = 'parent.demo'`);
    expect(proxies).toEqual([{ PAT_ID: DEMO_PATIENT_IDS.child, RELATION_CODE: 'MTH' }]);
    expect(await one(`SELECT COUNT(*) FROM PORTAL_ACCOUNT WHERE USERNAME = 'patient.demo' AND PAT_ID = ${DEMO_PATIENT_IDS.patient}`)).toBe(1);
    const demo = await q(`SELECT PAT_ID, PRACTICE_ID, PCP_PROV_ID, FIRST_NAME FROM PATIENT WHERE PAT_ID IN (1, 2, 3) ORDER BY PAT_ID`);
    expect(demo.map((p) => [p.PRACTICE_ID, p.PCP_PROV_ID])).toEqual([[1, 1], [1, 1], [1, 1]]);
    expect(await one(`SELECT COUNT(*) FROM PROBLEM WHERE PAT_ID = 3 AND PROB_TYPE = 'P'`)).toBeGreaterThanOrEqual(4);
  });

  it('refuses an existing target and bad options with a clear error', async () => {
    await expect(generateDemoEhr(sqlite('a'), { patients: 5, seed: 1 })).rejects.toThrow(/already exists/);
    await expect(generateDemoEhr(sqlite('d'), { patients: 2, seed: 1 })).rejects.toThrow(DemoEhrError);
    await expect(generateDemoEhr(sqlite('d'), { patients: 10, seed: -1 })).rejects.toThrow(/seed must be an integer/);
    await expect(generateDemoEhr({ kind: 'mssql', url: 'mssql://x', host: 'x', port: 1, user: 'u', password: 'p', database: 'd' }, { patients: 10, seed: 1 }))
      .rejects.toThrow(/never into SQL Server/);
  });
});

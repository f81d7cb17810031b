/**
 * Rows as the drivers return them (SQLite and PostgreSQL with the legacy schema; DECIMAL, DATE and DATETIME
 * through the entity transformers) map to resources that conform to US Core 6.1.0.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  createLegacyDataSource,
  createLegacyPostgresDatabase,
  createLegacySqliteDatabase,
  dropPostgresDatabase,
} from '../../../legacy-db/src/index.js';
import type { FhirResource } from '../common/fhir-types.js';
import * as f from './fixtures.js';
import { mapAllRows } from './map-all-rows.js';
import { testContext } from './test-context.js';
import { usCoreErrors } from './us-core-validator.js';

/** Parents before children (PostgreSQL enforces the foreign keys). */
const ROWS: Array<[string, object[]]> = [
  ['PRACTICE', [f.practiceRow()]],
  ['PAYER', [f.payerRow()]],
  ['FACILITY', [f.facilityRow()]],
  ['PROVIDER', [f.providerRow(), f.providerRow({ PROV_ID: 6, NPI: null, CREDENTIAL: 'NP', TAXONOMY_CODE: '363L00000X', SPECIALTY_DESC: 'Nurse Practitioner' })]],
  ['USERS', [f.userRow(), f.userRow({ USER_ID: 8, PROV_ID: null, ROLE_CODE: 'NURSE', LOGIN_NAME: 'nurse1' })]],
  [
    'PATIENT',
    [
      f.patientRow(),
      f.patientRow({ PAT_ID: 13, MRN: 'MRN000013', MERGED_INTO_PAT_ID: 12, CREATED_BY: 8, UPDATED_BY: null }),
      f.patientRow({ PAT_ID: 14, MRN: 'MRN000014', DECEASED_YN: 'Y', DECEASED_DATE: '2024-03-10T02:30:00', GENDER_IDENTITY: 'NB', BIRTH_SEX: null }),
    ],
  ],
  ['PATIENT_RACE', [{ PAT_ID: 12, RACE_CODE: '2106-3', SEQ: 1 }, { PAT_ID: 12, RACE_CODE: '2028-9', SEQ: 2 }, { PAT_ID: 14, RACE_CODE: 'ASKU', SEQ: 1 }]],
  ['PAT_CONTACT', [f.contactRow()]],
  ['VISIT', [f.visitRow(), f.visitRow({ VISIT_ID: 41, VISIT_TYPE: 'IP', DISCH_DISPOSITION: 'HOME', END_DT: '2024-03-04T10:00:00' }), f.visitRow({ VISIT_ID: 42, DELETED_YN: 'Y' })]],
  ['PROBLEM', [f.problemRow(), f.problemRow({ PROB_ID: 51, PROB_TYPE: 'D', VISIT_ID: 40 }), f.problemRow({ PROB_ID: 52, VERIFIED: 'E' })]],
  ['ALLERGY', [f.allergyRow(), f.allergyRow({ ALLERGY_ID: 61, PAT_ID: 14, NKA_YN: 'Y', ALLERGEN_TYPE: null, ALLERGEN_NAME: null, RXNORM_CODE: null, REACTION_TEXT: null, REACTION_SNOMED: null, SEVERITY: null, CRITICALITY: null })]],
  [
    'VITALS',
    [
      f.vitalsRow({ HEIGHT_IN: 65.25, WEIGHT_LB: 154.3, BMI: 25.48, BP_SYSTOLIC: 128, BP_DIASTOLIC: 82, PULSE: 72, RESP_RATE: 16, TEMP_F: 98.6, SPO2: 96, O2_FLOW_LPM: 2 }),
      f.vitalsRow({ VITAL_ID: 71, PAT_ID: 14, HEAD_CIRC_CM: 44.5, BMI_PCTL: 50, WFL_PCTL: 45.5, HC_PCTL: 60 }),
    ],
  ],
  ['LAB_ORDER', [f.labOrderRow()]],
  ['LAB_RESULT', [f.labResultRow(), f.labResultRow({ RESULT_ID: 91, SEQ: 2, VALUE_TEXT: '<0.5', LOINC_CODE: null, LOCAL_CODE: 'X1', REF_RANGE: '<1.0' }), f.labResultRow({ RESULT_ID: 92, SEQ: 3, VALUE_TEXT: 'Not detected', UNITS: null, REF_RANGE: 'Not detected' })]],
  ['SOCIAL_HX', [f.socialRow({ SMOKING_STATUS: 'FMR', SEX_ORIENTATION: 'BI', PREGNANCY_STATUS: 'N', PREGNANCY_INTENT: 'U', OCCUPATION_TEXT: 'Teacher', INDUSTRY_TEXT: 'Education', TOBACCO_PACK_YRS: 10.5 })]],
];

/** Plain INSERTs with the fixtures' keys (TypeORM's insert leaves identity keys to the database). */
async function fill(ds: DataSource): Promise<void> {
  const pg = ds.options.type === 'postgres';
  for (const [table, rows] of ROWS) {
    for (const row of rows) {
      const cols = Object.keys(row);
      const marks = cols.map((_, i) => (pg ? `$${i + 1}` : '?')).join(', ');
      const sql = `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${marks})`;
      await ds.query(sql, Object.values(row));
    }
  }
}

function checkAll(resources: FhirResource[]): void {
  const ids = resources.map((r) => `${r.resourceType}/${r.id}`);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(
    expect.arrayContaining([
      'Patient/12', 'Patient/13', 'Patient/14', 'Organization/practice-1', 'Organization/payer-4', 'Location/3',
      'Practitioner/6', 'PractitionerRole/6', 'Encounter/41', 'Condition/51', 'AllergyIntolerance/61',
      'Observation/vitals-70-bp', 'Observation/vitals-71-weight-for-length-percentile', 'Observation/lab-91',
      'Observation/occupation-95', 'DiagnosticReport/80', 'Provenance/Condition-50', 'Provenance/Patient-13',
    ]),
  );
  expect(ids).not.toContain('Encounter/42'); // deleted in the EHR
  expect(resources.find((r) => r.id === 'vitals-70-height')?.valueQuantity).toEqual({ value: 65.25, unit: 'in', system: 'http://unitsofmeasure.org', code: '[in_i]' });
  expect(resources.find((r) => r.id === '14' && r.resourceType === 'Patient')?.deceasedDateTime).toBe('2024-03-10T03:30:00-04:00');
  expect(resources.flatMap((r) => usCoreErrors(r))).toEqual([]);
}

describe('mapped rows read from SQLite conform to US Core 6.1.0', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mappers-'));
  let ds: DataSource;
  beforeAll(async () => {
    const path = join(dir, 'legacy.sqlite');
    await createLegacySqliteDatabase(path);
    ds = createLegacyDataSource({ kind: 'sqlite', path });
    await ds.initialize();
    await fill(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('maps and validates every row', async () => {
    const ctx = testContext();
    checkAll(await mapAllRows(ds, ctx));
    expect(ctx.issues).toEqual([]);
  });
});

describe('mapped rows read from PostgreSQL conform to US Core 6.1.0', () => {
  const base = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/mappers_rows_${process.pid}_${Date.now()}`;
  const url = base.toString();
  let ds: DataSource;
  beforeAll(async () => {
    await createLegacyPostgresDatabase(url);
    ds = createLegacyDataSource({ kind: 'postgres', url });
    await ds.initialize();
    await fill(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await dropPostgresDatabase(url);
  });

  it('maps and validates every row (DECIMAL as returned by pg)', async () => {
    const ctx = testContext();
    checkAll(await mapAllRows(ds, ctx));
    expect(ctx.issues).toEqual([]);
  });
});

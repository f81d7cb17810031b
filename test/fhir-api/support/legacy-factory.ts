/**
 * Test data for the FHIR API suites: inserts legacy rows with sensible defaults for every NOT NULL column, through
 * the legacy entities (so DATETIME values are written exactly as the EHR writes them on each engine).
 */
import type { DataSource } from 'typeorm';

type Row = Record<string, unknown>;
const NOW = '2024-03-01T09:00:00';

/** Inserts rows into a test legacy database and returns their generated keys. */
export class LegacyFactory {
  private seq = 0;

  constructor(readonly ds: DataSource) {}

  /** Inserts one row and returns its primary key (or undefined for composite keys). */
  async insert(table: string, row: Row): Promise<number> {
    const result = await this.ds.getRepository(table).insert(row);
    const id = result.identifiers[0];
    const key = id ? Object.values(id)[0] : undefined;
    return Number(key);
  }

  /** Soft-deletes or updates a row (bumping ROW_VER as the EHR does). */
  async update(table: string, pkColumn: string, pk: number, changes: Row): Promise<void> {
    const repo = this.ds.getRepository(table);
    const current = (await repo.findOneByOrFail({ [pkColumn]: pk })) as Row;
    await repo.update({ [pkColumn]: pk }, { ...changes, ROW_VER: Number(current.ROW_VER) + 1 });
  }

  practice(over: Row = {}): Promise<number> {
    return this.insert('PRACTICE', { PRACTICE_NAME: `Practice ${++this.seq}`, NPI: '1234567893', ACTIVE_YN: 'Y', CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1, ...over });
  }

  provider(practiceId: number, over: Row = {}): Promise<number> {
    return this.insert('PROVIDER', {
      PRACTICE_ID: practiceId, NPI: '1497758544', LAST_NAME: 'Careful', FIRST_NAME: 'Adam', CREDENTIAL: 'MD', TAXONOMY_CODE: '207Q00000X',
      ACTIVE_YN: 'Y', CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1, ...over,
    });
  }

  facility(practiceId: number, over: Row = {}): Promise<number> {
    return this.insert('FACILITY', {
      PRACTICE_ID: practiceId, FAC_NAME: `Main Street Clinic ${++this.seq}`, FAC_TYPE: 'CLINIC', ADDR1: '1 Main St', CITY: 'Springfield', STATE: 'MA', ZIP: '01101',
      ACTIVE_YN: 'Y', CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1, ...over,
    });
  }

  payer(over: Row = {}): Promise<number> {
    return this.insert('PAYER', { PAYER_NAME: `Acme Health ${++this.seq}`, PAYER_CODE: '12345', PAYER_TYPE: 'COMM', ADDR1: '9 Insurance Way', CITY: 'Hartford', STATE: 'CT', ZIP: '06101', ACTIVE_YN: 'Y', UPDATED_AT: NOW, ROW_VER: 1, ...over });
  }

  user(practiceId: number, provId: number | null, over: Row = {}): Promise<number> {
    const n = ++this.seq;
    return this.insert('USERS', {
      PRACTICE_ID: practiceId, LOGIN_NAME: `user${n}`, PWD_HASH: 'x', PWD_ALGO: 'PBKDF2', PROV_ID: provId, FULL_NAME: `User ${n}`, ROLE_CODE: provId ? 'PROV' : 'NURSE',
      ACTIVE_YN: 'Y', LOCKED_YN: 'N', FAILED_LOGINS: 0, CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1, ...over,
    });
  }

  patient(practiceId: number, over: Row = {}): Promise<number> {
    const n = ++this.seq;
    return this.insert('PATIENT', {
      PRACTICE_ID: practiceId, MRN: `MRN${String(n).padStart(6, '0')}`, LAST_NAME: 'Shaw', FIRST_NAME: 'Amy', DOB: '1987-02-20', SEX: 'F',
      DECEASED_YN: 'N', INACTIVE_YN: 'N', CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1, ...over,
    });
  }

  race(patId: number, code: string, seq = 1): Promise<number> {
    return this.insert('PATIENT_RACE', { PAT_ID: patId, RACE_CODE: code, SEQ: seq });
  }

  vitals(patId: number, over: Row = {}): Promise<number> {
    return this.insert('VITALS', {
      PAT_ID: patId, TAKEN_AT: '2024-01-10T10:30:00', HEIGHT_IN: 64, WEIGHT_LB: 150, BP_SYSTOLIC: 120, BP_DIASTOLIC: 80, PULSE: 72,
      STATUS: 'F', DELETED_YN: 'N', CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1, ...over,
    });
  }

  labOrder(patId: number, over: Row = {}): Promise<number> {
    return this.insert('LAB_ORDER', {
      PAT_ID: patId, ORDER_CATEGORY: 'LAB', PANEL_LOINC: '24323-8', PANEL_NAME: 'Comprehensive metabolic panel', ORDERED_AT: '2024-01-09T08:00:00',
      COLLECTED_AT: '2024-01-09T08:30:00', RESULTED_AT: '2024-01-09T14:00:00', PRIORITY: 'R', STATUS: 'F', DELETED_YN: 'N',
      CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1, ...over,
    });
  }

  labResult(orderId: number, patId: number, over: Row = {}): Promise<number> {
    return this.insert('LAB_RESULT', {
      ORDER_ID: orderId, PAT_ID: patId, SEQ: 1, LOINC_CODE: '2345-7', LOCAL_CODE: 'GLU', TEST_NAME: 'Glucose', VALUE_TEXT: '95', UNITS: 'mg/dL',
      REF_RANGE: '70-99', ABN_FLAG: 'N', STATUS: 'F', RESULTED_AT: '2024-01-09T14:00:00', DELETED_YN: 'N', UPDATED_AT: NOW, ROW_VER: 1, ...over,
    });
  }

  visit(patId: number, over: Row = {}): Promise<number> {
    return this.insert('VISIT', {
      PAT_ID: patId, VISIT_TYPE: 'OV', VISIT_STATUS: 'DONE', START_DT: '2024-01-10T10:00:00', END_DT: '2024-01-10T10:45:00', CPT_CODE: '99213',
      DELETED_YN: 'N', CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1, ...over,
    });
  }

  problem(patId: number, over: Row = {}): Promise<number> {
    return this.insert('PROBLEM', {
      PAT_ID: patId, PROB_TYPE: 'P', ICD10_CODE: 'E119', SNOMED_CODE: '44054006', DESCRIPTION: 'Type 2 diabetes mellitus', STATUS: 'A', VERIFIED: 'C',
      ONSET_DATE: '2019-05-01', DELETED_YN: 'N', CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1, ...over,
    });
  }

  allergy(patId: number, over: Row = {}): Promise<number> {
    return this.insert('ALLERGY', {
      PAT_ID: patId, NKA_YN: 'N', ALLERGEN_TYPE: 'D', ALLERGEN_NAME: 'Penicillin', RXNORM_CODE: '7980', REACTION_TEXT: 'Hives', REACTION_SNOMED: '247472004',
      SEVERITY: 'MOD', STATUS: 'A', VERIFIED_YN: 'Y', DELETED_YN: 'N', CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1, ...over,
    });
  }

  socialHx(patId: number, over: Row = {}): Promise<number> {
    return this.insert('SOCIAL_HX', {
      PAT_ID: patId, RECORDED_AT: '2024-01-10T10:40:00', SMOKING_STATUS: 'NVR', SEX_ORIENTATION: null, DELETED_YN: 'N', CREATED_AT: NOW, UPDATED_AT: NOW, ROW_VER: 1, ...over,
    });
  }
}

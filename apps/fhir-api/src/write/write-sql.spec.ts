/**
 * The SQL of writes on SQL Server (rendered by TypeORM's mssql driver without a server), pinned by snapshots like
 * the reads: values always bound, the version check inside the UPDATE's WHERE, the key from OUTPUT INSERTED.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { metadataOnlyDataSource } from '#facade/legacy-db';
import { WriteSql } from './write-statements.js';
import { allergyWriter } from './types/allergy-intolerance.writer.js';
import { vitalSignsWriter } from './types/observation-vitals.writer.js';
import { patientUpdateJob } from './types/patient.writer.js';
import type { PatientUpdate } from '#facade/mappers/src/patient/patient.reverse-mapper.js';
import type { StatementResult } from './write-statements.js';
import { documentReferenceWriter } from './types/document-reference.writer.js';
import type { DocumentReferenceRow } from '#facade/mappers/src/document-reference/document-reference.reverse-mapper.js';

describe('SQL Server write statements', () => {
  let sql: WriteSql;
  beforeAll(async () => {
    sql = new WriteSql(await metadataOnlyDataSource('mssql'));
  });

  const values = (params: unknown[]) => params.map((p) => (p !== null && typeof p === 'object' && 'value' in p ? p.value : p));
  const row = { PAT_ID: 7, NKA_YN: 'N', ALLERGEN_TYPE: 'D', ALLERGEN_NAME: 'Penicillin', RXNORM_CODE: '7980', SNOMED_CODE: null, REACTION_TEXT: 'Hives', REACTION_SNOMED: '247472004', SEVERITY: 'MOD', CRITICALITY: null, STATUS: 'A', VERIFIED_YN: 'Y', ONSET_DATE: null };

  it('AllergyIntolerance create: one INSERT with every column bound, the key from OUTPUT INSERTED', () => {
    const s = sql.insert('ALLERGY', 'ALLERGY_ID', allergyWriter.insertValues(row, { at: '2024-03-01T09:00:00', by: 5 }));
    expect(s.sql).toMatchSnapshot();
    expect(s.sql).toContain('OUTPUT INSERTED."ALLERGY_ID"');
    expect(s.sql).toMatch(/^DECLARE @OutputTable TABLE \("ALLERGY_ID" int\); INSERT .*; SELECT \* FROM @OutputTable$/);
    expect(values(s.params)).toContain('2024-03-01 09:00:00'); // wall-clock text, as the entities write it
    expect(values(s.params)).toContain(1); // ROW_VER starts at 1
  });

  it('AllergyIntolerance update: the version check and the write are one statement', () => {
    const s = sql.update('ALLERGY', 'ALLERGY_ID', 42, 3, allergyWriter.updateValues(row, { at: '2024-03-01T09:00:00', by: 5 }), { PAT_ID: 7 });
    expect(s.sql).toMatchSnapshot();
    expect(s.sql).toMatch(/"ROW_VER" = "ROW_VER" \+ 1/);
    expect(s.sql).toMatch(/WHERE "ALLERGY_ID" = @\d+ AND "ROW_VER" = @\d+ AND "DELETED_YN" = @\d+ AND "PAT_ID" = @\d+$/);
    expect(values(s.params).slice(-4)).toEqual([42, 3, 'N', 7]);
    expect(s.sql).not.toContain('CREATED_AT');
  });

  it('the re-read after an update that changed nothing', () => {
    const s = sql.select('ALLERGY', 'ALLERGY_ID', 42, ['ROW_VER', 'DELETED_YN', 'PAT_ID']);
    expect(s.sql).toMatchSnapshot();
    expect(values(s.params)).toEqual([42]);
  });

  it('vital-sign create: the event row is looked up, filled by a version-checked UPDATE, else INSERTed', () => {
    const writer = vitalSignsWriter('America/New_York');
    const row = { PAT_ID: 7, TAKEN_AT: '2024-05-01T08:15:00', STATUS: 'F', values: { PULSE: 72 }, slug: 'heart-rate' as const };
    const job = writer.createJob!(sql, row, { at: '2024-05-01T08:16:00', by: null });
    const lookup = job.next().value as { sql: string; params: unknown[] };
    expect(lookup.sql).toMatchSnapshot();
    expect(values(lookup.params)).toEqual([7, '2024-05-01 08:15:00', 'F', 'N']);
    const fill = job.next({ rows: [{ VITAL_ID: 9, ROW_VER: 2, PULSE: null }], affected: 0 } as StatementResult).value as { sql: string; params: unknown[] };
    expect(fill.sql).toMatchSnapshot();
    expect(values(fill.params).slice(-4)).toEqual([9, 2, 'N', 7]);
    const insert = job.next({ rows: [], affected: 0 }).value as { sql: string };
    expect(insert.sql).toMatchSnapshot();
    expect(job.next({ rows: [{ VITAL_ID: 10 }], affected: 1 })).toEqual({ done: true, value: 10 });
  });

  it('Patient update: PATIENT has no soft-delete flag; only the writable columns are set', () => {
    const s = sql.update('PATIENT', 'PAT_ID', 7, 4, { LAST_NAME: 'Shaw', FIRST_NAME: 'Amy', HOME_PHONE: '6175550100', UPDATED_AT: '2024-03-01T09:00:00', UPDATED_BY: null }, {}, null);
    expect(s.sql).toMatchSnapshot();
    expect(s.sql).not.toContain('DELETED_YN');
    expect(s.sql).not.toMatch(/"(MRN|PRACTICE_ID|MERGED_INTO_PAT_ID)"/);
    expect(values(s.params).slice(-2)).toEqual([7, 4]);
  });

  it('DocumentReference note create: the user\'s provider and the visit looked up in the transaction, then one INSERT', () => {
    const writer = documentReferenceWriter('America/New_York');
    const row: DocumentReferenceRow = { PAT_ID: 7, table: 'CLINICAL_NOTE', authorProvId: null, columns: { PAT_ID: 7, VISIT_ID: 40, NOTE_TYPE: 'PN', NOTE_TITLE: 'Follow-up', NOTE_FORMAT: 'TXT', NOTE_TEXT: 'Feels well.' } };
    const job = writer.createJob!(sql, row, { at: '2024-05-01T08:16:00', by: 3, user: 3 });
    const user = job.next().value as { sql: string; params: unknown[] };
    expect(user.sql).toMatchSnapshot();
    expect(user.sql).not.toMatch(/PWD_|LOGIN|LOCKED|FAILED/); // never the sign-in columns
    expect(values(user.params)).toEqual([3]);
    const visit = job.next({ rows: [{ USER_ID: 3, PROV_ID: 5 }], affected: 0 }).value as { sql: string; params: unknown[] };
    expect(visit.sql).toMatchSnapshot();
    expect(values(visit.params)).toEqual([40, 'N']);
    const insert = job.next({ rows: [{ VISIT_ID: 40, PAT_ID: 7 }], affected: 0 }).value as { sql: string; params: unknown[] };
    expect(insert.sql).toMatchSnapshot();
    expect(insert.sql).toContain('OUTPUT INSERTED."NOTE_ID"');
    expect(values(insert.params)).toEqual(expect.arrayContaining([5, 'PN', 'TXT', 'Feels well.', 'N', 3, 1, '2024-05-01 08:16:00']));
    expect(job.next({ rows: [{ NOTE_ID: 111 }], affected: 1 })).toEqual({ done: true, value: 111 });
  });

  it('DocumentReference file create: the bytes bound as one parameter; a visit of another patient is refused before any INSERT', () => {
    const writer = documentReferenceWriter('America/New_York');
    const bytes = Buffer.from('%PDF-1.4\n%%EOF');
    const row: DocumentReferenceRow = {
      PAT_ID: 7, table: 'DOCUMENT', authorProvId: null,
      columns: { PAT_ID: 7, VISIT_ID: null, DOC_CATEGORY: 'LAB', LOINC_TYPE: '11502-2', TITLE: 'Outside report', MIME_TYPE: 'application/pdf', CONTENT: bytes, SIZE_BYTES: bytes.length, SHA1_HEX: 'a'.repeat(40), DOC_DATE: null },
    };
    const job = writer.createJob!(sql, row, { at: '2024-05-01T08:16:00', by: null });
    const insert = job.next().value as { sql: string; params: unknown[] };
    expect(insert.sql).toMatchSnapshot();
    expect(values(insert.params)).toEqual(expect.arrayContaining([bytes, '2024-05-01 08:16:00', null]));
    const foreign = writer.createJob!(sql, { ...row, columns: { ...row.columns, VISIT_ID: 40 } }, { at: '2024-05-01T08:16:00', by: null });
    foreign.next();
    expect(() => foreign.next({ rows: [{ VISIT_ID: 40, PAT_ID: 8 }], affected: 0 })).toThrow('context.encounter must be an encounter of the subject');
  });

  it('Patient update with contacts: contacts read, PATIENT checked with If-Match minus their versions, each contact version-checked, new ones inserted', () => {
    const contact = { RELATION_CODE: 'FTH', LAST_NAME: 'Lopez', FIRST_NAME: 'Luis', PHONE: null, EMAIL: null, ADDR1: null, CITY: null, STATE: null, ZIP: null, IS_EMERGENCY_YN: 'Y', IS_GUARDIAN_YN: 'N' };
    const row = { PAT_ID: 7, LAST_NAME: 'Shaw', FIRST_NAME: 'Amy', contacts: { add: [contact], change: [{ CONTACT_ID: 30, columns: contact }], remove: [31] } } as unknown as PatientUpdate;
    const job = patientUpdateJob(sql, 7, 9, row, { at: '2024-03-01T09:00:00', by: null });
    const kids = job.next().value as { sql: string; params: unknown[] };
    expect(kids.sql).toMatchSnapshot();
    const patient = job.next({ rows: [{ CONTACT_ID: 30, ROW_VER: 2, ACTIVE_YN: 'Y' }, { CONTACT_ID: 31, ROW_VER: 1, ACTIVE_YN: 'Y' }, { CONTACT_ID: 32, ROW_VER: 1, ACTIVE_YN: 'N' }], affected: 0 }).value as { sql: string; params: unknown[] };
    expect(patient.sql).not.toContain('contacts');
    expect(values(patient.params).slice(-2)).toEqual([7, 5]); // If-Match 9 - (2 + 1 + 1)
    const change = job.next({ rows: [], affected: 1 }).value as { sql: string; params: unknown[] };
    expect(change.sql).toMatchSnapshot();
    expect(values(change.params).slice(-4)).toEqual([30, 2, 7, 'Y']);
    const remove = job.next({ rows: [], affected: 1 }).value as { sql: string; params: unknown[] };
    expect(values(remove.params)).toEqual(['N', '2024-03-01 09:00:00', 31, 1, 7, 'Y']);
    const insert = job.next({ rows: [], affected: 1 }).value as { sql: string; params: unknown[] };
    expect(insert.sql).toMatchSnapshot();
    expect(job.next({ rows: [{ CONTACT_ID: 33 }], affected: 1 })).toEqual({ done: true, value: 'ok' });
  });

  it('Patient update with contacts: a contact changed by the EHR in between throws 412 (the transaction rolls back)', () => {
    const row = { PAT_ID: 7, contacts: { add: [], change: [], remove: [30] } } as unknown as PatientUpdate;
    const job = patientUpdateJob(sql, 7, 3, row, { at: '2024-03-01T09:00:00', by: null });
    job.next();
    job.next({ rows: [{ CONTACT_ID: 30, ROW_VER: 1, ACTIVE_YN: 'Y' }], affected: 0 });
    job.next({ rows: [], affected: 1 });
    expect(() => job.next({ rows: [], affected: 0 })).toThrow(expect.objectContaining({ status: 412 }));
  });
});

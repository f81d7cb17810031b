/**
 * The SQL of writes on SQL Server (rendered by TypeORM's mssql driver without a server), pinned by snapshots like
 * the reads: values always bound, the version check inside the UPDATE's WHERE, the key from OUTPUT INSERTED.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { metadataOnlyDataSource } from '#facade/legacy-db';
import { WriteSql } from './write-statements.js';
import { allergyWriter } from './types/allergy-intolerance.writer.js';
import { vitalSignsWriter } from './types/observation-vitals.writer.js';
import type { StatementResult } from './write-statements.js';

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
});

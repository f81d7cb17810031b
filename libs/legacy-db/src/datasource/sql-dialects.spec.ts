import { describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { metadataOnlyDataSource } from './legacy-data-source.js';
import type { LegacyDialect } from '../catalogue/entity-schemas.js';

/**
 * No SQL Server can run here: these snapshots pin the SQL that TypeORM's real mssql driver renders for the query
 * shapes the facade uses (paged, filtered, joined, keyset), next to the SQLite and PostgreSQL renderings that the
 * integration suites execute. A change in the query layer or a TypeORM upgrade that alters the SQL shows up here.
 */
const shapes: Record<string, (ds: DataSource) => { sql: string; params: unknown[] }> = {
  'paged patient name search': (ds) => {
    const [sql, params] = ds
      .createQueryBuilder()
      .select(['p.PAT_ID', 'p.LAST_NAME', 'p.ROW_VER'])
      .from('PATIENT', 'p')
      .where('p.PRACTICE_ID = :practice', { practice: 1 })
      .andWhere('LOWER(p.LAST_NAME) LIKE :name', { name: 'smi%' })
      .orderBy('p.PAT_ID', 'ASC')
      .offset(50)
      .limit(50)
      .getQueryAndParameters();
    return { sql, params };
  },
  'keyset page of laboratory results by patient and date': (ds) => {
    const [sql, params] = ds
      .createQueryBuilder()
      .select(['r.RESULT_ID', 'r.LOINC_CODE', 'r.VALUE_TEXT', 'o.COLLECTED_AT'])
      .from('LAB_RESULT', 'r')
      .innerJoin('LAB_ORDER', 'o', 'o.ORDER_ID = r.ORDER_ID AND o.DELETED_YN = :n', { n: 'N' })
      .where('r.PAT_ID = :pat', { pat: 42 })
      .andWhere('r.DELETED_YN = :n')
      .andWhere('r.LOINC_CODE IN (:...codes)', { codes: ['2345-7', '4548-4'] })
      .andWhere('o.COLLECTED_AT >= :from AND o.COLLECTED_AT < :to', { from: '2024-03-10 03:00:00', to: '2024-11-03 01:30:00' })
      .andWhere('r.RESULT_ID > :after', { after: 1000 })
      .orderBy('r.RESULT_ID', 'ASC')
      .limit(51)
      .getQueryAndParameters();
    return { sql, params };
  },
  'patient with races joined': (ds) => {
    const [sql, params] = ds
      .createQueryBuilder()
      .select(['p.PAT_ID', 'p.MRN', 'r.RACE_CODE', 'r.SEQ'])
      .from('PATIENT', 'p')
      .leftJoin('PATIENT_RACE', 'r', 'r.PAT_ID = p.PAT_ID')
      .where('p.PAT_ID = :id', { id: 7 })
      .orderBy('r.SEQ', 'ASC')
      .getQueryAndParameters();
    return { sql, params };
  },
  'count of active problems by category': (ds) => {
    const [sql, params] = ds
      .createQueryBuilder()
      .select('COUNT(*)', 'total')
      .from('PROBLEM', 'c')
      .where('c.PAT_ID = :pat', { pat: 9 })
      .andWhere('c.PROB_TYPE IN (:...types)', { types: ['P', 'H'] })
      .andWhere('c.DELETED_YN = :n', { n: 'N' })
      .getQueryAndParameters();
    return { sql, params };
  },
};

describe.each(['mssql', 'sqlite', 'postgres'] as LegacyDialect[])('SQL rendered by TypeORM for %s', (dialect) => {
  it.each(Object.keys(shapes))('%s', async (name) => {
    const ds = await metadataOnlyDataSource(dialect);
    const rendered = shapes[name](ds);
    expect(rendered).toMatchSnapshot();
    if (dialect === 'mssql') {
      // SQL Server specifics the snapshot must keep: quoted identifiers, @N parameters, OFFSET/FETCH paging.
      expect(rendered.sql).toMatch(/"[A-Z_]+"/);
      expect(rendered.sql).not.toMatch(/\$\d|\?/);
      if (/LIMIT|OFFSET/i.test(rendered.sql)) expect(rendered.sql).toMatch(/OFFSET \d+ ROWS FETCH NEXT \d+ ROWS ONLY/);
    }
  });
});

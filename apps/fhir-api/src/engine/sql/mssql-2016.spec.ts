/**
 * SQL Server 2016 (the schema contract's minimum) has no `STRING_AGG(...) WITHIN GROUP`: the server's major version
 * is probed once at connect, and with the 2016 capabilities no statement of a cached read or page contains
 * STRING_AGG (sources with children are read in full). Statements are rendered by TypeORM's mssql driver without a
 * server; the loader is driven by hand, answering each statement with made-up rows.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { parseSearch } from '#facade/fhir';
import { metadataOnlyDataSource } from '#facade/legacy-db';
import { testContext } from '#facade/mappers/src/testing/test-context.js';
import { ResourceRegistry } from '../registry/resource-registry.js';
import { resourceDefinitions } from '../../resources/index.js';
import { sourceConditions } from '../search/source-conditions.js';
import { KeyFirstLoader } from '../search/key-first.js';
import { ResourceCache } from '../cache/resource-cache.js';
import { learnSqlCapabilities, MSSQL_MAJOR_VERSION_SQL, mssqlCapabilities, setSqlCapabilities, sqlCapabilitiesOf } from './dialect.js';
import { SourceQueryRunner, type Job, type SourceQuery } from './source-query.js';
import { ParamBag } from './sql-fragment.js';

const ZONE = 'America/New_York';
const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:1.2.3', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' }));
const ctx = testContext();
const CHILD_TABLES = /^SELECT .* FROM "(PATIENT_RACE|PAT_CONTACT|GOAL)" "c" WHERE/;

function query(type: string, q: string): SourceQuery {
  const entry = registry.get(type)!;
  const source = entry.def.sources[0];
  const bag = new ParamBag('mssql');
  const cond = sourceConditions(source, { clauses: parseSearch(q, entry.spec, { timeZone: ZONE }).clauses, access: { practiceId: 3 }, bag, zone: ZONE });
  return { source, where: cond.where, values: bag.values, joinPatient: cond.joinPatient, descending: false, limit: 51, mode: 'rows' };
}

const TEXT: Record<string, string> = { MRN: 'M1', LAST_NAME: 'Doe', FIRST_NAME: 'Jo' };

/** A made-up value of a column label: row 42, version 1, no children (their digest: '0:'). */
function valueOf(key: string): unknown {
  if (key.startsWith('__kid')) return '0:';
  if (key === 'ROW_VER' || key.endsWith('__ROW_VER')) return 1;
  if (key === 'UPDATED_AT' || key.endsWith('__UPDATED_AT')) return new Date(Date.UTC(2024, 0, 2, 9));
  if (key.endsWith('_YN')) return 'N';
  if (key.endsWith('_ID')) return 42;
  return TEXT[key] ?? null;
}

/** Runs a loader job, answering child statements with no rows and others with row 42; returns the statements run. */
function run(job: Job<unknown>): string[] {
  const sql: string[] = [];
  let r = job.next();
  while (!r.done) {
    const plan = r.value.plan;
    sql.push(plan.sql);
    r = job.next(CHILD_TABLES.test(plan.sql) ? [] : [plan.readers.map((rd) => valueOf(rd.key))]);
  }
  return sql;
}

describe('SQL Server version probe', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await metadataOnlyDataSource('mssql');
  });

  const probe = async (answer: () => Promise<unknown>) => {
    const asked: string[] = [];
    ds.query = (async (sql: string) => {
      asked.push(sql);
      return answer();
    }) as DataSource['query'];
    const caps = await learnSqlCapabilities(ds);
    expect(sqlCapabilitiesOf(ds)).toBe(caps);
    return { caps, asked };
  };

  it("asks SERVERPROPERTY('ProductMajorVersion') once; 13 (2016) has no ordered STRING_AGG, 14/15/16 have it", async () => {
    expect(MSSQL_MAJOR_VERSION_SQL).toBe(`SELECT CAST(SERVERPROPERTY('ProductMajorVersion') AS INT) AS "major"`);
    for (const [major, ordered] of [[13, false], [14, true], [15, true], [16, true]] as const) {
      const { caps, asked } = await probe(async () => [{ major }]);
      expect(asked).toEqual([MSSQL_MAJOR_VERSION_SQL]);
      expect(caps.orderedStringAgg).toBe(ordered);
    }
  });

  it('a failed or empty probe keeps the safe side (2016); other engines are not asked', async () => {
    expect((await probe(async () => [{ major: 16 }])).caps.orderedStringAgg).toBe(true);
    expect((await probe(async () => Promise.reject(new Error('login failed')))).caps.orderedStringAgg).toBe(false);
    expect((await probe(async () => [{ major: null }])).caps.orderedStringAgg).toBe(false);
    expect((await probe(async () => [])).caps.orderedStringAgg).toBe(false);
    expect(mssqlCapabilities(undefined).orderedStringAgg).toBe(false);
    expect(mssqlCapabilities(Number.NaN).orderedStringAgg).toBe(false);
    expect(sqlCapabilitiesOf(await metadataOnlyDataSource('mssql')).orderedStringAgg).toBe(false);
    const pg = await metadataOnlyDataSource('postgres');
    pg.query = (() => Promise.reject(new Error('not asked'))) as DataSource['query'];
    expect((await learnSqlCapabilities(pg)).orderedStringAgg).toBe(true);
  });
});

describe.each([
  ['SQL Server 2016', 13],
  ['SQL Server 2017+', 14],
])('statements of cached reads and pages on %s', (_name, major) => {
  const ordered = major >= 14;
  let loader: KeyFirstLoader;

  beforeAll(async () => {
    const ds = await metadataOnlyDataSource('mssql');
    setSqlCapabilities(ds, mssqlCapabilities(major));
    loader = new KeyFirstLoader(new SourceQueryRunner(ds), new ResourceCache(64 * 1024 * 1024));
  });

  it('a Patient read, then the same read again (cached on 2017+)', () => {
    const q = query('Patient', '_id=42');
    const first = run(loader.load(q, ctx, 42));
    const again = run(loader.load(q, ctx, 42));
    expect([...first, ...again].filter((s) => s.includes('STRING_AGG'))).toEqual(ordered ? [again[0]] : []);
    if (ordered) {
      // One statement: the version statement with both children digests (as in mssql-sql.spec.ts's snapshot).
      expect(again).toHaveLength(1);
      expect(again[0]).toContain(`STRING_AGG(CAST("k0"."RACE_CODE" AS NVARCHAR(MAX)) + CHAR(31) + CAST("k0"."SEQ" AS VARCHAR(11)), CHAR(30)) WITHIN GROUP (ORDER BY "k0"."RACE_CODE" ASC)) FROM "PATIENT_RACE" "k0"`);
    } else {
      // Read in full every time: the row, its races and its contacts.
      expect(again).toEqual(first);
      expect(again).toHaveLength(3);
      expect(again[0]).toMatch(/^SELECT "p"\."PAT_ID" AS "PAT_ID", .* FROM "PATIENT" "p"/);
    }
  });

  it('a Patient search page, then the same page again', () => {
    const q = query('Patient', 'name=Smith');
    const sql = [...run(loader.load(q, ctx)), ...run(loader.load(q, ctx))];
    expect(sql.some((s) => s.includes('STRING_AGG'))).toBe(ordered);
    expect(sql.some((s) => s.includes('"__kid0"'))).toBe(ordered);
  });

  it('a CarePlan page (GOAL digests in a grouped statement on 2017+)', () => {
    const q = query('CarePlan', '_count=50');
    run(loader.load(q, ctx));
    const again = run(loader.load(q, ctx));
    const grouped = again.filter((s) => /FROM "GOAL" "c" .*GROUP BY "c"\."CP_ID"/.test(s));
    expect(grouped).toHaveLength(ordered ? 1 : 0);
    expect(again.some((s) => s.includes('STRING_AGG'))).toBe(ordered);
    if (!ordered) expect(again.some((s) => /FROM "GOAL" "c" WHERE "c"\."CP_ID" = @0 ORDER BY/.test(s))).toBe(true);
  });
});

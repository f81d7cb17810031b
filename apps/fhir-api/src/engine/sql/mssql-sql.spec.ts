/**
 * The SQL the engine sends to SQL Server (rendered by TypeORM's mssql driver without a server): representative
 * reads and searches, paged, filtered and joined. Values are always bound (`@0`, `@1` ...), never inlined.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { parseSearch } from '../../../../../libs/fhir/src/search/search-parser.js';
import { metadataOnlyDataSource } from '../../../../../libs/legacy-db/src/index.js';
import { ResourceRegistry } from '../registry/resource-registry.js';
import { resourceDefinitions } from '../../resources/index.js';
import { sourceConditions, type AccessScope } from '../search/source-conditions.js';
import { SourceQueryRunner } from './source-query.js';
import { ParamBag } from './sql-fragment.js';

const ZONE = 'America/New_York';
let ds: DataSource;
let runner: SourceQueryRunner;
const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:1.2.3', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' }));

function render(type: string, sourceKey: string, query: string, access: AccessScope = {}, opts: { sortParam?: string; cursor?: { s: string | null; i: number; k: number; x: number } } = {}) {
  const entry = registry.get(type)!;
  const req = parseSearch(query, entry.spec, { timeZone: ZONE });
  const index = entry.def.sources.findIndex((s) => s.key === sourceKey);
  const source = entry.def.sources[index];
  const bag = new ParamBag('mssql');
  const sortColumn = opts.sortParam ? source.sort?.[opts.sortParam] : undefined;
  const cond = sourceConditions(source, {
    clauses: req.clauses, access, bag, zone: ZONE,
    keyset: opts.cursor ? { cursor: opts.cursor, sourceIndex: index, sortColumn, descending: false, multiItem: !!source.itemTokens } : undefined,
  });
  return runner.render({ source, where: cond.where, values: bag.values, joinPatient: cond.joinPatient, sortColumn, descending: false, limit: req.count + 1, mode: 'rows' });
}

describe('SQL Server SQL of representative searches', () => {
  beforeAll(async () => {
    ds = await metadataOnlyDataSource('mssql');
    runner = new SourceQueryRunner(ds);
  });

  it('Patient read by id within a practice', () => {
    const { sql, parameters } = render('Patient', 'patient', '_id=42', { practiceId: 3 });
    expect(sql).toMatchSnapshot();
    expect(parameters).toEqual([3, 42]);
    expect(sql).toContain('FETCH NEXT 51 ROWS ONLY');
  });

  it('Patient name search: the bare column keeps the index seekable under a case-insensitive collation', () => {
    const { sql, parameters } = render('Patient', 'patient', 'name=Sm%25_&birthdate=ge1970-01-01');
    expect(sql).toMatchSnapshot();
    expect(sql).not.toContain('LOWER(');
    expect(parameters).toContain('Sm\\%\\_%');
    expect(parameters).toContain('1970-01-01');
  });

  it('laboratory Observations of a patient in a date range, joined to the order, after a keyset cursor', () => {
    const { sql, parameters } = render('Observation', 'lab', 'patient=Patient/7&category=laboratory&date=ge2024-01-01&date=lt2024-02-01T00:00:00Z&_count=50', {}, {
      sortParam: 'date',
      cursor: { s: '2024-01-15T08:00:00', i: 0, k: 900, x: 0 },
    });
    expect(sql).toMatchSnapshot();
    expect(sql).toContain('INNER JOIN "LAB_ORDER" "o"');
    // 2024-02-01T00:00:00Z is 2024-01-31 19:00 in New York: converted to the clinic wall clock.
    expect(parameters).toContain('2024-01-31T19:00:00');
    expect(parameters).toContain(7);
  });

  it('vital signs by code for a user of a practice (PATIENT joined for the practice compartment)', () => {
    const { sql, parameters } = render('Observation', 'vitals', 'code=http://loinc.org|8867-4&_count=20', { practiceId: 2 });
    expect(sql).toMatchSnapshot();
    expect(sql).toContain('INNER JOIN "PATIENT" "cp"');
    expect(sql).toContain('"v"."PULSE" IS NOT NULL');
    expect(parameters).toEqual([2]);
  });

  it('a laboratory-only granular scope removes the vital-signs source entirely', () => {
    const { sql } = render('Observation', 'vitals', 'patient=7', { patientId: '7', filters: [[{ param: 'category', values: [{ kind: 'token', value: { code: 'laboratory' } }] }]] });
    expect(sql).toContain('1 = 0');
  });
});

/**
 * The SQL the engine sends to SQL Server (rendered by TypeORM's mssql driver without a server): representative
 * reads and searches, paged, filtered and joined. Values are always bound (`@0`, `@1` ...), never inlined.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { parseSearch } from '#facade/fhir';
import { compositeKey } from '#facade/mappers';
import { metadataOnlyDataSource } from '#facade/legacy-db';
import { ResourceRegistry } from '../registry/resource-registry.js';
import { resourceDefinitions } from '../../resources/index.js';
import { sourceConditions, type AccessScope } from '../search/source-conditions.js';
import { SourceQueryRunner } from './source-query.js';
import { mssqlCapabilities, setSqlCapabilities } from './dialect.js';
import { keysQuery } from '../search/child-rows.js';
import { ParamBag } from './sql-fragment.js';
import { groupMembershipCondition } from '../../resources/group-membership.js';

const ZONE = 'America/New_York';
let ds: DataSource;
let runner: SourceQueryRunner;
const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:1.2.3', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' }));

function render(type: string, sourceKey: string, query: string, access: AccessScope = {}, opts: { sortParam?: string; cursor?: { s: string | null; i: number; k: number | string; x: number }; mode?: 'rows' | 'versions' | 'count' } = {}) {
  const entry = registry.get(type)!;
  const req = parseSearch(query, entry.spec, { timeZone: ZONE });
  const index = entry.def.sources.findIndex((s) => s.key === sourceKey);
  const source = entry.def.sources[index];
  const bag = new ParamBag('mssql');
  const sortColumn = opts.sortParam === '_lastUpdated' ? source.lastUpdatedColumn : opts.sortParam ? source.sort?.[opts.sortParam] : undefined;
  const cond = sourceConditions(source, {
    clauses: req.clauses, access, bag, zone: ZONE,
    keyset: opts.cursor ? { cursor: opts.cursor, sourceIndex: index, sortColumn, descending: false, multiItem: !!source.itemTokens } : undefined,
  });
  return runner.render({ source, where: cond.where, values: bag.values, joinPatient: cond.joinPatient, sortColumn, descending: false, limit: req.count + 1, mode: opts.mode ?? 'rows' });
}

describe('SQL Server SQL of representative searches', () => {
  beforeAll(async () => {
    ds = await metadataOnlyDataSource('mssql');
    // SQL Server 2017+ (ordered STRING_AGG: children digests); 2016's statements: mssql-2016.spec.ts.
    setSqlCapabilities(ds, mssqlCapabilities(14));
    runner = new SourceQueryRunner(ds);
  });

  it('Patient read by id within a practice', () => {
    const { sql, parameters } = render('Patient', 'patient', '_id=42', { practiceId: 3 });
    expect(sql).toMatchSnapshot();
    expect(parameters).toEqual([3, 42]);
    expect(sql).toContain('FETCH NEXT 51 ROWS ONLY');
  });

  it('a bulk $export chunk: a PCP panel\'s laboratory Observations changed since an instant, one key range, after a cursor', () => {
    const access: AccessScope = { practiceId: 3, restrict: { range: { sourceKey: 'lab', keyFrom: 1000, keyTo: 2000 }, members: (patient, bag) => groupMembershipCondition('pcp-12', patient, bag) } };
    const { sql, parameters } = render('Observation', 'lab', '_lastUpdated=gt2024-01-01T00:00:00Z&_count=1000', access, { cursor: { s: null, i: 0, k: 1500, x: Number.MAX_SAFE_INTEGER } });
    expect(sql).toMatchSnapshot();
    expect(sql).toContain('"cp"."PCP_PROV_ID" = @');
    expect(sql).toContain('"cp"."PRACTICE_ID" = (SELECT [PROVIDER].[PRACTICE_ID] FROM [PROVIDER] WHERE [PROVIDER].[PROV_ID] = @');
    expect(parameters).toEqual(expect.arrayContaining([3, 1000, 2000, 12, 1500]));
    // Another source of the type is not read by this chunk at all.
    const other = registry.get('Observation')!.def.sources.find((x) => x.key !== 'lab')!;
    expect(sourceConditions(other, { clauses: [], access, bag: new ParamBag('mssql'), zone: ZONE }).where).toBe(false);
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

  it('version statements: the same FROM / WHERE / ORDER BY / paging as the row query, only keys, versions and children digests selected', () => {
    const read = render('Patient', 'patient', '_id=42', { practiceId: 3 }, { mode: 'versions' });
    expect(read.sql).toMatchSnapshot();
    // One correlated sub-query per child table: `<count>:` + the rows (char(30)) of their digest columns (char(31)),
    // in the children's key order, aggregated as NVARCHAR(MAX) (STRING_AGG of shorter types stops at 8,000 bytes).
    const races = `(SELECT CONCAT(COUNT(*), ':', STRING_AGG(CAST("k0"."RACE_CODE" AS NVARCHAR(MAX)) + CHAR(31) + CAST("k0"."SEQ" AS VARCHAR(11)), CHAR(30)) WITHIN GROUP (ORDER BY "k0"."RACE_CODE" ASC)) FROM "PATIENT_RACE" "k0" WHERE "k0"."PAT_ID" = "p"."PAT_ID") AS "__kid0"`;
    const contacts = `(SELECT CONCAT(COUNT(*), ':', STRING_AGG(CAST(CAST("k1"."CONTACT_ID" AS VARCHAR(11)) AS NVARCHAR(MAX)) + CHAR(31) + CAST("k1"."ROW_VER" AS VARCHAR(11)), CHAR(30)) WITHIN GROUP (ORDER BY "k1"."CONTACT_ID" ASC)) FROM "PAT_CONTACT" "k1" WHERE "k1"."PAT_ID" = "p"."PAT_ID") AS "__kid1"`;
    expect(read.sql).toBe(render('Patient', 'patient', '_id=42', { practiceId: 3 }).sql.replace(/^SELECT .* FROM "PATIENT"/, `SELECT "p"."PAT_ID" AS "PAT_ID", "p"."ROW_VER" AS "ROW_VER", "p"."UPDATED_AT" AS "UPDATED_AT", ${races}, ${contacts} FROM "PATIENT"`));
    expect(read.parameters).toEqual([3, 42]);
    const lab = render('Observation', 'lab', 'patient=Patient/7&category=laboratory&_count=50', {}, { sortParam: 'date', cursor: { s: '2024-01-15T08:00:00', i: 0, k: 900, x: 0 }, mode: 'versions' });
    expect(lab.sql).toMatchSnapshot();
    expect(lab.sql).toContain('"o"."ROW_VER" AS "o__ROW_VER"');
    expect(lab.sql).toContain('"o"."UPDATED_AT" AS "o__UPDATED_AT"');
    expect(lab.sql).toContain('OFFSET 0 ROWS FETCH NEXT 51 ROWS ONLY');
    expect(lab.sql).not.toContain('"VALUE_TEXT"');
  });

  it('children whose parent key leads no index (GOAL by CP_ID): not in the version statement, one grouped digest statement for the cached rows', () => {
    const plans = registry.get('CarePlan')!.def.sources[0];
    const read = render('CarePlan', plans.key, '_id=42', { practiceId: 3 }, { mode: 'versions' });
    expect(read.sql).not.toContain('GOAL');
    const goals = { ...plans, key: `${plans.key}>GOAL`, table: 'GOAL', alias: 'c', pk: 'CP_ID', joins: [], children: undefined, columns: undefined };
    const digests = runner.render(keysQuery(goals, 'c.CP_ID', [5, 6, 7], { mode: 'digests', child: plans.children![0] }));
    expect(digests.sql).toMatchSnapshot();
    expect(digests.sql).toBe(`SELECT "c"."CP_ID" AS "CP_ID", CONCAT(COUNT(*), ':', STRING_AGG(CAST(CAST("c"."GOAL_ID" AS VARCHAR(11)) AS NVARCHAR(MAX)) + CHAR(31) + CAST("c"."ROW_VER" AS VARCHAR(11)), CHAR(30)) WITHIN GROUP (ORDER BY "c"."GOAL_ID" ASC)) AS "__digest" FROM "GOAL" "c" WHERE "c"."CP_ID" IN (@0, @1, @2, @3) GROUP BY "c"."CP_ID"`);
    expect(digests.parameters).toEqual([5, 6, 7, 7]);
  });

  it('misses by primary key and children by parent key: padded IN lists, children in key order', () => {
    const patient = registry.get('Patient')!.def.sources[0];
    const full = runner.render(keysQuery(patient, 'p.PAT_ID', [5, 6, 7]));
    expect(full.sql).toMatch(/WHERE "p"\."PAT_ID" IN \(@0, @1, @2, @3\) ORDER BY "p"\."PAT_ID" ASC$/);
    expect(full.parameters).toEqual([5, 6, 7, 7]);
    const contact = { ...patient, key: 'patient>PAT_CONTACT', table: 'PAT_CONTACT', alias: 'c', pk: 'PAT_ID', joins: [], children: undefined };
    const kids = runner.render(keysQuery(contact, 'c.PAT_ID', [5], { mode: 'versions', thenBy: ['CONTACT_ID'] }));
    expect(kids.sql).toBe('SELECT "c"."PAT_ID" AS "PAT_ID", "c"."CONTACT_ID" AS "CONTACT_ID", "c"."ROW_VER" AS "ROW_VER", "c"."UPDATED_AT" AS "UPDATED_AT" FROM "PAT_CONTACT" "c" WHERE "c"."PAT_ID" = @0 ORDER BY "c"."PAT_ID" ASC, "c"."CONTACT_ID" ASC');
  });

  it('a composite key (PORTAL_PROXY: PORTAL_ID, PAT_ID): ordered by both columns, keyset as a seekable tuple comparison', () => {
    const k = compositeKey([160, 12]);
    const page = render('RelatedPerson', 'proxy', 'patient=12&_count=10', { practiceId: 2 }, { cursor: { s: null, i: 1, k, x: 0 } });
    expect(page.sql).toMatchSnapshot();
    expect(page.sql).toContain('ORDER BY "pp"."PORTAL_ID" ASC, "pp"."PAT_ID" ASC');
    // (PORTAL_ID, PAT_ID) > (160, 12): a range on the index's leading column, then the tie on the second.
    expect(page.sql).toContain('("pp"."PORTAL_ID" >= @2) AND (("pp"."PORTAL_ID" > @3) OR ("pp"."PAT_ID" > @4))');
    expect(page.parameters).toEqual([2, 12, 160, 160, 12]);
    // Never the account's sign-in columns.
    expect(page.sql).not.toMatch(/USERNAME|PWD_|LOCKED_YN|FAILED_LOGINS/);
    const sorted = render('RelatedPerson', 'proxy', '_sort=_lastUpdated', {}, { sortParam: '_lastUpdated', cursor: { s: '2024-03-01T09:00:00', i: 1, k, x: 0 } });
    expect(sorted.sql).toMatchSnapshot();
    const read = render('RelatedPerson', 'proxy', '_id=proxy-160-12', { patientId: '12' });
    expect(read.sql).toContain('WHERE ("pp"."PAT_ID" = @0) AND (("pp"."PORTAL_ID" = @1) AND ("pp"."PAT_ID" = @2)) ORDER BY');
    expect(read.parameters).toEqual([12, 160, 12]);
    const proxy = registry.get('RelatedPerson')!.def.sources.find((x) => x.key === 'proxy')!;
    const misses = runner.render(keysQuery(proxy, ['pp.PORTAL_ID', 'pp.PAT_ID'], [k, compositeKey([161, 12]), compositeKey([160, 14])]));
    expect(misses.sql).toMatchSnapshot();
    expect(misses.sql).toMatch(/WHERE \("pp"\."PORTAL_ID" = @0 AND "pp"\."PAT_ID" = @1\) OR .* OR \("pp"\."PORTAL_ID" = @6 AND "pp"\."PAT_ID" = @7\) ORDER BY "pp"\."PORTAL_ID" ASC, "pp"\."PAT_ID" ASC$/);
    expect(misses.parameters).toEqual([160, 12, 161, 12, 160, 14, 160, 14]);
  });

  it("CareTeam _lastUpdated: the team's stamp is its latest member row (a MAX sub-query), not the chart's row", () => {
    const { sql, parameters } = render('CareTeam', 'careteam', '_lastUpdated=ge2024-01-01', { practiceId: 2 });
    expect(sql).toContain('((SELECT MAX([CARE_TEAM_MEMBER].[UPDATED_AT]) FROM [CARE_TEAM_MEMBER] WHERE [CARE_TEAM_MEMBER].[PAT_ID] = "ct"."PAT_ID") >= @1)');
    expect(parameters).toEqual([2, '2024-01-01T00:00:00']);
  });

  it('Group: a PCP panel by member within a practice, its member rows (seven PATIENT columns), the Bulk export\'s membership predicate', () => {
    const search = render('Group', 'pcp-panel', 'member=Patient/7&type=person', { practiceId: 2 });
    expect(search.sql).toMatchSnapshot();
    expect(search.parameters).toEqual([2, 7]);
    expect(search.sql).toContain('EXISTS (SELECT 1 FROM [PATIENT] WHERE [PATIENT].[PAT_ID] = @1 AND [PATIENT].[PRACTICE_ID] = "pr"."PRACTICE_ID" AND [PATIENT].[PCP_PROV_ID] = "pr"."PROV_ID"');
    const pcp = registry.get('Group')!.def.sources.find((x) => x.key === 'pcp-panel')!;
    const child = pcp.children![0];
    const members = { ...pcp, key: 'pcp-panel>PATIENT', table: child.table, alias: 'c', pk: child.fk, joins: [], children: undefined, columns: child.columns };
    const rows = runner.render(keysQuery(members, 'c.PCP_PROV_ID', [5, 6], { mode: 'rows', thenBy: ['PAT_ID'] }));
    expect(rows.sql).toBe('SELECT "c"."PAT_ID" AS "PAT_ID", "c"."PRACTICE_ID" AS "PRACTICE_ID", "c"."PCP_PROV_ID" AS "PCP_PROV_ID", "c"."INACTIVE_YN" AS "INACTIVE_YN", "c"."MERGED_INTO_PAT_ID" AS "MERGED_INTO_PAT_ID", "c"."ROW_VER" AS "ROW_VER", "c"."UPDATED_AT" AS "UPDATED_AT" FROM "PATIENT" "c" WHERE "c"."PCP_PROV_ID" IN (@0, @1) ORDER BY "c"."PCP_PROV_ID" ASC, "c"."PAT_ID" ASC');
    const patient = registry.get('Patient')!.def.sources[0];
    const bag = new ParamBag('mssql');
    const where = groupMembershipCondition('pcp-5', 'p', bag);
    const bulk = runner.render({ source: patient, where, values: bag.values, joinPatient: false, descending: false, limit: 1001, mode: 'versions' });
    expect(bulk.sql).toMatchSnapshot();
    expect(bulk.parameters).toEqual([5]); // one named parameter used twice
  });

  it('counts in SQL: COUNT(*) for one-resource rows, the sum of the items present for wide rows', () => {
    expect(render('Condition', 'problem', 'patient=7', { practiceId: 2 }, { mode: 'count' }).sql).toMatchSnapshot();
    const vitals = render('Observation', 'vitals', 'patient=7&category=vital-signs', { practiceId: 2 }, { mode: 'count' });
    expect(vitals.sql).toMatchSnapshot();
    expect(vitals.sql).toMatch(/^SELECT COALESCE\(SUM\(CASE WHEN \("v"\."HEIGHT_IN" IS NOT NULL\) THEN 1 ELSE 0 END \+ /);
    expect(vitals.sql).toContain('CASE WHEN ("v"."BP_SYSTOLIC" IS NOT NULL OR "v"."BP_DIASTOLIC" IS NOT NULL) THEN 1 ELSE 0 END');
    expect(vitals.sql).not.toContain('ORDER BY');
    const social = render('Observation', 'social', 'patient=7', {}, { mode: 'count' });
    expect(social.sql).toContain(`CASE WHEN (LTRIM(RTRIM("s"."OCCUPATION_TEXT")) <> '' OR LTRIM(RTRIM("s"."INDUSTRY_TEXT")) <> '') THEN 1 ELSE 0 END`);
  });

  it('a laboratory-only granular scope removes the vital-signs source entirely', () => {
    const { sql } = render('Observation', 'vitals', 'patient=7', { patientId: '7', filters: [[{ param: 'category', values: [{ kind: 'token', value: { code: 'laboratory' } }] }]] });
    expect(sql).toContain('1 = 0');
  });
});

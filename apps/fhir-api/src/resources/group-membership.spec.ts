/**
 * The Group membership predicate as SQL text (the database agreement with the listed members is checked on SQLite
 * and PostgreSQL in test/fhir-api/group.e2e-spec.ts).
 */
import { describe, expect, it } from '@jest/globals';
import { ParamBag } from '../engine/sql/sql-fragment.js';
import { groupIdOf, groupMembershipCondition, hasMemberCondition, parseGroupId } from './group-membership.js';

describe('group membership', () => {
  it('parses and formats the two id schemes, refusing anything else', () => {
    expect(parseGroupId('practice-3')).toEqual({ kind: 'practice', practiceId: 3 });
    expect(parseGroupId('pcp-17')).toEqual({ kind: 'pcp', provId: 17 });
    for (const bad of ['practice-0', 'pcp-01', 'pcp-', 'Practice-1', '3', 'pcp-3-x', 'payer-1', 'pcp-99999999999']) expect(parseGroupId(bad)).toBeUndefined();
    expect(groupIdOf({ kind: 'pcp', provId: 17 })).toBe('pcp-17');
    expect(groupIdOf(parseGroupId('practice-3')!)).toBe('practice-3');
  });

  it('a practice panel: the practice\'s charts not merged into another', () => {
    const bag = new ParamBag('postgres');
    expect(groupMembershipCondition('practice-3', 'p', bag)).toEqual({ sql: 'p.PRACTICE_ID = :p0 AND p.MERGED_INTO_PAT_ID IS NULL' });
    expect(bag.values).toEqual({ p0: 3 });
  });

  it('a PCP panel: the provider\'s charts within the provider\'s own practice, quoted per dialect', () => {
    const mssql = new ParamBag('mssql');
    expect(groupMembershipCondition('pcp-5', 'pt', mssql)).toEqual({
      sql: 'pt.PRACTICE_ID = (SELECT [PROVIDER].[PRACTICE_ID] FROM [PROVIDER] WHERE [PROVIDER].[PROV_ID] = :p0) AND pt.PCP_PROV_ID = :p0 AND pt.MERGED_INTO_PAT_ID IS NULL',
    });
    expect(mssql.values).toEqual({ p0: 5 });
    expect((groupMembershipCondition('pcp-5', 'p', new ParamBag('sqlite')) as { sql: string }).sql).toContain('(SELECT "PROVIDER"."PRACTICE_ID" FROM "PROVIDER" WHERE "PROVIDER"."PROV_ID" = :p0)');
  });

  it('an unknown id matches nothing; the member search looks up the row\'s own owner', () => {
    expect(groupMembershipCondition('nope', 'p', new ParamBag('sqlite'))).toBe(false);
    expect(hasMemberCondition([], new ParamBag('sqlite'), { practiceId: 'o.PRACTICE_ID' })).toBe(false);
    const bag = new ParamBag('sqlite');
    expect(hasMemberCondition([4, 9], bag, { practiceId: 'pr.PRACTICE_ID', provId: 'pr.PROV_ID' })).toEqual({
      sql: 'EXISTS (SELECT 1 FROM "PATIENT" WHERE "PATIENT"."PAT_ID" IN (:p0, :p1) AND "PATIENT"."PRACTICE_ID" = pr.PRACTICE_ID AND "PATIENT"."PCP_PROV_ID" = pr.PROV_ID AND "PATIENT"."MERGED_INTO_PAT_ID" IS NULL)',
    });
  });
});

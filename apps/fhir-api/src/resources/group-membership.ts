/**
 * Membership of the Group resources (patient panels) as SQL over PATIENT: the one definition of "who is in
 * `Group/<id>`", used by the Group registry entry (its `member` search) and by the Bulk export
 * (`Group/[id]/$export` selects the members' rows with it instead of reading the member list).
 *
 * - `practice-<PRACTICE_ID>`: charts of that practice;
 * - `pcp-<PROV_ID>`: charts whose PCP_PROV_ID is that provider, within the provider's own practice;
 * in both, charts merged into another one (MERGED_INTO_PAT_ID set) are not members; inactive and deceased charts
 * are (the Group lists inactive ones with `member.inactive`). The mapper's `isPanelMember` (libs/mappers group)
 * is the same rule in JavaScript; `group-membership.spec.ts` checks that both agree.
 *
 * Access: the predicate does not check the caller. Read `Group/<id>` through the FHIR service with the caller's
 * scope first (404 = not the caller's practice), then select the members with {@link groupMembershipCondition}.
 */
import { PCP_GROUP_IDS, PRACTICE_GROUP_IDS } from '#facade/mappers/src/group/group.ids.js';
import type { Cond, ParamBag, SqlDialect } from '../engine/sql/sql-fragment.js';
import { childColumn, quoteIdent } from './child-rows-sql.js';

/** Which panel a Group id names. */
export type GroupPanel = { kind: 'practice'; practiceId: number } | { kind: 'pcp'; provId: number };

/** The panel of a Group id, or undefined for an id this facade never produces. */
export function parseGroupId(id: string): GroupPanel | undefined {
  const practice = PRACTICE_GROUP_IDS.parse(id);
  if (practice) return { kind: 'practice', practiceId: practice.key };
  const pcp = PCP_GROUP_IDS.parse(id);
  return pcp ? { kind: 'pcp', provId: pcp.key } : undefined;
}

/** The Group id of a panel. */
export function groupIdOf(panel: GroupPanel): string {
  return panel.kind === 'practice' ? PRACTICE_GROUP_IDS.format(panel.practiceId) : PCP_GROUP_IDS.format(panel.provId);
}

/**
 * The membership rule over SQL expressions: `patient(col)` names a PATIENT column, `practiceId` / `provId` are SQL
 * expressions of the panel's owner (a bound parameter, or the Group row's own column).
 */
export function panelPredicate(patient: (column: string) => string, practiceId: string, provId?: string): string {
  const pcp = provId === undefined ? '' : ` AND ${patient('PCP_PROV_ID')} = ${provId}`;
  return `${patient('PRACTICE_ID')} = ${practiceId}${pcp} AND ${patient('MERGED_INTO_PAT_ID')} IS NULL`;
}

/** `(SELECT PRACTICE_ID FROM PROVIDER WHERE PROV_ID = <provId>)`, quoted for the dialect. */
function providerPractice(dialect: SqlDialect, provId: string): string {
  const col = (c: string) => childColumn(dialect, 'PROVIDER', c);
  return `(SELECT ${col('PRACTICE_ID')} FROM ${quoteIdent(dialect, 'PROVIDER')} WHERE ${col('PROV_ID')} = ${provId})`;
}

/**
 * The members of `group` (an id or a parsed panel) as a condition over PATIENT rows aliased `alias` in a TypeORM
 * query builder (which quotes `alias.COLUMN`; the sub-query's names are quoted here). An unknown id matches nothing.
 * @example qb.from('PATIENT', 'p').where(cond.sql, bag.values) // cond = groupMembershipCondition('practice-1', 'p', bag)
 */
export function groupMembershipCondition(group: string | GroupPanel, alias: string, bag: ParamBag): Cond {
  const panel = typeof group === 'string' ? parseGroupId(group) : group;
  if (!panel) return false;
  const patient = (c: string) => `${alias}.${c}`;
  if (panel.kind === 'practice') return { sql: panelPredicate(patient, bag.bind(panel.practiceId)) };
  const prov = bag.bind(panel.provId);
  return { sql: panelPredicate(patient, providerPractice(bag.dialect, prov), prov) };
}

/**
 * "Some of `patientKeys` is a member of the Group row": the `member` search of a Group source, whose row gives the
 * owner (`practiceId` / `provId` are the row's `alias.COLUMN` paths).
 */
export function hasMemberCondition(patientKeys: readonly number[], bag: ParamBag, owner: { practiceId: string; provId?: string }): Cond {
  if (patientKeys.length === 0) return false;
  const col = (c: string) => childColumn(bag.dialect, 'PATIENT', c);
  const keys = patientKeys.map((k) => bag.bind(k)).join(', ');
  const which = patientKeys.length === 1 ? `= ${keys}` : `IN (${keys})`;
  return { sql: `EXISTS (SELECT 1 FROM ${quoteIdent(bag.dialect, 'PATIENT')} WHERE ${col('PAT_ID')} ${which} AND ${panelPredicate(col, owner.practiceId, owner.provId)})` };
}

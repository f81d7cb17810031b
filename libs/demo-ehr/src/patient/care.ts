import { audit, shouldDelete } from '../context.js';
import { dateOf, DEMO_TODAY, wallClock } from '../time.js';
import { ageAt, clinicalVisits, providersOf, type Chart } from './chart.js';
import { fillsEveryTable } from './plan.js';

const PLAN_STATUS = ['D', 'A', 'H', 'C', 'X', 'E'];
const GOAL_STATUS = ['PROP', 'PLAN', 'ACT', 'HOLD', 'DONE', 'CANC', 'ERR'];
const ACHIEVEMENT = ['INPR', 'IMPR', 'WORS', 'ACHV', 'NOTA'];
const PREVENTIVE = { snomed: '734163000', title: 'Preventive care plan', goals: ['Maintain a healthy weight', 'Stay up to date with recommended screenings'] };

/** Writes CARE_PLAN rows (assessment and plan) for chronic conditions, each with GOAL rows, and a few goals outside any plan. */
export function generateCarePlans(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  if (chart.merged) return;
  const visits = clinicalVisits(chart);
  const plans = chart.chronic.filter((c) => c.def.carePlan).map((c) => ({ plan: c.def.carePlan!, day: c.onsetDay, reason: c.def.description }));
  const forced = fillsEveryTable(ctx.index) || PLAN_STATUS.some((s) => cover.missing('CARE_PLAN.STATUS', s));
  if (visits.length && (rng.chance(0.2) || forced)) {
    plans.push({ plan: PREVENTIVE, day: visits[visits.length - 1].day, reason: 'Preventive care' });
  }
  for (const p of plans) {
    const visit = visits.find((v) => v.day >= p.day) ?? visits[visits.length - 1];
    const start = Math.max(chart.firstDay, visit?.day ?? p.day);
    const natural = chart.deceased || chart.inactive ? 'C' : 'A';
    const status = ctx.index < 3 ? natural : cover.pickOr('CARE_PLAN.STATUS', PLAN_STATUS, rng.weighted([[natural, 90], ['C', 4], ['H', 2], ['D', 2], ['X', 1], ['E', 1]]));
    const cpId = ctx.ids.next('CARE_PLAN');
    const created = visit ? visit.start : wallClock(start, 10 * 60);
    const author = visit?.provider ?? chart.pcp;
    ctx.emit('CARE_PLAN', {
      CP_ID: cpId, PAT_ID: ctx.patId, VISIT_ID: visit?.id ?? null, AUTHOR_PROV_ID: author.id, TITLE: rng.chance(0.95) ? p.plan.title : null,
      SNOMED_CODE: p.plan.snomed, ASSESSMENT_TEXT: rng.chance(0.85) ? `${p.reason}. Reviewed history, current medications and recent results with the patient.` : null,
      PLAN_TEXT: `${p.plan.goals.join('. ')}. Follow up in ${rng.pick([1, 3, 6])} months.`,
      START_DATE: dateOf(start), END_DATE: status === 'C' || status === 'X' ? dateOf(Math.min(chart.lastDay, start + rng.int(90, 720))) : null,
      STATUS: status, ...audit(ctx, created, { deleted: shouldDelete(ctx, 'CARE_PLAN'), edits: status !== 'A' ? 1 : undefined, after: created }),
    });
    p.plan.goals.forEach((g) => emitGoal(chart, g, cpId, start, created));
  }
  if (ageAt(chart, chart.lastDay) >= 18 && visits.length && (rng.chance(0.1) || cover.missing('GOAL.EXPRESSED_BY', 'P'))) {
    const day = visits[visits.length - 1].day;
    emitGoal(chart, rng.pick(['Quit smoking by the end of the year', 'Walk my granddaughter to school every day', 'Lose 10 pounds']), null, day, wallClock(day, 11 * 60), 'P');
  }
}

function emitGoal(chart: Chart, description: string, cpId: number | null, startDay: number, created: string, expressedBy?: string): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  const status = ctx.index < 3 ? 'ACT' : cover.pickOr('GOAL.STATUS', GOAL_STATUS, rng.weighted([['ACT', 80], ['DONE', 8], ['PLAN', 4], ['PROP', 3], ['HOLD', 2], ['CANC', 2], ['ERR', 1]]));
  const achievement = status === 'DONE' ? 'ACHV' : status === 'ACT' ? cover.pickOr<string | null>('ACHIEVEMENT', ACHIEVEMENT, rng.weighted<string | null>([['INPR', 40], ['IMPR', 25], ['WORS', 8], [null, 27]])) : status === 'CANC' ? 'NOTA' : null;
  if (achievement) cover.note('ACHIEVEMENT', achievement);
  ctx.emit('GOAL', {
    GOAL_ID: ctx.ids.next('GOAL'), PAT_ID: ctx.patId, CP_ID: cpId, DESCRIPTION: description, SNOMED_CODE: null,
    START_DATE: dateOf(startDay), TARGET_DATE: rng.chance(0.7) ? dateOf(startDay + rng.int(90, 365)) : null, STATUS: status, ACHIEVEMENT: achievement,
    EXPRESSED_BY: expressedBy ?? cover.pickOr<string | null>('GOAL.EXPRESSED_BY', ['V', 'P'], rng.weighted<string | null>([['V', 70], ['P', 20], [null, 10]])),
    ...audit(ctx, created, { deleted: shouldDelete(ctx, 'GOAL'), edits: status !== 'ACT' ? 1 : undefined, after: created }),
  });
  if (expressedBy) cover.note('GOAL.EXPRESSED_BY', expressedBy);
}

/** Writes CARE_TEAM_MEMBER rows: the PCP, nurses, specialists, care manager, pharmacist, social worker and family caregivers. */
export function generateCareTeam(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  if (chart.merged) return;
  const age = ageAt(chart, chart.lastDay);
  const complex = chart.chronic.length >= 3 || age >= 75;
  const wanted: string[] = ['PCP'];
  if (rng.chance(0.5)) wanted.push('NURSE');
  if (chart.chronic.length && rng.chance(0.4)) wanted.push('SPEC');
  if (complex && rng.chance(0.6)) wanted.push('CM');
  if (chart.chronic.length >= 2 && rng.chance(0.2)) wanted.push('PHARM');
  if (rng.chance(0.08)) wanted.push('SW');
  if ((age >= 75 || age < 18) && chart.contacts.length && rng.chance(0.5)) wanted.push('CAREGVR');
  if (ctx.index >= 3) {
    const missing = ['PCP', 'SPEC', 'NURSE', 'CM', 'CAREGVR', 'PHARM', 'SW'].find((r) => cover.missing('CTM.ROLE', r) && !wanted.includes(r));
    if (missing && (missing !== 'CAREGVR' || chart.contacts.length)) wanted.push(missing);
  }
  const kindOf: Record<string, Parameters<typeof providersOf>[1]> = { PCP: 'PCP', NURSE: 'NURSE', SPEC: 'SPEC', CM: 'CM', PHARM: 'PHARM', SW: 'SW' };
  for (const role of wanted) {
    cover.note('CTM.ROLE', role);
    const provider = role === 'CAREGVR' ? null : role === 'PCP' ? chart.pcp : rng.pick(providersOf(chart, kindOf[role]));
    const contact = role === 'CAREGVR' ? chart.contacts[0] : null;
    const start = Math.max(chart.firstDay, chart.birthDay) + rng.int(0, 60);
    const ended = rng.chance(0.08) || chart.deceased !== null;
    ctx.emit('CARE_TEAM_MEMBER', {
      CTM_ID: ctx.ids.next('CARE_TEAM_MEMBER'), PAT_ID: ctx.patId, PROV_ID: provider?.id ?? null, CONTACT_ID: contact?.id ?? null, ROLE_CODE: role,
      START_DATE: rng.chance(0.9) ? dateOf(Math.min(start, DEMO_TODAY)) : null, END_DATE: ended ? dateOf(chart.lastDay) : null,
      UPDATED_AT: wallClock(Math.min(DEMO_TODAY, ended ? chart.lastDay : start), 12 * 60), ROW_VER: ended ? 2 : 1,
    });
  }
}

import { ACUTE_PROBLEMS, type ConditionDef } from '../content/conditions.js';
import { audit, shouldDelete, type ProviderRef } from '../context.js';
import { addMinutes, dayOf, DEMO_TODAY, wallClock } from '../time.js';
import { ageAt, providersOf, type Chart, type VisitInfo } from './chart.js';

const ALL_TYPES = ['OV', 'WELL', 'NEWPT', 'ER', 'IP', 'TEL', 'HH', 'PROC'];
const DISCH = ['HOME', 'SNF', 'AMA', 'OTH'];

function facilityFor(chart: Chart, type: string): number | null {
  const facs = chart.ctx.ref.facilities.filter((f) => f.practiceId === chart.ctx.practiceId);
  const byType = (t: string) => facs.filter((f) => f.type === t);
  const { rng } = chart.ctx;
  switch (type) {
    case 'ER': return rng.pick(byType('HOSP').length ? byType('HOSP') : byType('URGENT').length ? byType('URGENT') : byType('CLINIC')).id;
    case 'IP': return (byType('HOSP')[0] ?? byType('CLINIC')[0]).id;
    case 'TEL': return byType('TELE')[0]?.id ?? null;
    case 'HH': return null;
    case 'PROC': return rng.pick([...byType('HOSP'), ...byType('CLINIC')]).id;
    default: return rng.chance(0.1) && byType('URGENT').length ? byType('URGENT')[0].id : rng.pick(byType('CLINIC')).id;
  }
}

function providerFor(chart: Chart, type: string): ProviderRef {
  const { rng } = chart.ctx;
  if (type === 'ER') return rng.pick(providersOf(chart, 'ER'));
  if (type === 'PROC') return rng.pick(providersOf(chart, 'SPEC'));
  if (type === 'HH') return rng.pick(providersOf(chart, 'NURSE'));
  if (type === 'IP' && rng.chance(0.5)) return rng.pick(providersOf(chart, 'SPEC'));
  return rng.chance(0.8) ? chart.pcp : rng.pick(providersOf(chart, ageAt(chart, DEMO_TODAY) < 18 ? 'PEDS' : 'PCP'));
}

function cptFor(type: string, age: number, established: boolean, rng: Chart['ctx']['rng']): string | null {
  const band = age < 1 ? 1 : age < 5 ? 2 : age < 12 ? 3 : age < 18 ? 4 : age < 40 ? 5 : age < 65 ? 6 : 7;
  switch (type) {
    case 'OV': return rng.pick(['99213', '99213', '99214', '99212']);
    case 'NEWPT': return rng.pick(['99203', '99204']);
    case 'WELL': return `99${established ? 39 : 38}${band}`;
    case 'ER': return rng.pick(['99283', '99284', '99285']);
    case 'IP': return rng.pick(['99222', '99223']);
    case 'TEL': return rng.pick(['99213', '99442']);
    case 'HH': return rng.pick(['99348', '99349']);
    default: return null;
  }
}

function reasonFor(chart: Chart, type: string, day: number): ConditionDef[] {
  const { rng } = chart.ctx;
  const age = ageAt(chart, day);
  if (type === 'WELL') return [ACUTE_PROBLEMS.find((a) => a.key === (age < 18 ? 'well_child' : 'wellness'))!];
  const chronic = chart.chronic.filter((c) => c.onsetDay <= day).map((c) => c.def);
  const acute = ACUTE_PROBLEMS.filter((a) => a.weight > 0 && age >= a.minAge && age <= a.maxAge);
  const ofType = type === 'ER' ? acute.filter((a) => ['chest_pain', 'covid', 'bronchitis', 'fever_child', 'uti'].includes(a.key)) : acute;
  const useChronic = chronic.length > 0 && (type === 'TEL' || type === 'HH' || type === 'IP' || rng.chance(0.55));
  const main = useChronic ? rng.pick(chronic) : ofType.length ? rng.weighted(ofType.map((a) => [a, a.weight] as const)) : rng.pick(acute);
  const out = [main];
  if (chronic.length > 1 && rng.chance(0.4)) out.push(rng.pick(chronic.filter((c) => c !== main)));
  return out;
}

/** Visit days between the chart's first and last day, the DST-edge visit included. */
function visitDays(chart: Chart): number[] {
  const { rng } = chart.ctx;
  if (chart.merged) return [chart.lastDay - rng.int(0, 60)];
  const span = Math.max(1, chart.lastDay - chart.firstDay);
  const count = Math.min(14, 2 + chart.chronic.length + rng.int(0, 3) + Math.floor(span / 900));
  const days = new Set<number>([chart.firstDay]);
  for (let i = 1; i < count; i++) days.add(chart.firstDay + rng.int(0, span));
  return [...days].sort((a, b) => a - b);
}

/** Writes the patient's VISIT rows (past, today and scheduled) and returns them. */
export function generateVisits(chart: Chart): VisitInfo[] {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  const plans: { day: number; type?: string; start?: string; status?: string }[] = visitDays(chart).map((day) => ({ day }));
  if (chart.dstVisit) plans.push({ day: dayOf(chart.dstVisit.slice(0, 10)), type: 'ER', start: chart.dstVisit, status: 'DONE' });
  const living = !chart.deceased && !chart.inactive && !chart.merged;
  if (living && (rng.chance(0.05) || cover.missing('VISIT_STATUS', 'ARR') || cover.missing('VISIT_STATUS', 'INPR'))) {
    plans.push({ day: DEMO_TODAY, status: cover.pickOr('VISIT_STATUS', ['ARR', 'INPR'], rng.pick(['ARR', 'INPR'])) });
  }
  if (living && rng.chance(0.4)) plans.push({ day: DEMO_TODAY + rng.int(3, 120), status: 'SCH' });
  plans.sort((a, b) => a.day - b.day);
  const visits: VisitInfo[] = [];
  plans.forEach((plan, i) => {
    const age = ageAt(chart, plan.day);
    const past = plan.day < DEMO_TODAY;
    let type = plan.type ?? (i === 0 && past ? 'NEWPT' : rng.weighted([['OV', 50], ['WELL', 16], ['TEL', 10], ['ER', 5], ['IP', age > 65 ? 6 : 1], ['HH', age > 75 ? 5 : 0], ['PROC', 3]]));
    if (!plan.type && past && i > 0) type = cover.pickOr('VISIT_TYPE', ALL_TYPES, type);
    const deathAt = chart.deceased?.at ?? null;
    const deathVisit = deathAt !== null && i === plans.length - 1 && past;
    if (deathVisit) type = 'IP';
    if (!plan.type && type === 'OV' && age >= 65 && DISCH.some((d) => cover.missing('DISCH_DISPOSITION', d)) && rng.chance(0.5)) type = 'IP';
    const status = deathVisit ? 'DONE' : plan.status ?? (past ? cover.pickOr('VISIT_STATUS', ['DONE', 'CANC', 'NOSHOW'], rng.weighted([['DONE', 88], ['CANC', 6], ['NOSHOW', 6]])) : 'SCH');
    const start = deathVisit ? addMinutes(deathAt, -rng.int(2, 9) * 1440 - rng.int(0, 600)) : plan.start ?? (type === 'ER' || type === 'IP'
      ? wallClock(plan.day, rng.int(0, 1439))
      : wallClock(plan.day, rng.int(8 * 4, 16 * 4) * 15));
    const end = deathVisit ? deathAt : status === 'DONE'
      ? addMinutes(start, type === 'IP' ? rng.int(2, 6) * 1440 + rng.int(0, 600) : type === 'ER' ? rng.int(120, 420) : type === 'PROC' ? rng.int(60, 180) : rng.int(15, 60))
      : null;
    const deleted = status === 'DONE' && shouldDelete(ctx, 'VISIT');
    const provider = providerFor(chart, type);
    const diagnoses = status === 'SCH' || status === 'CANC' || status === 'NOSHOW' ? [] : reasonFor(chart, type, plan.day);
    const reason = status === 'SCH' && rng.chance(0.5) ? null : diagnoses[0] ?? (chart.chronic[0]?.def ?? null);
    const createdAt = past || status !== 'SCH' ? addMinutes(start, -rng.int(60, 60 * 24 * 30)) : wallClock(DEMO_TODAY - rng.int(1, 60), rng.int(8 * 60, 17 * 60));
    const visit: VisitInfo = { id: ctx.ids.next('VISIT'), day: plan.day, start, end, type, status, provider, facilityId: facilityFor(chart, type), diagnoses, deleted };
    const disposition = type === 'IP' && status === 'DONE' ? (deathVisit ? 'EXP' : cover.pickOr('DISCH_DISPOSITION', DISCH, rng.weighted([['HOME', 80], ['SNF', 15], ['AMA', 2], ['OTH', 3]]))) : null;
    if (disposition === 'EXP') cover.note('DISCH_DISPOSITION', 'EXP');
    ctx.emit('VISIT', {
      VISIT_ID: visit.id, PAT_ID: ctx.patId, PROV_ID: rng.chance(0.97) ? provider.id : null, FACILITY_ID: visit.facilityId,
      VISIT_TYPE: type, VISIT_STATUS: status, START_DT: start, END_DT: end,
      CPT_CODE: status === 'DONE' || status === 'INPR' ? cptFor(type, age, i > 0, rng) : null,
      REASON_ICD10: reason?.icd10 ?? null, REASON_SNOMED: reason?.snomed ?? null,
      REASON_TEXT: reason ? (rng.chance(0.3) ? `Follow-up: ${reason.description.toLowerCase()}` : reason.description) : status === 'SCH' ? 'Routine follow-up' : null,
      DISCH_DISPOSITION: disposition,
      ...audit(ctx, createdAt > start ? start : createdAt, { deleted, edits: status === 'DONE' ? rng.int(1, 2) : 0, after: end ?? start }),
    });
    visits.push(visit);
  });
  return visits;
}

import { CONDITIONS, HEALTH_CONCERNS, type ConditionDef } from '../content/conditions.js';
import { audit, shouldDelete } from '../context.js';
import { dateOf, DEMO_TODAY, wallClock } from '../time.js';
import type { Chart } from './chart.js';

const DEMO_CONDITIONS: Record<string, string[]> = {
  parent: ['rhinitis', 'migraine'],
  child: ['asthma'],
  patient: ['htn', 't2dm', 'hld', 'oa_knee', 'mdd'],
};

/** Chooses the patient's chronic conditions and their onset days (no rows written yet). */
export function chooseConditions(chart: Chart, demo: string | null): void {
  const { rng } = chart.ctx;
  const age = Math.floor((chart.lastDay - chart.birthDay) / 365.25);
  let chosen: ConditionDef[];
  if (demo) {
    chosen = DEMO_CONDITIONS[demo].map((k) => CONDITIONS.find((c) => c.key === k)!);
  } else {
    const eligible = CONDITIONS.filter((c) => age >= c.minAge && age <= c.maxAge && (!c.sex || c.sex === chart.bioSex));
    const count = chart.merged ? 0 : age < 18 ? rng.int(0, 1) : age < 50 ? rng.int(0, 3) : rng.int(1, 5);
    chosen = [];
    for (let i = 0; i < count && eligible.length; i++) {
      const c = rng.weighted(eligible.map((e) => [e, e.weight] as const));
      if (!chosen.includes(c)) chosen.push(c);
    }
  }
  const pregnancy = CONDITIONS.find((c) => c.key === 'pregnancy')!;
  const canBePregnant = chart.bioSex === 'F' && age >= pregnancy.minAge && age <= pregnancy.maxAge && !chart.merged && !demo;
  if (canBePregnant && !chosen.includes(pregnancy) && chart.ctx.cover.missing('PREGNANCY_STATUS', 'Y')) chosen.push(pregnancy);
  chart.chronic = chosen.map((def) => {
    if (def === pregnancy && chart.ctx.cover.missing('PREGNANCY_STATUS', 'Y')) return { def, onsetDay: chart.firstDay - rng.int(20, 120), problemId: 0 };
    const earliest = Math.max(chart.birthDay + def.minAge * 365, chart.firstDay - 8 * 365);
    const latest = Math.max(earliest, chart.lastDay - 30);
    return { def, onsetDay: earliest + rng.int(0, Math.max(0, latest - earliest)), problemId: 0 };
  });
}

/**
 * Writes PROBLEM rows: problem-list items (P) for the chronic conditions, encounter diagnoses (D) tied to the
 * visits that addressed them, and health concerns (H) for social needs; every STATUS / VERIFIED code occurs.
 */
export function generateProblems(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  for (const c of chart.chronic) {
    const status = c.def.chronic ? cover.pickOr('PROBLEM.STATUS', ['A', 'I', 'R'], rng.weighted([['A', 90], ['I', 5], ['R', 5]])) : 'R';
    const verified = cover.pickOr('PROBLEM.VERIFIED', ['C', 'P', 'E', 'R'], rng.weighted([['C', 94], ['P', 5], ['E', 1]]));
    const resolvedDay = status === 'R' ? Math.min(chart.lastDay, c.onsetDay + rng.int(30, 400)) : null;
    c.problemId = ctx.ids.next('PROBLEM');
    const created = wallClock(Math.max(chart.firstDay, c.onsetDay), rng.int(8 * 60, 17 * 60));
    ctx.emit('PROBLEM', {
      PROB_ID: c.problemId, PAT_ID: ctx.patId, VISIT_ID: null, PROB_TYPE: 'P', ICD10_CODE: c.def.icd10, SNOMED_CODE: c.def.snomed,
      DESCRIPTION: c.def.description, STATUS: status, VERIFIED: verified,
      ONSET_DATE: rng.chance(0.9) ? dateOf(c.onsetDay) : null, RESOLVED_DATE: resolvedDay !== null ? dateOf(resolvedDay) : null,
      NOTE_TEXT: verified === 'E' ? 'Entered on the wrong chart.' : verified === 'R' ? 'Ruled out after work-up.' : rng.chance(0.2) ? 'Stable on current regimen.' : null,
      ...audit(ctx, created, { deleted: shouldDelete(ctx, 'PROBLEM'), edits: status !== 'A' || verified !== 'C' ? 1 : undefined }),
    });
  }
  for (const v of chart.visits) {
    if (!v.diagnoses.length) continue;
    v.diagnoses.forEach((d, i) => {
      const acute = !d.chronic;
      ctx.emit('PROBLEM', {
        PROB_ID: ctx.ids.next('PROBLEM'), PAT_ID: ctx.patId, VISIT_ID: v.id, PROB_TYPE: 'D', ICD10_CODE: d.icd10,
        SNOMED_CODE: rng.chance(0.85) ? d.snomed : null, DESCRIPTION: d.description,
        STATUS: acute && v.day < DEMO_TODAY - 30 ? 'R' : 'A', VERIFIED: i === 0 ? 'C' : rng.pick(['C', 'C', 'P']),
        ONSET_DATE: dateOf(v.day), RESOLVED_DATE: acute && v.day < DEMO_TODAY - 30 ? dateOf(v.day + rng.int(5, 21)) : null, NOTE_TEXT: null,
        ...audit(ctx, v.start, { deleted: shouldDelete(ctx, 'PROBLEM') || v.deleted }),
      });
    });
  }
  const adult = DEMO_TODAY - chart.birthDay > 18 * 365;
  if (adult && !chart.merged && (rng.chance(0.15) || cover.missing('PROB_TYPE', 'H'))) {
    cover.note('PROB_TYPE', 'H');
    const concern = rng.pick(HEALTH_CONCERNS);
    const day = chart.lastDay - rng.int(0, 365);
    ctx.emit('PROBLEM', {
      PROB_ID: ctx.ids.next('PROBLEM'), PAT_ID: ctx.patId, VISIT_ID: null, PROB_TYPE: 'H', ICD10_CODE: concern.icd10, SNOMED_CODE: concern.snomed,
      DESCRIPTION: concern.description, STATUS: rng.chance(0.8) ? 'A' : 'I', VERIFIED: 'C', ONSET_DATE: rng.chance(0.5) ? dateOf(day) : null,
      RESOLVED_DATE: null, NOTE_TEXT: rng.chance(0.5) ? 'Identified on social needs screening.' : null,
      ...audit(ctx, wallClock(Math.max(chart.firstDay, day), 10 * 60), { deleted: shouldDelete(ctx, 'PROBLEM') }),
    });
  }
}

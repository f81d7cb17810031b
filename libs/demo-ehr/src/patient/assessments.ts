import { INSTRUMENT_BY_KEY, INSTRUMENTS, type InstrumentDef } from '../content/screenings.js';
import { OCCUPATIONS } from '../content/people.js';
import { audit, shouldDelete } from '../context.js';
import { addMinutes } from '../time.js';
import { ageAt, clinicalVisits, type Chart, type VisitInfo } from './chart.js';
import { fillsEveryTable } from './plan.js';

/** SCREENING.SDOH_CATEGORY is VARCHAR(20): the EHR stores longer codes cut (`transportation-insec`). */
const SDOH_CATEGORY_WIDTH = 20;
const SMOKING = ['NVR', 'FMR', 'CUR', 'CURS', 'CURD', 'UNK', 'HVY', 'LGT'];
const ORIENTATION = ['STR', 'GAY', 'BI', 'OTH', 'UNK', 'ASKU'];

/** Writes SOCIAL_HX snapshots at new-patient and wellness visits (smoking, orientation, pregnancy, work). */
export function generateSocialHistory(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  const visits = clinicalVisits(chart).filter((v, i) => i === 0 || v.type === 'WELL' || v.type === 'NEWPT');
  const smoker = rng.weighted([['NVR', 62], ['FMR', 20], ['CUR', 9], ['CURS', 4], ['LGT', 2], ['HVY', 2], ['UNK', 1]]);
  const [occupation, industry] = rng.pick(OCCUPATIONS);
  for (const v of visits) {
    const age = ageAt(chart, v.day);
    if (age < 12) continue;
    const smoking = age < 18 ? 'NVR' : cover.pickOr('SMOKING_STATUS', SMOKING, rng.chance(0.05) ? null : smoker);
    const childbearing = chart.bioSex === 'F' && age >= 15 && age <= 50;
    const expecting = chart.chronic.some((c) => c.def.key === 'pregnancy' && c.onsetDay <= v.day && v.day - c.onsetDay < 270);
    const pregnant = childbearing && (expecting || (chart.chronic.some((c) => c.def.key === 'pregnancy') && cover.missing('PREGNANCY_STATUS', 'Y')));
    const at = addMinutes(v.start, rng.int(5, 20));
    ctx.emit('SOCIAL_HX', {
      SOC_ID: ctx.ids.next('SOCIAL_HX'), PAT_ID: ctx.patId, VISIT_ID: v.id, RECORDED_AT: at, SMOKING_STATUS: smoking,
      TOBACCO_PACK_YRS: smoking && ['CUR', 'FMR', 'HVY', 'LGT', 'CURS'].includes(smoking) ? rng.float(0.5, smoking === 'HVY' ? 60 : 30, 1) : null,
      SEX_ORIENTATION: age >= 18 ? cover.pickOr<string | null>('SEX_ORIENTATION', ORIENTATION, rng.weighted<string | null>([['STR', 80], [null, 8], ['GAY', 3], ['BI', 3], ['ASKU', 4], ['UNK', 1], ['OTH', 1]])) : null,
      PREGNANCY_STATUS: childbearing ? (pregnant ? 'Y' : cover.pickOr('PREGNANCY_STATUS', ['N', 'U'], rng.chance(0.1) ? 'U' : 'N')) : null,
      PREGNANCY_INTENT: childbearing && age >= 18 ? cover.pickOr<string | null>('PREGNANCY_INTENT', ['Y', 'N', 'A', 'U'], rng.weighted<string | null>([['N', 60], ['Y', 10], ['A', 5], ['U', 5], [null, 20]])) : null,
      OCCUPATION_TEXT: age >= 18 ? occupation : 'Student', INDUSTRY_TEXT: age >= 18 ? industry : null,
      ...audit(ctx, at, { deleted: shouldDelete(ctx, 'SOCIAL_HX') || v.deleted }),
    });
    if (pregnant) cover.note('PREGNANCY_STATUS', 'Y');
  }
}

function instrumentsAt(chart: Chart, v: VisitInfo, isLast: boolean): InstrumentDef[] {
  const { rng, cover } = chart.ctx;
  const age = ageAt(chart, v.day);
  const out = new Set<InstrumentDef>();
  const has = (k: string) => chart.chronic.some((c) => c.def.key === k && c.onsetDay <= v.day);
  if (v.type === 'WELL' || v.type === 'NEWPT') {
    if (age >= 12) out.add(INSTRUMENT_BY_KEY.get(has('mdd') ? 'phq9' : 'phq2')!);
    if (rng.chance(0.4)) out.add(rng.pick(INSTRUMENTS.filter((i) => i.sdohCategory && age >= i.minAge)));
    if (age >= 18 && rng.chance(0.3)) out.add(INSTRUMENT_BY_KEY.get('auditc')!);
  }
  if (v.type === 'OV' || v.type === 'TEL') {
    if (has('mdd') && rng.chance(0.5)) out.add(INSTRUMENT_BY_KEY.get('phq9')!);
    if (has('gad') && rng.chance(0.5)) out.add(INSTRUMENT_BY_KEY.get('gad7')!);
  }
  if (isLast && chart.ctx.index >= 3) {
    const missing = INSTRUMENTS.find((i) => age >= i.minAge && cover.missing('INSTRUMENT', i.key));
    if (missing) out.add(missing);
  }
  if (isLast && fillsEveryTable(chart.ctx.index) && !out.size) out.add(INSTRUMENT_BY_KEY.get('phq2')!);
  for (const i of out) cover.note('INSTRUMENT', i.key);
  return [...out];
}

/** Writes SCREENING rows (PHQ-2/9, GAD-7, AUDIT-C, SDOH screens with their category) and their answers. */
export function generateScreenings(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  const visits = clinicalVisits(chart);
  visits.forEach((v, vi) => {
    for (const inst of instrumentsAt(chart, v, vi === visits.length - 1)) {
      const severity = chart.chronic.some((c) => (c.def.screening === inst.key || (inst.key === 'phq2' && c.def.key === 'mdd'))) ? 2 : 0.4;
      const answers = inst.questions.map((q) => {
        const last = inst.answers.length - 1;
        const idx = inst.sdohCategory
          ? rng.weighted([[last, 75], [Math.max(0, last - 1), 15], [0, 10]])
          : Math.min(last, Math.max(0, Math.round(rng.normal(severity, 0.8))));
        return { q, a: inst.answers[idx] };
      });
      const total = inst.scoreLoinc ? answers.reduce((s, x) => s + (x.a.value ?? 0), 0) : null;
      const status = ctx.index < 3 ? 'F' : cover.pickOr('SCREENING.STATUS', ['F', 'P', 'A', 'E'], rng.weighted([['F', 96], ['P', 2], ['A', 1], ['E', 1]]));
      const at = addMinutes(v.start, rng.int(5, 25));
      const screenId = ctx.ids.next('SCREENING');
      ctx.emit('SCREENING', {
        SCREEN_ID: screenId, PAT_ID: ctx.patId, VISIT_ID: v.id, INSTRUMENT_LOINC: inst.panelLoinc, SCORE_LOINC: inst.scoreLoinc,
        INSTRUMENT_NAME: inst.name, TOTAL_SCORE: status === 'P' && total !== null && rng.chance(0.5) ? null : total, TAKEN_AT: at,
        SDOH_CATEGORY: inst.sdohCategory?.slice(0, SDOH_CATEGORY_WIDTH) ?? null, STATUS: status,
        ...audit(ctx, at, { deleted: shouldDelete(ctx, 'SCREENING') || v.deleted, edits: status === 'A' || status === 'E' ? 1 : undefined }),
      });
      answers.forEach(({ q, a }, i) => {
        if (status === 'P' && i === answers.length - 1 && answers.length > 1) return; // partially completed
        ctx.emit('SCREENING_ANSWER', {
          SCREEN_ID: screenId, SEQ: i + 1, QUESTION_LOINC: q.loinc, QUESTION_TEXT: q.text, ANSWER_LOINC: a.loinc, ANSWER_TEXT: a.text, ANSWER_VALUE: a.value,
        });
      });
    }
  });
}

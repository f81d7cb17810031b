import { audit, shouldDelete, type TableRows } from '../context.js';
import { addMinutes } from '../time.js';
import { clinicalVisits, type Chart, type VisitInfo } from './chart.js';

/** The measured-sign columns of VITALS (each non-NULL one is a measurement). */
const SIGNS = ['HEIGHT_IN', 'WEIGHT_LB', 'BMI', 'BP_SYSTOLIC', 'BP_DIASTOLIC', 'PULSE', 'RESP_RATE', 'TEMP_F', 'SPO2', 'O2_FLOW_LPM', 'HEAD_CIRC_CM',
  'BMI_PCTL', 'WFL_PCTL', 'HC_PCTL'] as const;

const r1 = (n: number) => Math.round(n * 10) / 10;
const r2 = (n: number) => Math.round(n * 100) / 100;

/** Approximate CDC growth medians (length/height cm, head circumference cm) by age in months. */
function heightCm(months: number, bioSex: 'M' | 'F', adultCm: number): number {
  if (months < 12) return 50 + (25 * months) / 12;
  if (months < 24) return 75 + (12 * (months - 12)) / 12;
  const years = months / 12;
  const child = 87 + 6.2 * (Math.min(years, 12) - 2) + (years > 12 ? (bioSex === 'M' ? 4.5 : 2.5) * (Math.min(years, 18) - 12) : 0);
  return years >= 18 ? adultCm : Math.min(child, adultCm);
}
const headCircCm = (months: number) => 35 + 13.5 * (1 - Math.exp(-months / 7));
function weightKg(months: number, heightM: number, bmi: number): number {
  if (months < 24) return months < 12 ? 3.4 + (6.6 * months) / 12 : 10 + (2.2 * (months - 12)) / 12;
  return bmi * heightM * heightM;
}

/**
 * Writes VITALS for the clinical visits: adult signs, pediatric growth percentiles (weight-for-length and head
 * circumference under 2-3 years, BMI-for-age 2-20 years), oxygen flow with SpO2 for patients on oxygen, amended
 * (STATUS A, ROW_VER > 1) and entered-in-error rows.
 */
export function generateVitals(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  const adultCm = rng.normal(chart.bioSex === 'M' ? 176 : 163, 5, 145, 200);
  const pctl = rng.int(5, 95);
  const obese = chart.chronic.some((c) => c.def.key === 'obesity');
  const hypertensive = chart.chronic.some((c) => c.def.key === 'htn');
  const lung = chart.chronic.some((c) => c.def.key === 'copd');
  const adultBmi = obese ? rng.float(30, 42) : rng.float(19, 29.5);
  for (const v of clinicalVisits(chart)) {
    if (v.type === 'TEL' && rng.chance(0.7)) continue;
    const reportedOnly = v.type === 'TEL'; // telehealth: the patient reports a home weight only
    const months = Math.floor((v.day - chart.birthDay) / 30.4375);
    const years = months / 12;
    const childBmi = 15.5 + Math.max(0, years - 5) * 0.45 + (obese ? 5 : (pctl - 50) / 25);
    const bmiTarget = years >= 20 ? adultBmi : childBmi;
    const hCm = heightCm(months, chart.bioSex, adultCm) * (years < 18 ? 1 + (pctl - 50) / 1500 : 1);
    const hM = hCm / 100;
    const wKg = weightKg(months, hM, bmiTarget) * (years < 2 ? 1 + (pctl - 50) / 400 : 1) * rng.float(0.97, 1.03, 3);
    const heightIn = r2(hCm / 2.54);
    const weightLb = r2(wKg * 2.20462);
    const onOxygen = (lung && rng.chance(0.3)) || (v.type === 'IP' && rng.chance(0.4)) || cover.missing('VITALS', 'O2');
    if (onOxygen && years >= 18) cover.note('VITALS', 'O2');
    const status = ctx.index < 3 ? 'F' : cover.pickOr('VITALS.STATUS', ['A', 'E'], rng.weighted([['F', 95], ['A', 4], ['E', 1]]));
    const takenAt = addMinutes(v.start, rng.int(2, 15));
    const row: TableRows['VITALS'] = {
      VITAL_ID: ctx.ids.next('VITALS'), PAT_ID: ctx.patId, VISIT_ID: v.id, TAKEN_AT: takenAt,
      HEIGHT_IN: years < 18 || rng.chance(0.6) ? heightIn : null, WEIGHT_LB: weightLb,
      BMI: years >= 2 ? r2(wKg / (hM * hM)) : null,
      BP_SYSTOLIC: years >= 3 ? Math.round(rng.normal(hypertensive ? 142 : 118, 9, 85, 195)) : null,
      BP_DIASTOLIC: years >= 3 ? Math.round(rng.normal(hypertensive ? 88 : 74, 6, 45, 120)) : null,
      PULSE: Math.round(rng.normal(years < 1 ? 130 : years < 6 ? 105 : 74, 8, 45, 180)),
      RESP_RATE: Math.round(rng.normal(years < 1 ? 36 : years < 6 ? 24 : 16, 2, 10, 60)),
      TEMP_F: rng.chance(0.9) ? r1(v.diagnoses.some((d) => ['covid', 'fever_child', 'strep'].includes(d.key)) ? rng.float(100.4, 103) : rng.float(97.5, 99.1)) : null,
      SPO2: onOxygen && years >= 18 ? rng.int(88, 94) : rng.chance(0.8) ? rng.int(95, 100) : null,
      O2_FLOW_LPM: onOxygen && years >= 18 ? rng.pick([1, 2, 2, 3, 4]) : null,
      HEAD_CIRC_CM: months < 36 ? r1(headCircCm(months) * (1 + (pctl - 50) / 1500)) : null,
      BMI_PCTL: years >= 2 && years < 20 ? r1(obese ? rng.float(95.5, 99.5) : Math.min(99, Math.max(1, pctl + rng.float(-4, 4)))) : null,
      WFL_PCTL: months < 24 ? r1(Math.min(99, Math.max(1, pctl + rng.float(-5, 5)))) : null,
      HC_PCTL: months < 36 ? r1(Math.min(99, Math.max(1, pctl + rng.float(-5, 5)))) : null,
      STATUS: status,
      ...audit(ctx, takenAt, { deleted: shouldDelete(ctx, 'VITALS') || v.deleted, edits: status === 'A' ? rng.int(1, 2) : status === 'E' ? 1 : 0, after: takenAt }),
    };
    if (status === 'A' && row.BP_SYSTOLIC !== null) row.BP_SYSTOLIC += rng.int(-6, 6);
    if (status === 'E') row.WEIGHT_LB = r2(weightLb * 10); // the typo that made it an error
    if (reportedOnly) for (const sign of SIGNS) if (sign !== 'WEIGHT_LB') row[sign] = null;
    ctx.emit('VITALS', row);
    if (status === 'E') emitCorrection(chart, v, row);
    if (hypertensive && !reportedOnly && row.BP_SYSTOLIC !== null && rng.chance(0.3)) {
      // The blood pressure recheck a few minutes later: only the two pressures are measured.
      const recheckAt = addMinutes(takenAt, rng.int(5, 15));
      const recheck: TableRows['VITALS'] = { ...row, VITAL_ID: ctx.ids.next('VITALS'), TAKEN_AT: recheckAt, STATUS: 'F', ...audit(ctx, recheckAt, { edits: 0 }) };
      for (const sign of SIGNS) if (sign !== 'BP_SYSTOLIC' && sign !== 'BP_DIASTOLIC') recheck[sign] = null;
      recheck.BP_SYSTOLIC = row.BP_SYSTOLIC - rng.int(2, 12);
      ctx.emit('VITALS', recheck);
    }
  }
}

/** After an entered-in-error row the nurse re-enters the correct measurement. */
function emitCorrection(chart: Chart, v: VisitInfo, wrong: TableRows['VITALS']): void {
  const { ctx } = chart;
  const takenAt = addMinutes(wrong.TAKEN_AT, 3);
  ctx.emit('VITALS', {
    ...wrong,
    VITAL_ID: ctx.ids.next('VITALS'), VISIT_ID: v.id, TAKEN_AT: takenAt, STATUS: 'F',
    WEIGHT_LB: wrong.WEIGHT_LB === null ? null : r2(wrong.WEIGHT_LB / 10),
    ...audit(ctx, takenAt, { edits: 0 }),
  });
}

import { PROCEDURES, REFERRALS, type ProcedureDef } from '../content/orders.js';
import { audit, shouldDelete, type TableRows } from '../context.js';
import { gs1Udi, gtin14, hibccUdi, type Gs1UdiParts } from '../identifiers.js';
import { addMinutes, dateOf, DEMO_TODAY, wallClock, yymmdd } from '../time.js';
import { ageAt, clinicalVisits, providersOf, type Chart, type VisitInfo } from './chart.js';
import { fillsEveryTable } from './plan.js';

const PROC_STATUS = ['C', 'I', 'N', 'E', 'S'];
const IMPLANT_STATUS = ['A', 'I', 'E'];

function proceduresFor(chart: Chart): { def: ProcedureDef; visit: VisitInfo | null }[] {
  const { rng, cover } = chart.ctx;
  const visits = clinicalVisits(chart);
  const age = ageAt(chart, chart.lastDay);
  const fits = (p: ProcedureDef) => age >= p.minAge && (!p.sex || p.sex === chart.bioSex);
  const out: { def: ProcedureDef; visit: VisitInfo | null }[] = [];
  for (const v of visits) {
    const keys = v.diagnoses.map((d) => d.key);
    const matching = PROCEDURES.filter((p) => fits(p) && p.reasonKeys.some((k) => keys.includes(k)));
    if (matching.length && (v.type === 'PROC' || v.type === 'ER' || rng.chance(0.25))) out.push({ def: rng.pick(matching), visit: v });
    else if (v.type === 'PROC' && PROCEDURES.some(fits)) out.push({ def: rng.pick(PROCEDURES.filter(fits)), visit: v });
    if (v.type === 'WELL' && age >= 65 && rng.chance(0.5)) out.push({ def: PROCEDURES.find((p) => p.key === 'awv')!, visit: v });
  }
  if (chart.bioSex === 'F' && age >= 40 && rng.chance(0.3)) out.push({ def: PROCEDURES.find((p) => p.key === 'mammo')!, visit: null });
  if (age >= 45 && rng.chance(0.15)) out.push({ def: PROCEDURES.find((p) => p.key === 'colonoscopy')!, visit: null });
  const implantMissing = IMPLANT_STATUS.some((s) => cover.missing('IMPLANT.STATUS', s)) || PROCEDURES.some((p) => p.implant && cover.missing('PROC', p.key));
  const awkward = fillsEveryTable(chart.ctx.index);
  if (chart.ctx.index >= 3 && (implantMissing || awkward) && visits.length) {
    const candidate = PROCEDURES.find((p) => p.implant && fits(p) && cover.missing('PROC', p.key)) ?? PROCEDURES.find((p) => p.implant && fits(p));
    if (candidate) out.push({ def: candidate, visit: visits[visits.length - 1] });
  }
  for (const o of out) cover.note('PROC', o.def.key);
  return out;
}

/** Writes PROCEDURES (CPT, HCPCS, SNOMED CT, ICD-10-PCS codes; every status) and the IMPLANT rows of device procedures. */
export function generateProcedures(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  if (chart.merged) return;
  for (const { def, visit } of proceduresFor(chart)) {
    const natural = visit ? 'C' : rng.chance(0.5) ? 'C' : 'S';
    const keepImplant = fillsEveryTable(ctx.index) && def.implant !== undefined && visit !== null; // that chart needs an implant row
    const status = ctx.index < 3 || keepImplant ? natural : cover.pickOr('PROCEDURES.STATUS', PROC_STATUS, rng.weighted([[natural, 94], ['N', 3], ['E', 1], ['S', 2]]));
    const day = status === 'S' ? DEMO_TODAY + rng.int(7, 90) : status === 'I' ? DEMO_TODAY : visit?.day ?? Math.max(chart.firstDay, chart.lastDay - rng.int(0, 700));
    const start = status === 'I' ? wallClock(DEMO_TODAY, 9 * 60) : visit ? addMinutes(visit.start, rng.int(10, 60)) : wallClock(day, rng.int(8 * 60, 15 * 60));
    const performed = status === 'C' || status === 'E' || status === 'I';
    const procId = ctx.ids.next('PROCEDURES');
    const reason = visit?.diagnoses.find((d) => def.reasonKeys.includes(d.key)) ?? chart.chronic.find((c) => def.reasonKeys.includes(c.def.key))?.def;
    const created = status === 'S' ? wallClock(DEMO_TODAY - rng.int(1, 30), 10 * 60) : start;
    ctx.emit('PROCEDURES', {
      PROC_ID: procId, PAT_ID: ctx.patId, VISIT_ID: visit?.id ?? null, PROV_ID: visit?.provider.id ?? rng.pick(providersOf(chart, 'SPEC')).id,
      CPT_CODE: def.cpt, HCPCS_CODE: def.hcpcs, SNOMED_CODE: def.snomed, ICD10PCS_CODE: def.icd10pcs, DESCRIPTION: def.description,
      PERFORMED_START: performed ? start : status === 'S' ? wallClock(day, 8 * 60) : null,
      PERFORMED_END: status === 'C' || status === 'E' ? addMinutes(start, def.minutes) : null, STATUS: status,
      REASON_ICD10: reason?.icd10 ?? null, BODY_SITE_SNOMED: def.bodySite, FACILITY_ID: visit?.facilityId ?? null,
      ...audit(ctx, created, { deleted: shouldDelete(ctx, 'PROCEDURES'), edits: status === 'E' || status === 'N' ? 1 : undefined, after: created }),
    });
    if (def.implant && (status === 'C' || status === 'E')) emitImplant(chart, def, procId, day, status === 'E');
  }
}

function emitImplant(chart: Chart, def: ProcedureDef, procId: number, day: number, errorProc: boolean): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  const device = def.implant!;
  const mfgDay = day - rng.int(60, 400);
  const expDay = mfgDay + device.shelfLifeDays;
  const lot = `${rng.alnum(2)}${rng.digits(5)}`;
  const serial = rng.chance(0.85) ? `${rng.alnum(3)}${rng.digits(6)}` : null;
  const gtin = gtin14(`0${device.gtinBody}`);
  const natural = def.key === 'iud' && day < DEMO_TODAY - 1000 ? 'I' : 'A';
  const status = errorProc ? 'E' : ctx.index < 3 ? natural : cover.pickOr('IMPLANT.STATUS', IMPLANT_STATUS, natural);
  cover.note('IMPLANT.STATUS', status);
  const scanned = rng.chance(0.9);
  const created = wallClock(day, rng.int(9 * 60, 16 * 60));
  const row: TableRows['IMPLANT'] = {
    IMPLANT_ID: ctx.ids.next('IMPLANT'), PAT_ID: ctx.patId, PROC_ID: procId,
    UDI_STRING: scanned ? udiAsRecorded(chart, { gtin, mfg: yymmdd(mfgDay), exp: yymmdd(expDay), lot, serial: serial ?? undefined }, device.model) : null,
    DEVICE_NAME: device.name, SNOMED_TYPE: device.snomed, MANUFACTURER: device.manufacturer, MODEL_NUMBER: device.model,
    LOT_NUMBER: lot, SERIAL_NUMBER: serial, MFG_DATE: dateOf(mfgDay), EXP_DATE: dateOf(expDay), IMPLANT_DATE: dateOf(day),
    REMOVED_DATE: status === 'I' ? dateOf(Math.min(DEMO_TODAY, day + rng.int(200, 1500))) : null, STATUS: status,
    ...audit(ctx, created, { deleted: shouldDelete(ctx, 'IMPLANT'), edits: status !== 'A' ? 1 : undefined, after: created }),
  };
  ctx.emit('IMPLANT', row);
}

/**
 * The UDI as the EHR holds it: mostly the GS1 human-readable form; once each (after a first GS1 one) a HIBCC
 * UDI and a GS1 label typed by hand with blanks between the elements, which readers must survive.
 */
function udiAsRecorded(chart: Chart, parts: Gs1UdiParts, model: string): string {
  const { cover } = chart.ctx;
  const form = cover.missing('UDI_FORM', 'GS1') || chart.ctx.index < 3 ? 'GS1' : cover.pickOr('UDI_FORM', ['HIBCC', 'TYPED'], 'GS1');
  cover.note('UDI_FORM', form);
  if (form === 'HIBCC') return hibccUdi({ labeler: 'H123', product: model.replace(/[^A-Z0-9]/gi, '').toUpperCase(), ...parts });
  const gs1 = gs1Udi(parts);
  return form === 'TYPED' ? gs1.replace(/\)/g, ') ').replace(/(.)\(/g, '$1 (') : gs1;
}

/** Writes REFERRAL rows (consultations, imaging, therapy, social-needs and counseling referrals). */
export function generateReferrals(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  if (chart.merged) return;
  const visits = clinicalVisits(chart);
  for (const v of visits) {
    const keys = v.diagnoses.map((d) => d.key);
    const matching = REFERRALS.filter((r) => r.reasonKeys.some((k) => keys.includes(k)));
    const missingCategory = ['CONSULT', 'IMAGING', 'THERAPY', 'SDOH', 'COUNSEL'].find((c) => cover.missing('REF_CATEGORY', c));
    let ref = matching.length && rng.chance(0.2) ? rng.pick(matching) : null;
    const last = v === visits[visits.length - 1];
    if (!ref && ctx.index >= 3 && missingCategory && last) ref = REFERRALS.find((r) => r.category === missingCategory)!;
    if (!ref && last && fillsEveryTable(ctx.index)) ref = REFERRALS[0];
    if (!ref && ageAt(chart, v.day) >= 18 && v.type === 'WELL' && rng.chance(0.08)) ref = rng.pick(REFERRALS.filter((r) => r.category === 'SDOH' || r.category === 'COUNSEL'));
    if (!ref) continue;
    cover.note('REF_CATEGORY', ref.category);
    const natural = v.day < DEMO_TODAY - 90 ? 'C' : 'A';
    const status = ctx.index < 3 ? natural : cover.pickOr('REFERRAL.STATUS', ['D', 'A', 'H', 'C', 'X', 'E'], rng.weighted([[natural, 90], ['X', 4], ['H', 3], ['D', 2], ['E', 1]]));
    const orderedAt = addMinutes(v.start, rng.int(15, 55));
    ctx.emit('REFERRAL', {
      REF_ID: ctx.ids.next('REFERRAL'), PAT_ID: ctx.patId, VISIT_ID: v.id, REFERRING_PROV_ID: v.provider.id, REFER_TO_NAME: rng.chance(0.9) ? ref.to : null,
      REF_CATEGORY: ref.category, SNOMED_CODE: ref.snomed, CPT_CODE: ref.cpt, DESCRIPTION: ref.description,
      REASON_ICD10: v.diagnoses.find((d) => ref!.reasonKeys.includes(d.key))?.icd10 ?? null, ORDERED_AT: orderedAt, STATUS: status,
      PRIORITY: cover.pickOr('REFERRAL.PRIORITY', ['R', 'S', 'A'], v.type === 'ER' ? 'S' : 'R'),
      ...audit(ctx, orderedAt, { deleted: shouldDelete(ctx, 'REFERRAL'), edits: status !== 'A' ? 1 : undefined, after: orderedAt }),
    });
  }
}

import { ALLERGENS, MEDICATION_BY_KEY, MEDICATIONS, REACTIONS, REPORTED_MEDICATIONS, type MedicationDef } from '../content/medications.js';
import { PHARMACIES } from '../content/people.js';
import { audit, shouldDelete } from '../context.js';
import { addMinutes, dateOf, DEMO_TODAY, wallClock } from '../time.js';
import { ageAt, clinicalVisits, type Chart, type VisitInfo } from './chart.js';

const ROUTES = ['PO', 'IM', 'IV', 'SC', 'TOP', 'INH', 'SL', 'PR', 'NAS', 'OPH', 'OTIC'];

/**
 * Writes ALLERGY rows: either one "no known allergies" row (NKA_YN = Y, allergen columns empty) or coded
 * drug, food, environmental and biologic allergies with reactions.
 */
export function generateAllergies(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  if (chart.merged) return;
  const recorded = wallClock(chart.firstDay, rng.int(8 * 60, 17 * 60));
  const nka = ctx.index === 1 || (ctx.index !== 2 && cover.pickOr('ALLERGY.NKA', ['Y', 'N'], rng.chance(0.45) ? 'Y' : 'N') === 'Y');
  if (nka) {
    ctx.emit('ALLERGY', {
      ALLERGY_ID: ctx.ids.next('ALLERGY'), PAT_ID: ctx.patId, NKA_YN: 'Y', ALLERGEN_TYPE: null, ALLERGEN_NAME: null, RXNORM_CODE: null,
      SNOMED_CODE: null, REACTION_TEXT: null, REACTION_SNOMED: null, SEVERITY: null, CRITICALITY: null, STATUS: 'A', VERIFIED_YN: 'Y',
      ONSET_DATE: null, ...audit(ctx, recorded, { deleted: shouldDelete(ctx, 'ALLERGY') }),
    });
    return;
  }
  const count = ctx.index === 2 ? 2 : rng.int(1, 3);
  const used = new Set<string>();
  for (let i = 0; i < count; i++) {
    const type = ctx.index === 2 ? (i === 0 ? 'D' : 'F') : cover.pickOr('ALLERGEN_TYPE', ['D', 'F', 'E', 'B'], rng.weighted([['D', 50], ['F', 20], ['E', 27], ['B', 3]]));
    const allergen = rng.pick(ALLERGENS.filter((a) => a.type === type && !used.has(a.name)).concat(ALLERGENS.filter((a) => a.type === type).slice(0, 1)));
    used.add(allergen.name);
    const severity = cover.pickOr('ALLERGY.SEVERITY', ['MILD', 'MOD', 'SEV'], rng.pick(['MILD', 'MILD', 'MOD', 'SEV']));
    const reaction = rng.chance(0.85) ? rng.pick(REACTIONS.filter((r) => r.severity === severity)) : null;
    const status = cover.pickOr('ALLERGY.STATUS', ['A', 'I', 'R'], rng.weighted([['A', 92], ['I', 4], ['R', 4]]));
    ctx.emit('ALLERGY', {
      ALLERGY_ID: ctx.ids.next('ALLERGY'), PAT_ID: ctx.patId, NKA_YN: 'N', ALLERGEN_TYPE: type, ALLERGEN_NAME: allergen.name,
      RXNORM_CODE: allergen.rxnorm, SNOMED_CODE: allergen.snomed, REACTION_TEXT: reaction?.text ?? null, REACTION_SNOMED: reaction?.snomed ?? null,
      SEVERITY: reaction ? severity : null,
      CRITICALITY: cover.pickOr<string | null>('CRITICALITY', ['L', 'H', 'U'], severity === 'SEV' ? 'H' : rng.chance(0.2) ? null : 'L'),
      STATUS: status, VERIFIED_YN: cover.pickOr('ALLERGY.VERIFIED_YN', ['Y', 'N'], rng.chance(0.9) ? 'Y' : 'N'),
      ONSET_DATE: rng.chance(0.4) ? dateOf(Math.max(chart.birthDay, chart.firstDay - rng.int(0, 3000))) : null,
      ...audit(ctx, addMinutes(recorded, i), { deleted: shouldDelete(ctx, 'ALLERGY'), edits: status !== 'A' ? 1 : undefined }),
    });
  }
}

function visitOnOrAfter(visits: VisitInfo[], day: number): VisitInfo | undefined {
  return visits.find((v) => v.day >= day);
}

/**
 * Writes MEDICATION rows (prescriptions P for chronic and acute problems, patient-reported R), their pharmacy
 * fills (RX_FILL), and covers every route, frequency and status code.
 */
export function generateMedications(chart: Chart): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  if (chart.merged) return;
  const visits = clinicalVisits(chart).filter((v) => v.day < DEMO_TODAY || v.status !== 'SCH');
  const orders: { med: MedicationDef; visit: VisitInfo | null; day: number; chronic: boolean; reason: string | null; reported: boolean }[] = [];
  for (const c of chart.chronic) {
    const key = c.def.meds.find((k) => ageAt(chart, chart.lastDay) >= (MEDICATION_BY_KEY.get(k)?.minAge ?? 0));
    if (!key) continue;
    const visit = visitOnOrAfter(visits, c.onsetDay) ?? null;
    const reported = !visit || c.onsetDay < chart.firstDay - 365;
    orders.push({ med: MEDICATION_BY_KEY.get(key)!, visit: reported ? null : visit, day: reported ? Math.max(chart.firstDay, c.onsetDay) : visit!.day, chronic: true, reason: c.def.icd10, reported });
  }
  for (const v of visits) {
    const acute = v.diagnoses.find((d) => !d.chronic && d.meds.length);
    if (!acute || !rng.chance(0.75)) continue;
    const med = MEDICATION_BY_KEY.get(rng.pick(acute.meds))!;
    if (ageAt(chart, v.day) >= med.minAge) orders.push({ med, visit: v, day: v.day, chronic: false, reason: acute.icd10, reported: false });
  }
  const missingRoute = ROUTES.find((r) => cover.missing('ROUTE_CODE', r));
  const candidate = missingRoute && MEDICATIONS.find((m) => m.route === missingRoute && ageAt(chart, chart.lastDay) >= m.minAge);
  if (candidate && visits.length && ctx.index >= 3) orders.push({ med: candidate, visit: visits[visits.length - 1], day: visits[visits.length - 1].day, chronic: false, reason: null, reported: false });
  if (ageAt(chart, chart.lastDay) >= 18 && (rng.chance(0.3) || cover.missing('RX_TYPE', 'R'))) {
    orders.push({ med: MEDICATION_BY_KEY.get(rng.pick(REPORTED_MEDICATIONS))!, visit: null, day: chart.firstDay + rng.int(0, 200), chronic: true, reason: null, reported: true });
  }
  for (const o of orders) emitMedication(chart, o);
}

/**
 * The NDC of an e-prescription that names a packaged product: two in three prescriptions of a drug with a stocked
 * product (chosen by the row key, so the random sequence of the rest of the chart is unchanged); never on
 * patient-reported medications.
 */
function productNdc(med: MedicationDef, medId: number, reported: boolean): string | null {
  return med.ndc && !reported && medId % 3 !== 0 ? med.ndc : null;
}

function emitMedication(chart: Chart, o: { med: MedicationDef; visit: VisitInfo | null; day: number; chronic: boolean; reason: string | null; reported: boolean }): void {
  const { ctx } = chart;
  const { rng, cover } = ctx;
  const { med } = o;
  cover.note('ROUTE_CODE', med.route);
  cover.note('RX_TYPE', o.reported ? 'R' : 'P');
  const freq = cover.pick(rng, 'FREQ_CODE', med.freqs);
  const endDay = o.chronic ? null : o.day + med.daysSupply;
  const past = endDay !== null && endDay < DEMO_TODAY;
  const natural = chart.deceased || chart.inactive ? 'D' : past ? 'C' : 'A';
  const status = ctx.index < 3 ? natural : cover.pickOr('MEDICATION.STATUS', ['A', 'H', 'C', 'D', 'X', 'E'], rng.weighted([[natural, 90], ['D', 6], ['H', 2], ['X', 1], ['E', 1]]));
  const orderedAt = o.visit ? addMinutes(o.visit.start, rng.int(10, 50)) : null;
  const created = orderedAt ?? wallClock(o.day, rng.int(8 * 60, 17 * 60));
  const medId = ctx.ids.next('MEDICATION');
  const prescriber = o.reported ? null : o.visit?.provider.id ?? chart.pcp.id;
  const stopped = status === 'D' || status === 'C' ? Math.min(chart.lastDay, endDay ?? o.day + rng.int(60, 700)) : null;
  ctx.emit('MEDICATION', {
    MED_ID: medId, PAT_ID: ctx.patId, VISIT_ID: o.visit?.id ?? null, PRESCRIBER_ID: prescriber, RX_TYPE: o.reported ? 'R' : 'P',
    RXNORM_CODE: med.rxnorm, NDC_CODE: productNdc(med, medId, o.reported), DRUG_NAME: med.name, SIG_TEXT: o.reported && rng.chance(0.3) ? null : med.sig,
    DOSE_QTY: med.doseQty, DOSE_UNIT: med.doseUnit, ROUTE_CODE: med.route, FREQ_CODE: freq, PRN_YN: freq === 'PRN' || /as needed/.test(med.sig) ? 'Y' : 'N',
    DISPENSE_QTY: o.reported ? null : med.dispenseQty, DISPENSE_UNIT: o.reported ? null : med.dispenseUnit,
    REFILLS: o.reported ? null : o.chronic ? rng.int(1, 5) : 0, DAYS_SUPPLY: o.reported ? null : med.daysSupply,
    START_DATE: status === 'X' ? null : dateOf(o.day), END_DATE: stopped !== null ? dateOf(Math.max(o.day, stopped)) : null,
    STATUS: status, REASON_ICD10: o.reason, ORDERED_AT: orderedAt,
    ...audit(ctx, created, { deleted: shouldDelete(ctx, 'MEDICATION'), edits: status !== 'A' ? 1 : undefined, after: created }),
  });
  if (o.reported || status === 'X' || status === 'E') return;
  const fills = Math.min(6, o.chronic ? rng.int(1, 4) : 1);
  for (let i = 0; i < fills; i++) {
    const day = o.day + i * med.daysSupply + rng.int(0, 3);
    if (day > DEMO_TODAY) break;
    const fillStatus = cover.pickOr('FILL_STATUS', ['F', 'P', 'N', 'R'], rng.weighted([['F', 92], ['P', 3], ['N', 4], ['R', 1]]));
    ctx.emit('RX_FILL', {
      FILL_ID: ctx.ids.next('RX_FILL'), MED_ID: medId, PAT_ID: ctx.patId, FILL_DATE: wallClock(day, rng.int(9 * 60, 20 * 60)),
      QTY: fillStatus === 'N' ? null : fillStatus === 'P' ? Math.round(med.dispenseQty / 2) : med.dispenseQty,
      DAYS_SUPPLY: fillStatus === 'N' ? null : med.daysSupply, PHARMACY_NAME: rng.chance(0.95) ? rng.pick(PHARMACIES) : null,
      FILL_STATUS: fillStatus, UPDATED_AT: wallClock(Math.min(DEMO_TODAY, day + (fillStatus === 'R' ? 14 : 0)), 21 * 60), ROW_VER: fillStatus === 'R' ? 2 : 1,
    });
  }
}

import type { LegacyMedication } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import type { CodeableConcept, Coding, Period, Quantity } from '../common/fhir-types.js';
import { compact, isYes, text } from '../common/flags.js';
import { SYSTEM } from '../common/systems.js';
import { toDate } from '../common/time.js';

const GTS = 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation';

interface TimingRepeat {
  frequency: number;
  period: number;
  periodUnit: 'h' | 'd' | 'wk';
  when?: string[];
  boundsPeriod?: Period;
}

const every = (frequency: number, period: number, periodUnit: TimingRepeat['periodUnit'], code?: string, when?: string[]) => ({
  repeat: { frequency, period, periodUnit, when },
  code: code ? { coding: [{ system: GTS, code }], text: code } : undefined,
});

/**
 * MEDICATION.FREQ_CODE -> Timing: the structured repeat, and the HL7 timing abbreviation (v3 GTSAbbreviation,
 * the preferred binding) where that code system has one. PRN has no schedule (asNeeded only).
 */
export const FREQUENCY: Record<string, { repeat?: Omit<TimingRepeat, 'boundsPeriod'>; code?: CodeableConcept }> = {
  QD: every(1, 1, 'd', 'QD'),
  BID: every(2, 1, 'd', 'BID'),
  TID: every(3, 1, 'd', 'TID'),
  QID: every(4, 1, 'd', 'QID'),
  Q4H: every(1, 4, 'h', 'Q4H'),
  Q6H: every(1, 6, 'h', 'Q6H'),
  Q8H: every(1, 8, 'h', 'Q8H'),
  Q12H: every(1, 12, 'h'),
  QHS: every(1, 1, 'd', undefined, ['HS']),
  QW: every(1, 1, 'wk', 'WK'),
  PRN: {},
};

const route = (code: string, display: string): Coding => ({ system: SYSTEM.snomed, code, display });

/** MEDICATION.ROUTE_CODE -> Dosage.route (SNOMED CT route of administration, the FHIR RouteCodes value set). */
export const MEDICATION_ROUTE: Record<string, Coding> = {
  PO: route('26643006', 'Oral route'),
  IM: route('78421000', 'Intramuscular route'),
  IV: route('47625008', 'Intravenous route'),
  SC: route('34206005', 'Subcutaneous route'),
  TOP: route('6064005', 'Topical route'),
  INH: route('447694001', 'Respiratory tract route'),
  SL: route('37839007', 'Sublingual route'),
  PR: route('37161004', 'Rectal route'),
  NAS: route('46713006', 'Nasal route'),
  OPH: route('54485002', 'Ophthalmic route'),
  OTIC: route('10547007', 'Otic route'),
};

/** Dose units of the EHR with a UCUM equivalent; others stay as the unit text only. */
const UCUM_UNIT: Record<string, string> = { MG: 'mg', G: 'g', MCG: 'ug', UG: 'ug', ML: 'mL', L: 'L', UNITS: '[iU]', IU: '[iU]', MEQ: 'meq' };

/** A quantity in the EHR's unit, with UCUM system and code when the unit has one. */
export function quantity(value: number | string | null, unit: string | null): Quantity | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) return undefined;
  const u = text(unit);
  const ucum = u ? UCUM_UNIT[u.toUpperCase()] : undefined;
  return compact<Quantity>({ value: n, unit: u, system: ucum ? SYSTEM.ucum : undefined, code: ucum });
}

/**
 * The dosage instruction of a MEDICATION row: SIG_TEXT as text, the timing of FREQ_CODE bounded by START_DATE /
 * END_DATE, asNeeded from PRN_YN (or FREQ_CODE PRN), route, and the dose of DOSE_QTY / DOSE_UNIT.
 * Unknown FREQ_CODE / ROUTE_CODE are reported and left out. `undefined` when the row holds no instruction.
 */
export function dosageInstruction(row: LegacyMedication, ctx: MapperContext): Record<string, unknown> | undefined {
  const frequency = lookupCode(FREQUENCY, row.FREQ_CODE, 'MEDICATION.FREQ_CODE', ctx);
  const routeCoding = lookupCode(MEDICATION_ROUTE, row.ROUTE_CODE, 'MEDICATION.ROUTE_CODE', ctx);
  const bounds = compact<Period>({ start: toDate(row.START_DATE), end: toDate(row.END_DATE) });
  const hasBounds = bounds.start !== undefined || bounds.end !== undefined;
  const timing = frequency?.repeat || frequency?.code
    ? { repeat: compact({ ...frequency.repeat, boundsPeriod: hasBounds ? bounds : undefined }), code: frequency.code }
    : hasBounds ? { repeat: { boundsPeriod: bounds } } : undefined;
  const dose = quantity(row.DOSE_QTY, row.DOSE_UNIT);
  const asNeeded = isYes(row.PRN_YN) || text(row.FREQ_CODE)?.toUpperCase() === 'PRN';
  const dosage = compact({
    text: text(row.SIG_TEXT),
    timing,
    asNeededBoolean: asNeeded ? true : undefined,
    route: routeCoding ? { coding: [routeCoding], text: routeCoding.display } : undefined,
    doseAndRate: dose ? [{ doseQuantity: dose }] : undefined,
  });
  return Object.keys(dosage).length > 0 ? dosage : undefined;
}

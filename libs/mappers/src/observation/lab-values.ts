import type { CodeableConcept, Quantity } from '../common/fhir-types.js';
import { SYSTEM } from '../common/systems.js';

/** Units as labs report them -> UCUM code. Units not listed are kept as the unit text only (no UCUM claim). */
const UCUM_UNITS: Record<string, string> = {
  '%': '%',
  'mg/dl': 'mg/dL',
  'g/dl': 'g/dL',
  'g/l': 'g/L',
  'mg/l': 'mg/L',
  'ug/dl': 'ug/dL',
  'ug/l': 'ug/L',
  'ng/ml': 'ng/mL',
  'ng/dl': 'ng/dL',
  'pg/ml': 'pg/mL',
  'mmol/l': 'mmol/L',
  'umol/l': 'umol/L',
  'nmol/l': 'nmol/L',
  'meq/l': 'meq/L',
  'u/l': 'U/L',
  'iu/l': '[IU]/L',
  'miu/l': 'm[IU]/L',
  'miu/ml': 'm[IU]/mL',
  'uiu/ml': 'u[IU]/mL',
  '10*3/ul': '10*3/uL',
  '10*6/ul': '10*6/uL',
  'x10e3/ul': '10*3/uL',
  'x10e6/ul': '10*6/uL',
  'k/ul': '10*3/uL',
  'm/ul': '10*6/uL',
  '/ul': '/uL',
  'cells/ul': '/uL',
  fl: 'fL',
  pg: 'pg',
  'ml/min/1.73m2': 'mL/min/{1.73_m2}',
  'ml/min/{1.73_m2}': 'mL/min/{1.73_m2}',
  s: 's',
  sec: 's',
  'mm/h': 'mm/h',
  'mm/hr': 'mm/h',
  'mg/g': 'mg/g',
  'mg/g{creat}': 'mg/g{creat}',
  ratio: '{ratio}',
  '{ratio}': '{ratio}',
  inr: '{INR}',
  '{inr}': '{INR}',
  // Cardiology measurements (EKG results of CARD orders).
  '/min': '/min',
  ms: 'ms',
};

/** The UCUM code of a reported unit, or `undefined` when it is not a unit we know to be (or map to) UCUM. */
export function ucumCode(units: string | null | undefined): string | undefined {
  if (!units) return undefined;
  return UCUM_UNITS[units.trim().toLowerCase()];
}

/** A Quantity with the reported unit and, when known, its UCUM code. */
export function labQuantity(value: number, units: string | null | undefined, comparator?: Quantity['comparator']): Quantity {
  const unit = units?.trim() || undefined;
  const code = ucumCode(unit);
  const q: Quantity = { value };
  if (comparator) q.comparator = comparator;
  if (unit) q.unit = unit;
  if (code) {
    q.system = SYSTEM.ucum;
    q.code = code;
  }
  return q;
}

const NUMBER_RE = /^([<>]=?)?\s*([+-]?(?:\d+\.?\d*|\.\d+))$/;

const QUALITATIVE: Record<string, { code: string; display: string }> = {
  POSITIVE: { code: '10828004', display: 'Positive' },
  POS: { code: '10828004', display: 'Positive' },
  NEGATIVE: { code: '260385009', display: 'Negative' },
  NEG: { code: '260385009', display: 'Negative' },
  DETECTED: { code: '260373001', display: 'Detected' },
  'NOT DETECTED': { code: '260415000', display: 'Not detected' },
  REACTIVE: { code: '11214006', display: 'Reactive' },
  'NON-REACTIVE': { code: '131194007', display: 'Non-Reactive' },
  NONREACTIVE: { code: '131194007', display: 'Non-Reactive' },
};

/** A lab value as reported, split into its FHIR value[x]. */
export type LabValue =
  | { valueQuantity: Quantity }
  | { valueCodeableConcept: CodeableConcept }
  | { valueString: string }
  | undefined;

/**
 * LAB_RESULT.VALUE_TEXT -> value[x]: a number (optionally with `<`, `<=`, `>`, `>=`) becomes valueQuantity (UCUM
 * when the unit is), the qualitative words Positive/Negative/Detected/Not detected/Reactive/Non-reactive
 * become SNOMED CT valueCodeableConcept (original text kept), any other text valueString; blank -> `undefined`.
 */
export function parseLabValue(valueText: string | null | undefined, units: string | null | undefined): LabValue {
  const raw = valueText?.trim();
  if (!raw) return undefined;
  const m = NUMBER_RE.exec(raw);
  if (m) return { valueQuantity: labQuantity(Number(m[2]), units, (m[1] as Quantity['comparator']) || undefined) };
  const q = QUALITATIVE[raw.toUpperCase().replace(/\s+/g, ' ')];
  if (q) return { valueCodeableConcept: { coding: [{ system: SYSTEM.snomed, code: q.code, display: q.display }], text: raw } };
  return { valueString: raw };
}

/** A reference range as FHIR models it: low/high where numeric, always the reported text. */
export interface ReferenceRange {
  low?: Quantity;
  high?: Quantity;
  text: string;
}

const RANGE_RE = /^([+-]?\d+(?:\.\d+)?)\s*(?:-|–|to)\s*([+-]?\d+(?:\.\d+)?)$/i;
const BOUND_RE = /^([<>]=?)\s*([+-]?\d+(?:\.\d+)?)$/;

/**
 * LAB_RESULT.REF_RANGE -> referenceRange: `3.5-5.0` gives low and high, `<200` / `<=200` a high, `>60` / `>=60`
 * a low (FHIR bounds are inclusive; the text keeps the exact comparator), anything else text only.
 */
export function parseReferenceRange(refRange: string | null | undefined, units: string | null | undefined): ReferenceRange | undefined {
  const raw = refRange?.trim();
  if (!raw) return undefined;
  const qty = (v: string): Quantity => labQuantity(Number(v), units);
  const range = RANGE_RE.exec(raw);
  if (range) return { low: qty(range[1]), high: qty(range[2]), text: raw };
  const bound = BOUND_RE.exec(raw);
  if (bound) return bound[1].startsWith('<') ? { high: qty(bound[2]), text: raw } : { low: qty(bound[2]), text: raw };
  return { text: raw };
}

import type { CodeableConcept, Coding, Quantity } from '../common/fhir-types.js';
import { SYSTEM } from '../common/systems.js';

/** Observation.category for `code` (vital-signs, laboratory, social-history). */
export function observationCategory(code: 'vital-signs' | 'laboratory' | 'social-history'): CodeableConcept {
  const display = { 'vital-signs': 'Vital Signs', laboratory: 'Laboratory', 'social-history': 'Social History' }[code];
  return { coding: [{ system: SYSTEM.observationCategory, code, display }], text: display };
}

/** A LOINC coding. */
export const loinc = (code: string, display: string): Coding => ({ system: SYSTEM.loinc, code, display });

/** A UCUM quantity; `value` from a DECIMAL column (numbers may arrive as strings from some drivers). */
export function ucumQuantity(value: number | string, code: string, unit: string = code): Quantity {
  return { value: Number(value), unit, system: SYSTEM.ucum, code };
}

/** DECIMAL / INT column value -> number, or `undefined` for NULL or a non-number. */
export function numeric(value: number | string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

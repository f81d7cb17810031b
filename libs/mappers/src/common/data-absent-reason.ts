import type { CodeableConcept, Extension } from './fhir-types.js';
import { EXTENSION, SYSTEM } from './systems.js';

/** Codes of http://terminology.hl7.org/CodeSystem/data-absent-reason used here. */
export type DataAbsentCode = 'unknown' | 'asked-unknown' | 'asked-declined' | 'not-asked' | 'masked' | 'error' | 'unsupported' | 'not-performed';

/** The data-absent-reason extension, for a required primitive or complex element the data lacks. */
export function dataAbsentExtension(code: DataAbsentCode = 'unknown'): Extension {
  return { url: EXTENSION.dataAbsentReason, valueCode: code };
}

/** A CodeableConcept that says why the value is missing (for required CodeableConcept elements). */
export function dataAbsentConcept(code: DataAbsentCode = 'unknown'): CodeableConcept {
  const display: Record<DataAbsentCode, string> = {
    unknown: 'Unknown',
    'asked-unknown': 'Asked But Unknown',
    'asked-declined': 'Asked But Declined',
    'not-asked': 'Not Asked',
    masked: 'Masked',
    error: 'Error',
    unsupported: 'Unsupported',
    'not-performed': 'Not Performed',
  };
  return { coding: [{ system: SYSTEM.dataAbsentReason, code, display: display[code] }] };
}

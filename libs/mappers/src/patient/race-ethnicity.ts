import type { MapperContext } from '../mapper-context.js';
import type { Coding, Extension } from '../common/fhir-types.js';
import { EXTENSION, SYSTEM } from '../common/systems.js';

/** OMB race categories (CDC Race & Ethnicity code set). */
const OMB_RACE: Record<string, string> = {
  '1002-5': 'American Indian or Alaska Native',
  '2028-9': 'Asian',
  '2054-5': 'Black or African American',
  '2076-8': 'Native Hawaiian or Other Pacific Islander',
  '2106-3': 'White',
};
const OMB_ETHNICITY: Record<string, string> = {
  '2135-2': 'Hispanic or Latino',
  '2186-5': 'Not Hispanic or Latino',
};
/** Displays of the detailed CDC codes the EHR's pick lists offer; other well-formed codes pass without display. */
const DETAILED: Record<string, string> = {
  '2029-7': 'Asian Indian',
  '2034-7': 'Chinese',
  '2036-2': 'Filipino',
  '2039-6': 'Japanese',
  '2040-4': 'Korean',
  '2047-9': 'Vietnamese',
  '2058-6': 'African American',
  '2060-2': 'African',
  '2108-9': 'European',
  '2118-8': 'Middle Eastern or North African',
  '2079-2': 'Native Hawaiian',
  '2086-7': 'Guamanian or Chamorro',
  '2080-0': 'Samoan',
  '1004-1': 'American Indian',
  '1735-0': 'Alaska Native',
  '2148-5': 'Mexican',
  '2180-8': 'Puerto Rican',
  '2182-4': 'Cuban',
  '2155-0': 'Central American',
  '2165-9': 'South American',
  '2137-8': 'Spaniard',
};
const NULL_FLAVOR: Record<string, string> = { ASKU: 'Asked but no answer', UNK: 'Unknown' };
const CDC_CODE_RE = /^[0-9]{4}-[0-9]$/;

interface Split {
  omb: Coding[];
  detailed: Coding[];
  texts: string[];
}

function split(codes: string[], omb: Record<string, string>, column: string, ctx: MapperContext): Split {
  const out: Split = { omb: [], detailed: [], texts: [] };
  for (const raw of codes) {
    const code = raw.trim().toUpperCase();
    if (omb[code]) {
      out.omb.push({ system: SYSTEM.cdcRace, code, display: omb[code] });
      out.texts.push(omb[code]);
    } else if (NULL_FLAVOR[code]) {
      out.omb.push({ system: SYSTEM.v3NullFlavor, code, display: NULL_FLAVOR[code] });
      out.texts.push(NULL_FLAVOR[code]);
    } else if (CDC_CODE_RE.test(code)) {
      out.detailed.push(DETAILED[code] ? { system: SYSTEM.cdcRace, code, display: DETAILED[code] } : { system: SYSTEM.cdcRace, code });
      if (DETAILED[code]) out.texts.push(DETAILED[code]);
    } else {
      ctx.report({ column, code, message: `Not a CDC race & ethnicity code in ${column}` });
    }
  }
  return out;
}

function toExtension(url: string, s: Split): Extension | undefined {
  if (s.omb.length === 0 && s.detailed.length === 0) return undefined;
  const text = s.texts.length > 0 ? [...new Set(s.texts)].join(', ') : 'Detailed codes only';
  return {
    url,
    extension: [
      ...s.omb.map((c) => ({ url: 'ombCategory', valueCoding: c })),
      ...s.detailed.map((c) => ({ url: 'detailed', valueCoding: c })),
      { url: 'text', valueString: text },
    ],
  };
}

/**
 * The us-core-race extension from PATIENT_RACE codes (already ordered by SEQ): OMB categories (and ASKU/UNK)
 * go to `ombCategory`, other CDC codes to `detailed`; `text` lists what is known. Malformed codes are reported.
 */
export function raceExtension(codes: string[], ctx: MapperContext): Extension | undefined {
  return toExtension(EXTENSION.race, split(codes, OMB_RACE, 'PATIENT_RACE.RACE_CODE', ctx));
}

/** The us-core-ethnicity extension from PATIENT.ETHNICITY_CODE (at most one OMB category). */
export function ethnicityExtension(code: string | null, ctx: MapperContext): Extension | undefined {
  if (!code || !code.trim()) return undefined;
  return toExtension(EXTENSION.ethnicity, split([code], OMB_ETHNICITY, 'PATIENT.ETHNICITY_CODE', ctx));
}

import { describe, expect, it } from '@jest/globals';
import type { Coding } from './fhir-types.js';
import * as maps from './code-maps.js';
import { loadUsCore } from '../testing/us-core-validator.js';

/** Every Coding in the local-code tables (including nested `{ coding }` / `{ class }` entries). */
function codings(): Array<[string, string, Coding]> {
  const out: Array<[string, string, Coding]> = [];
  for (const [table, entries] of Object.entries(maps)) {
    for (const [local, value] of Object.entries(entries as Record<string, unknown>)) {
      const candidates = [value, (value as { coding?: unknown }).coding, (value as { class?: unknown }).class];
      for (const c of candidates) if (c && typeof c === 'object' && 'system' in c && 'code' in c) out.push([table, local, c as Coding]);
    }
  }
  return out;
}

describe('local code tables', () => {
  const { terminology } = loadUsCore();

  it.each(codings())('%s.%s uses a code that exists in its code system', (_table, _local, coding) => {
    // `false` = the code system is held locally and lacks the code; external systems (SNOMED, ...) are `undefined`.
    expect(terminology.hasCode(coding.system!, coding.code!)).not.toBe(false);
  });

  it('covers every local code the legacy README documents for the mapped columns', () => {
    expect(Object.keys(maps.VISIT_TYPE).sort()).toEqual(['ER', 'HH', 'IP', 'NEWPT', 'OV', 'PROC', 'TEL', 'WELL']);
    expect(Object.keys(maps.VISIT_STATUS).sort()).toEqual(['ARR', 'CANC', 'DONE', 'INPR', 'NOSHOW', 'SCH']);
    expect(Object.keys(maps.SMOKING_STATUS).sort()).toEqual(['CUR', 'CURD', 'CURS', 'FMR', 'HVY', 'LGT', 'NVR', 'UNK']);
    expect(Object.keys(maps.SEXUAL_ORIENTATION).sort()).toEqual(['ASKU', 'BI', 'GAY', 'OTH', 'STR', 'UNK']);
    expect(Object.keys(maps.GENDER_IDENTITY).sort()).toEqual(['ASKU', 'F', 'M', 'NB', 'OTH', 'TF', 'TM']);
    expect(Object.keys(maps.CONTACT_RELATION).sort()).toEqual(['CHILD', 'DOMP', 'EMC', 'FRND', 'FTH', 'GRD', 'MTH', 'OTH', 'SIB', 'SPS']);
    expect(Object.keys(maps.FACILITY_TYPE).sort()).toEqual(['CLINIC', 'HOSP', 'LAB', 'TELE', 'URGENT']);
    expect(Object.keys(maps.LAB_ORDER_STATUS).sort()).toEqual(['C', 'F', 'I', 'O', 'P', 'X']);
    expect(Object.keys(maps.ABNORMAL_FLAG).sort()).toEqual(['A', 'H', 'HH', 'L', 'LL', 'N']);
  });
});

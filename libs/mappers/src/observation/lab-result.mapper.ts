import type { LegacyLabOrder, LegacyLabResult } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { ABNORMAL_FLAG, LAB_RESULT_STATUS, SPECIMEN_TYPE } from '../common/code-maps.js';
import { present } from '../common/contact-builders.js';
import { dataAbsentConcept } from '../common/data-absent-reason.js';
import type { CodeableConcept, Coding, Observation } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { fhirId } from '../ids.js';
import { parseLabValue, parseReferenceRange } from './lab-values.js';
import { observationCategory } from './observation-parts.js';

/** Code system of the performing lab's own test codes (LAB_RESULT.LOCAL_CODE). */
export const LOCAL_LAB_CODE_SYSTEM = `${SYSTEM.localPrefix}lab-test`;
/** Identifier system of specimen accession numbers (LAB_ORDER.SPECIMEN_ID). */
export const SPECIMEN_ACCESSION_SYSTEM = `${SYSTEM.localPrefix}specimen-accession`;

const LOINC_RE = /^[0-9]{1,7}-[0-9]$/;

function testCode(r: LegacyLabResult, ctx: MapperContext): CodeableConcept {
  const name = text(r.TEST_NAME);
  const lc = text(r.LOINC_CODE);
  if (lc && !LOINC_RE.test(lc)) ctx.report({ column: 'LAB_RESULT.LOINC_CODE', code: lc, message: 'Malformed LOINC code' });
  const local = text(r.LOCAL_CODE);
  return {
    coding: present<Coding>(
      lc && LOINC_RE.test(lc) ? { system: SYSTEM.loinc, code: lc, display: name } : undefined,
      local ? { system: LOCAL_LAB_CODE_SYSTEM, code: local, display: name } : undefined,
    ),
    text: name,
  };
}

/**
 * LAB_RESULT (+ its LAB_ORDER) -> US Core 6.1.0 laboratory Observation (`lab-<RESULT_ID>`).
 * value[x] parsed from VALUE_TEXT (see `parseLabValue`), referenceRange from REF_RANGE, interpretation from
 * ABN_FLAG, code LOINC + the lab's local code (local-only tests: local coding + text), status, effective =
 * the order's COLLECTED_AT, issued = RESULTED_AT (result's, else order's), encounter and specimen from the order.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-observation-lab.html
 */
export function toLabObservation(result: LegacyLabResult, order: LegacyLabOrder, ctx: MapperContext): Observation {
  const status = lookupCode(LAB_RESULT_STATUS, result.STATUS, 'LAB_RESULT.STATUS', ctx) ?? 'unknown';
  const value = parseLabValue(result.VALUE_TEXT, result.UNITS);
  const range = parseReferenceRange(result.REF_RANGE, result.UNITS);
  const flag = lookupCode(ABNORMAL_FLAG, result.ABN_FLAG, 'LAB_RESULT.ABN_FLAG', ctx);
  const specimenType = lookupCode(SPECIMEN_TYPE, order.SPECIMEN_TYPE, 'LAB_ORDER.SPECIMEN_TYPE', ctx);
  const accession = text(order.SPECIMEN_ID);
  const effective = toInstant(order.COLLECTED_AT, ctx);
  const comment = text(result.COMMENT_TEXT);
  return compact<Observation>({
    resourceType: 'Observation',
    id: fhirId.labResult(result.RESULT_ID),
    meta: buildMeta(result, PROFILE.observationLab, ctx),
    status,
    category: [observationCategory('laboratory')],
    code: testCode(result, ctx),
    subject: ref.patient(result.PAT_ID),
    encounter: ref.encounter(order.VISIT_ID),
    // Must-support but optional: without a collection time it is left out, never borrowed from another time.
    effectiveDateTime: effective,
    issued: toInstant(result.RESULTED_AT ?? order.RESULTED_AT, ctx),
    ...(value ?? { dataAbsentReason: dataAbsentConcept(status === 'cancelled' ? 'not-performed' : 'unknown') }),
    interpretation: flag ? [{ coding: [flag], text: flag.display }] : undefined,
    note: comment ? [{ text: comment }] : undefined,
    specimen:
      specimenType || accession
        ? compact({ identifier: accession ? { system: SPECIMEN_ACCESSION_SYSTEM, value: accession } : undefined, display: specimenType })
        : undefined,
    referenceRange: range ? [range] : undefined,
  });
}

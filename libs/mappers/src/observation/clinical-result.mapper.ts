import type { LegacyLabOrder, LegacyLabResult } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { ABNORMAL_FLAG, LAB_RESULT_STATUS } from '../common/code-maps.js';
import { present } from '../common/contact-builders.js';
import { dataAbsentConcept } from '../common/data-absent-reason.js';
import type { CodeableConcept, Coding, Observation } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { toInstant } from '../common/time.js';
import { LOCAL_LAB_CODE_SYSTEM } from './lab-result.mapper.js';
import { parseLabValue, parseReferenceRange } from './lab-values.js';
import { prefixedIds } from '../common/id-scheme.js';
import { LAB_RESULT_IDS } from './observation.ids.js';

const LOINC_RE = /^[0-9]{1,7}-[0-9]$/;

/** Ids of clinical-result Observations: `result-<RESULT_ID>` (LAB_RESULT rows of RAD and CARD orders). */
export const CLINICAL_RESULT_IDS = prefixedIds('result');

/**
 * The LAB_ORDER categories whose results are laboratory results (US Core Laboratory Result Observation, `lab-<id>`):
 * laboratory and pathology. The results of every other category are clinical results (`result-<id>`). One rule, so
 * that a `category=laboratory` search reads one source (one statement) and references agree with the sources.
 */
export const LABORATORY_ORDER_CATEGORIES: readonly string[] = ['LAB', 'PATH'];

/** The Observation id of a LAB_RESULT row, by its order's category. */
export function resultObservationId(orderCategory: string, resultId: number): string {
  return LABORATORY_ORDER_CATEGORIES.includes(orderCategory) ? LAB_RESULT_IDS.format(resultId) : CLINICAL_RESULT_IDS.format(resultId);
}

/** Id of a clinical-result Observation. */
export function clinicalResultId(resultId: number): string {
  return CLINICAL_RESULT_IDS.format(resultId);
}

/** Parses a clinical-result Observation id back to its RESULT_ID. */
export function parseClinicalResultId(id: string): number | undefined {
  return CLINICAL_RESULT_IDS.parse(id)?.key;
}

const category = (code: string, display: string): CodeableConcept => ({ coding: [{ system: SYSTEM.observationCategory, code, display }], text: display });

/** LAB_ORDER.ORDER_CATEGORY of non-laboratory orders -> the clinical result's Observation category (PATH results are laboratory results). */
export const CLINICAL_RESULT_CATEGORY: Readonly<Record<string, CodeableConcept>> = {
  RAD: category('imaging', 'Imaging'),
  CARD: category('procedure', 'Procedure'),
};

/**
 * LAB_RESULT of a RAD / CARD order -> US Core 6.1.0 Observation Clinical Result (`result-<RESULT_ID>`):
 * category imaging / procedure from the order (pathology results are laboratory results: toLabObservation), code LOINC + the performer's local code,
 * value parsed as for laboratory results (numbers with units, comparators, text), interpretation, reference range,
 * effective = COLLECTED_AT (the exam / collection time; left out when NULL), issued = RESULTED_AT.
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-observation-clinical-result.html
 */
export function toClinicalResultObservation(result: LegacyLabResult, order: Omit<LegacyLabOrder, 'REPORT_TEXT'>, ctx: MapperContext): Observation {
  const cat = lookupCode(CLINICAL_RESULT_CATEGORY, order.ORDER_CATEGORY, 'LAB_ORDER.ORDER_CATEGORY', ctx);
  const status = lookupCode(LAB_RESULT_STATUS, result.STATUS, 'LAB_RESULT.STATUS', ctx) ?? 'unknown';
  const value = parseLabValue(result.VALUE_TEXT, result.UNITS);
  const range = parseReferenceRange(result.REF_RANGE, result.UNITS);
  const flag = lookupCode(ABNORMAL_FLAG, result.ABN_FLAG, 'LAB_RESULT.ABN_FLAG', ctx);
  const name = text(result.TEST_NAME);
  const lc = text(result.LOINC_CODE);
  if (lc && !LOINC_RE.test(lc)) ctx.report({ column: 'LAB_RESULT.LOINC_CODE', code: lc, message: 'Malformed LOINC code' });
  const local = text(result.LOCAL_CODE);
  const issued = toInstant(result.RESULTED_AT ?? order.RESULTED_AT, ctx);
  const comment = text(result.COMMENT_TEXT);
  return compact<Observation>({
    resourceType: 'Observation',
    id: clinicalResultId(result.RESULT_ID),
    meta: buildMeta(result, PROFILE.observationClinicalResult, ctx),
    status,
    category: [cat ?? { text: text(order.ORDER_CATEGORY) ?? 'Result' }],
    code: {
      coding: present<Coding>(
        lc && LOINC_RE.test(lc) ? { system: SYSTEM.loinc, code: lc, display: name } : undefined,
        local ? { system: LOCAL_LAB_CODE_SYSTEM, code: local, display: name } : undefined,
      ),
      text: name,
    },
    subject: ref.patient(result.PAT_ID),
    encounter: ref.encounter(order.VISIT_ID),
    // The search parameter `date` reads the same column (never borrowed from another time).
    effectiveDateTime: toInstant(order.COLLECTED_AT, ctx),
    issued,
    ...(value ?? { dataAbsentReason: dataAbsentConcept(status === 'cancelled' ? 'not-performed' : 'unknown') }),
    interpretation: flag ? [{ coding: [flag], text: flag.display }] : undefined,
    note: comment ? [{ text: comment }] : undefined,
    referenceRange: range ? [range] : undefined,
  });
}

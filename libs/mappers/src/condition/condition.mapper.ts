import type { LegacyProblem } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import { PROBLEM_STATUS, PROBLEM_VERIFIED } from '../common/code-maps.js';
import { present } from '../common/contact-builders.js';
import type { CodeableConcept, Coding, Condition } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { formatIcd10Cm } from '../common/icd10.js';
import { buildMeta } from '../common/meta.js';
import { ref } from '../common/references.js';
import { PROFILE, SYSTEM } from '../common/systems.js';
import { toDate, toInstant } from '../common/time.js';
import { fhirId } from '../ids.js';
import { dataAbsentExtension } from '../common/data-absent-reason.js';

const CATEGORY: Record<string, { coding: Coding; profile: string }> = {
  P: {
    coding: { system: SYSTEM.conditionCategory, code: 'problem-list-item', display: 'Problem List Item' },
    profile: PROFILE.conditionProblems,
  },
  H: {
    coding: { system: SYSTEM.usCoreConditionCategory, code: 'health-concern', display: 'Health Concern' },
    profile: PROFILE.conditionProblems,
  },
  D: {
    coding: { system: SYSTEM.conditionCategory, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' },
    profile: PROFILE.conditionEncounterDiagnosis,
  },
};

function code(p: LegacyProblem, ctx: MapperContext): CodeableConcept {
  const icdRaw = text(p.ICD10_CODE);
  const icd = formatIcd10Cm(icdRaw);
  if (icdRaw && !icd) ctx.report({ column: 'PROBLEM.ICD10_CODE', code: icdRaw, message: 'Malformed ICD-10-CM code' });
  const sct = text(p.SNOMED_CODE);
  const desc = text(p.DESCRIPTION);
  return compact({
    coding: present<Coding>(
      sct ? { system: SYSTEM.snomed, code: sct, display: desc } : undefined,
      icd ? { system: SYSTEM.icd10cm, code: icd, display: desc } : undefined,
    ),
    text: desc,
  });
}

/**
 * PROBLEM -> US Core 6.1.0 Condition. PROB_TYPE P / H become `us-core-condition-problems-health-concerns`
 * (category problem-list-item / health-concern), D becomes `us-core-condition-encounter-diagnosis` with the
 * encounter reference. VERIFIED = E (entered in error) leaves clinicalStatus out (FHIR invariant con-5);
 * RESOLVED_DATE -> abatementDateTime, except on a still-active problem (con-4): reported, abatement left out.
 * An unknown STATUS gives a data-absent clinicalStatus (con-3 requires one).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-condition-problems-health-concerns.html
 */
export function toCondition(problem: LegacyProblem, ctx: MapperContext): Condition {
  const category = lookupCode(CATEGORY, problem.PROB_TYPE, 'PROBLEM.PROB_TYPE', ctx) ?? CATEGORY.P;
  const verification = lookupCode(PROBLEM_VERIFIED, problem.VERIFIED, 'PROBLEM.VERIFIED', ctx);
  const clinical = lookupCode(PROBLEM_STATUS, problem.STATUS, 'PROBLEM.STATUS', ctx);
  let abatement = toDate(problem.RESOLVED_DATE);
  if (clinical === 'active' && abatement) {
    // con-4: an abated condition cannot be active. The EHR's status is the current truth (e.g. a recurrence).
    ctx.report({ column: 'PROBLEM.RESOLVED_DATE', code: 'A', message: 'Active problem with a resolved date: abatement left out' });
    abatement = undefined;
  }
  const enteredInError = verification === 'entered-in-error';
  // con-3 / con-5: clinicalStatus is required unless entered in error, where it is forbidden.
  const clinicalStatus = enteredInError
    ? undefined
    : clinical
      ? { coding: [{ system: SYSTEM.conditionClinical, code: clinical }] }
      : { extension: [dataAbsentExtension('unknown')] };
  const note = text(problem.NOTE_TEXT);
  return compact<Condition>({
    resourceType: 'Condition',
    id: fhirId.condition(problem.PROB_ID),
    meta: buildMeta(problem, category.profile, ctx),
    clinicalStatus,
    verificationStatus: verification ? { coding: [{ system: SYSTEM.conditionVerification, code: verification }] } : undefined,
    category: [{ coding: [category.coding] }],
    code: code(problem, ctx),
    subject: ref.patient(problem.PAT_ID),
    encounter: ref.encounter(problem.VISIT_ID),
    onsetDateTime: toDate(problem.ONSET_DATE),
    abatementDateTime: abatement,
    recordedDate: toInstant(problem.CREATED_AT, ctx),
    note: note ? [{ text: note }] : undefined,
  });
}

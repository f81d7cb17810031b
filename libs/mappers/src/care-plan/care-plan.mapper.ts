import type { LegacyCarePlan } from '#facade/legacy-db';
import type { MapperContext } from '../mapper-context.js';
import { lookupCode } from '../common/code-map.js';
import type { CodeableConcept, FhirResource, Reference } from '../common/fhir-types.js';
import { compact, text } from '../common/flags.js';
import { buildMeta } from '../common/meta.js';
import { narrativeDiv } from '../common/narrative.js';
import { ref } from '../common/references.js';
import { parseRowKey, rowKeyId } from '../common/row-id.js';
import { SYSTEM } from '../common/systems.js';
import { toDate } from '../common/time.js';
import { goalId } from '../goal/goal.mapper.js';

export type CarePlan = FhirResource & { resourceType: 'CarePlan' };

/** US Core 6.1.0 CarePlan profile. */
export const CARE_PLAN_PROFILE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan|6.1.0';
/** Code system of the US Core CarePlan category `assess-plan`. */
export const CARE_PLAN_CATEGORY_SYSTEM = 'http://hl7.org/fhir/us/core/CodeSystem/careplan-category';

/** CarePlan id: `<CP_ID>`. */
export const carePlanId = (cpId: number): string => rowKeyId(cpId);
/** The CP_ID of a CarePlan id, or `undefined` for an id this facade never produces. */
export const parseCarePlanId = (id: string): number | undefined => parseRowKey(id);

/** CARE_PLAN.STATUS -> CarePlan.status (request-status). */
export const CARE_PLAN_STATUS: Record<string, 'draft' | 'active' | 'on-hold' | 'completed' | 'revoked' | 'entered-in-error'> = {
  D: 'draft',
  A: 'active',
  H: 'on-hold',
  C: 'completed',
  X: 'revoked',
  E: 'entered-in-error',
};

const ASSESS_PLAN: CodeableConcept = {
  coding: [{ system: CARE_PLAN_CATEGORY_SYSTEM, code: 'assess-plan', display: 'Assessment and Plan of Treatment' }],
  text: 'Assessment and Plan of Treatment',
};

/** What `toCarePlan` needs: the plan row and the GOAL ids that belong to it (GOAL.CP_ID, deleted ones left out). */
export interface CarePlanMapperInput {
  plan: LegacyCarePlan;
  goalIds?: number[];
}

/**
 * CARE_PLAN -> US Core 6.1.0 CarePlan (category assess-plan, intent plan). The assessment and plan narrative
 * (ASSESSMENT_TEXT, PLAN_TEXT) is the `text` (status additional: it is the plan's content, not generated from
 * structured elements), also carried as `description`; SNOMED_CODE (the kind of plan) is a second category,
 * TITLE the title, START/END_DATE the period, AUTHOR_PROV_ID the author, the plan's goals in `goal`. An unknown
 * STATUS is reported and becomes `unknown` (status is 1..1).
 * @see https://hl7.org/fhir/us/core/STU6.1/StructureDefinition-us-core-careplan.html
 */
export function toCarePlan(input: CarePlanMapperInput, ctx: MapperContext): CarePlan {
  const { plan } = input;
  const assessment = text(plan.ASSESSMENT_TEXT);
  const planText = text(plan.PLAN_TEXT);
  const sct = text(plan.SNOMED_CODE);
  const title = text(plan.TITLE);
  const goals: Reference[] = (input.goalIds ?? []).map((g) => ({ reference: `Goal/${goalId(g)}` }));
  return compact<CarePlan>({
    resourceType: 'CarePlan',
    id: carePlanId(plan.CP_ID),
    meta: buildMeta(plan, CARE_PLAN_PROFILE, ctx),
    text: {
      status: 'additional',
      div: narrativeDiv([
        { label: 'Assessment', text: assessment },
        { label: 'Plan', text: planText ?? 'No plan text recorded' },
      ]),
    },
    status: lookupCode(CARE_PLAN_STATUS, plan.STATUS, 'CARE_PLAN.STATUS', ctx) ?? 'unknown',
    intent: 'plan',
    category: sct ? [ASSESS_PLAN, { coding: [{ system: SYSTEM.snomed, code: sct, display: title }], text: title }] : [ASSESS_PLAN],
    title,
    description: [assessment, planText].filter(Boolean).join('\n\n') || undefined,
    subject: ref.patient(plan.PAT_ID),
    encounter: ref.encounter(plan.VISIT_ID),
    period: { start: toDate(plan.START_DATE), end: toDate(plan.END_DATE) },
    author: ref.practitioner(plan.AUTHOR_PROV_ID),
    goal: goals,
  });
}

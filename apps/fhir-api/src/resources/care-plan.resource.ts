/** CarePlan (CARE_PLAN): the assessment and plan of treatment, with the plan's goals (GOAL children). */
import { CarePlanTable, GoalTable } from '#facade/legacy-db';
import { CARE_PLAN_IDS } from '#facade/mappers/src/care-plan/care-plan.ids.js';
import { CARE_PLAN_CATEGORY_SYSTEM, CARE_PLAN_STATUS, toCarePlan, SYSTEM } from '#facade/mappers';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';

const plans = sourceOf(CarePlanTable, { children: { goals: { table: GoalTable, fk: 'CP_ID' } } })({
  key: 'careplan',
  alias: 'c',
  profiles: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-careplan|6.1.0'],
  ids: CARE_PLAN_IDS,
  deletedColumn: 'c.DELETED_YN',
  patientColumn: 'c.PAT_ID',
  targets: {
    patient: { kind: 'reference', column: 'c.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'c.PAT_ID', to: 'Patient' },
    category: { kind: 'token', columns: [{ system: CARE_PLAN_CATEGORY_SYSTEM, constant: ['assess-plan'] }, { system: SYSTEM.snomed, column: 'c.SNOMED_CODE' }] },
    status: { kind: 'token', columns: [mappedColumn('http://hl7.org/fhir/request-status', 'c.STATUS', CARE_PLAN_STATUS)] },
    date: { kind: 'date', column: 'c.START_DATE', endColumn: 'c.END_DATE', columnType: 'date' },
    encounter: { kind: 'reference', column: 'c.VISIT_ID', to: 'Encounter' },
  },
  map: (row, ctx) =>
    toCarePlan({ plan: row, goalIds: row.goals.filter((g) => g.DELETED_YN !== 'Y').map((g) => g.GOAL_ID) }, ctx) as unknown as FhirResource,
});

/** CarePlan (US Core 6.1.0). */
export const carePlanResource: ResourceEntry = { type: 'CarePlan', inPatientCompartment: true, sources: [plans] };

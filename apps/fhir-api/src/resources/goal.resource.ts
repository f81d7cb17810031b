/** Goal (GOAL): patient and care-plan goals. */
import { GoalTable } from '#facade/legacy-db';
import { SYSTEM, GOAL_STATUS, toGoal } from '#facade/mappers';
import { GOAL_IDS } from '#facade/mappers/src/goal/goal.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';

const goals = sourceOf(GoalTable)({
  key: 'goal',
  alias: 'g',
  profiles: ['http://hl7.org/fhir/us/core/StructureDefinition/us-core-goal|6.1.0'],
  ids: GOAL_IDS,
  deletedColumn: 'g.DELETED_YN',
  patientColumn: 'g.PAT_ID',
  targets: {
    patient: { kind: 'reference', column: 'g.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'g.PAT_ID', to: 'Patient' },
    'lifecycle-status': { kind: 'token', columns: [mappedColumn('http://hl7.org/fhir/goal-status', 'g.STATUS', GOAL_STATUS)] },
    'target-date': { kind: 'date', column: 'g.TARGET_DATE', columnType: 'date' },
    'start-date': { kind: 'date', column: 'g.START_DATE', columnType: 'date' },
    description: { kind: 'token', columns: [{ system: SYSTEM.snomed, column: 'g.SNOMED_CODE' }], textColumns: ['g.DESCRIPTION'] },
  },
  map: (row, ctx) => toGoal(row, ctx) as unknown as FhirResource,
});

/** Goal (US Core 6.1.0). */
export const goalResource: ResourceEntry = { type: 'Goal', inPatientCompartment: true, sources: [goals] };

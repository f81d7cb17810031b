/** Condition (PROBLEM): problems and health concerns (PROB_TYPE P/H) and encounter diagnoses (D). */
import { ProblemTable } from '#facade/legacy-db';
import { PROBLEM_STATUS } from '#facade/mappers/src/common/code-maps.js';
import { PROFILE, SYSTEM, toCondition } from '#facade/mappers';
import { CONDITION_IDS } from '#facade/mappers/src/condition/condition.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';

const icd10ToDb = (code: string) => [code.replace('.', '').toUpperCase()];

const problems = sourceOf(ProblemTable)({
  key: 'problem',
  alias: 'c',
  profiles: [PROFILE.conditionProblems, PROFILE.conditionEncounterDiagnosis],
  ids: CONDITION_IDS,
  deletedColumn: 'c.DELETED_YN',
  patientColumn: 'c.PAT_ID',
  // Keyset sorting needs a NOT NULL column: ONSET_DATE may be NULL, so only recorded-date sorts.
  sort: { 'recorded-date': 'c.CREATED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'c.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'c.PAT_ID', to: 'Patient' },
    category: {
      kind: 'token',
      columns: [
        { system: SYSTEM.conditionCategory, column: 'c.PROB_TYPE', toDb: (c) => ({ 'problem-list-item': ['P'], 'encounter-diagnosis': ['D'] })[c] },
        { system: SYSTEM.usCoreCategory, column: 'c.PROB_TYPE', toDb: (c) => (c === 'health-concern' ? ['H'] : undefined) },
      ],
    },
    'clinical-status': { kind: 'token', columns: [mappedColumn(SYSTEM.conditionClinical, 'c.STATUS', PROBLEM_STATUS)] },
    code: {
      kind: 'token',
      columns: [{ system: SYSTEM.snomed, column: 'c.SNOMED_CODE' }, { system: SYSTEM.icd10cm, column: 'c.ICD10_CODE', toDb: icd10ToDb }],
      textColumns: ['c.DESCRIPTION'],
    },
    'onset-date': { kind: 'date', column: 'c.ONSET_DATE', columnType: 'date' },
    'abatement-date': { kind: 'date', column: 'c.RESOLVED_DATE', columnType: 'date' },
    'recorded-date': { kind: 'date', column: 'c.CREATED_AT', columnType: 'datetime' },
    encounter: { kind: 'reference', column: 'c.VISIT_ID', to: 'Encounter' },
  },
  map: (row, ctx) => toCondition(row, ctx) as unknown as FhirResource,
});

/** Condition (US Core 6.1.0, both profiles). */
export const conditionResource: ResourceEntry = {
  type: 'Condition',
  inPatientCompartment: true,
  sources: [problems],
  notSupported: { 'asserted-date': 'the EHR records no assertion date' },
};

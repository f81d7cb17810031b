/** QuestionnaireResponse (SCREENING + SCREENING_ANSWER children): the answers of a standardised screening. */
import { ScreeningAnswerTable, ScreeningTable } from '#facade/legacy-db';
import { QUESTIONNAIRE_RESPONSE_PROFILE, toQuestionnaireResponse, SCREENING_RESPONSE_STATUS } from '#facade/mappers';
import { QUESTIONNAIRE_RESPONSE_IDS } from '#facade/mappers/src/screening/screening.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';
import type { SearchValue } from '#facade/fhir';
import { inList } from '../engine/sql/sql-fragment.js';

/**
 * `questionnaire` values: the LOINC form canonical the mapper writes (`http://loinc.org/q/<panel>`, a `|version` is
 * ignored: the EHR keeps none), or a plain id / `Questionnaire/<panel>` (the panel code); any other canonical
 * matches nothing.
 */
const LOINC_FORM = /^http:\/\/loinc\.org\/q\/([^/|]+)(?:\|.*)?$/;
function panelOf(v: SearchValue): string[] {
  if (v.kind === 'reference') return [v.value.id];
  if (v.kind === 'uri') return LOINC_FORM.exec(v.value)?.slice(1, 2) ?? [];
  return [];
}

const screenings = sourceOf(ScreeningTable, { children: { answers: { table: ScreeningAnswerTable, fk: 'SCREEN_ID' } } })({
  key: 'screening-qr',
  alias: 'q',
  profiles: [QUESTIONNAIRE_RESPONSE_PROFILE],
  ids: QUESTIONNAIRE_RESPONSE_IDS,
  deletedColumn: 'q.DELETED_YN',
  patientColumn: 'q.PAT_ID',
  sort: { authored: 'q.TAKEN_AT' },
  targets: {
    patient: { kind: 'reference', column: 'q.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'q.PAT_ID', to: 'Patient' },
    encounter: { kind: 'reference', column: 'q.VISIT_ID', to: 'Encounter' },
    authored: { kind: 'date', column: 'q.TAKEN_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn('http://hl7.org/fhir/questionnaire-answers-status', 'q.STATUS', SCREENING_RESPONSE_STATUS)] },
    questionnaire: {
      kind: 'custom',
      type: 'reference',
      canonical: true,
      build: (clause, bag) => inList('q.INSTRUMENT_LOINC', clause.values.flatMap(panelOf), bag),
    },
  },
  map: (row, ctx) => toQuestionnaireResponse({ screening: row, answers: row.answers }, ctx) as unknown as FhirResource,
});

/** QuestionnaireResponse (US Core 6.1.0). */
export const questionnaireResponseResource: ResourceEntry = { type: 'QuestionnaireResponse', inPatientCompartment: true, sources: [screenings] };

/** Encounter (VISIT): every search carries the patient; IX_VISIT_PAT (PAT_ID, START_DT) also covers `date`. */
import { PatientTable, VisitTable } from '#facade/legacy-db';
import { DISCHARGE_DISPOSITION, VISIT_STATUS, VISIT_TYPE } from '#facade/mappers/src/common/code-maps.js';
import { PROFILE, SYSTEM, toEncounter, VISIT_ID_SYSTEM } from '#facade/mappers';
import { ENCOUNTER_IDS } from '#facade/mappers/src/encounter/encounter.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { auditOf, codingColumns, mappedColumn } from '../engine/registry/target-helpers.js';

const visits = sourceOf(VisitTable, { joins: { pt: { table: PatientTable, on: 'pt.PAT_ID = v.PAT_ID', columns: ['PRACTICE_ID'] } } })({
  key: 'visit',
  alias: 'v',
  profiles: [PROFILE.encounter],
  ids: ENCOUNTER_IDS,
  deletedColumn: 'v.DELETED_YN',
  patientColumn: 'v.PAT_ID',
  sort: { date: 'v.START_DT' },
  targets: {
    identifier: { kind: 'token', columns: [{ system: VISIT_ID_SYSTEM, column: 'v.VISIT_ID', toDb: (c) => (/^[1-9][0-9]{0,9}$/.test(c) ? [c] : undefined) }] },
    patient: { kind: 'reference', column: 'v.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'v.PAT_ID', to: 'Patient' },
    date: { kind: 'date', column: 'v.START_DT', endColumn: 'v.END_DT', columnType: 'datetime' },
    type: { kind: 'token', columns: [{ system: SYSTEM.cpt, column: 'v.CPT_CODE' }, { system: `${SYSTEM.localPrefix}visit-type`, column: 'v.VISIT_TYPE' }] },
    class: { kind: 'token', columns: [mappedColumn(SYSTEM.v3ActCode, 'v.VISIT_TYPE', VISIT_TYPE, (v) => v.class.code)] },
    status: { kind: 'token', columns: [mappedColumn('http://hl7.org/fhir/encounter-status', 'v.VISIT_STATUS', VISIT_STATUS)] },
    location: { kind: 'reference', column: 'v.FACILITY_ID', to: 'Location' },
    'discharge-disposition': { kind: 'token', columns: codingColumns('v.DISCH_DISPOSITION', DISCHARGE_DISPOSITION) },
  },
  map: (row, ctx) => toEncounter(row, ctx, row.pt.PRACTICE_ID) as unknown as FhirResource,
  audit: (row) => ({ ...auditOf(row), patientId: row.PAT_ID, practiceId: row.pt.PRACTICE_ID }),
});

/** Encounter (US Core 6.1.0). */
export const encounterResource: ResourceEntry = { type: 'Encounter', inPatientCompartment: true, sources: [visits] };

/** Procedure (PROCEDURES): CPT, HCPCS, SNOMED CT and ICD-10-PCS coded procedures in every status. */
import { ProceduresTable } from '#facade/legacy-db';
import { SYSTEM, EVENT_STATUS_SYSTEM, HCPCS_SYSTEM, ICD10_PCS_SYSTEM, PROCEDURE_PROFILE, PROCEDURE_STATUS, toProcedure } from '#facade/mappers';
import { PROCEDURE_IDS } from '#facade/mappers/src/procedure/procedure.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';

const upper = (code: string) => [code.toUpperCase()];

const procedures = sourceOf(ProceduresTable)({
  key: 'procedure',
  alias: 'p',
  profiles: [PROCEDURE_PROFILE],
  ids: PROCEDURE_IDS,
  deletedColumn: 'p.DELETED_YN',
  patientColumn: 'p.PAT_ID',
  targets: {
    patient: { kind: 'reference', column: 'p.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'p.PAT_ID', to: 'Patient' },
    status: { kind: 'token', columns: [mappedColumn(EVENT_STATUS_SYSTEM, 'p.STATUS', PROCEDURE_STATUS)] },
    date: { kind: 'date', column: 'p.PERFORMED_START', endColumn: 'p.PERFORMED_END', columnType: 'datetime' },
    code: {
      kind: 'token',
      columns: [
        { system: SYSTEM.cpt, column: 'p.CPT_CODE', toDb: upper },
        { system: HCPCS_SYSTEM, column: 'p.HCPCS_CODE', toDb: upper },
        { system: SYSTEM.snomed, column: 'p.SNOMED_CODE' },
        { system: ICD10_PCS_SYSTEM, column: 'p.ICD10PCS_CODE', toDb: upper },
      ],
      textColumns: ['p.DESCRIPTION'],
    },
    encounter: { kind: 'reference', column: 'p.VISIT_ID', to: 'Encounter' },
  },
  map: (row, ctx) => toProcedure(row, ctx) as unknown as FhirResource,
});

/** Procedure (US Core 6.1.0). */
export const procedureResource: ResourceEntry = { type: 'Procedure', inPatientCompartment: true, sources: [procedures] };

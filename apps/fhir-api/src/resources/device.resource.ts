/** Device (IMPLANT): implantable devices with their parsed GS1 UDI. */
import { ImplantTable } from '#facade/legacy-db';
import { SYSTEM, IMPLANTABLE_DEVICE_PROFILE, IMPLANT_STATUS, toDevice } from '#facade/mappers';
import { DEVICE_IDS } from '#facade/mappers/src/device/device.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';

const implants = sourceOf(ImplantTable)({
  key: 'implant',
  alias: 'd',
  profiles: [IMPLANTABLE_DEVICE_PROFILE],
  ids: DEVICE_IDS,
  deletedColumn: 'd.DELETED_YN',
  patientColumn: 'd.PAT_ID',
  targets: {
    patient: { kind: 'reference', column: 'd.PAT_ID', to: 'Patient' },
    type: { kind: 'token', columns: [{ system: SYSTEM.snomed, column: 'd.SNOMED_TYPE' }], textColumns: ['d.DEVICE_NAME'] },
    status: { kind: 'token', columns: [mappedColumn('http://hl7.org/fhir/device-status', 'd.STATUS', IMPLANT_STATUS)] },
  },
  map: (row, ctx) => toDevice(row, ctx) as unknown as FhirResource,
});

/** Device (US Core 6.1.0 Implantable Device). */
export const deviceResource: ResourceEntry = { type: 'Device', inPatientCompartment: true, sources: [implants] };

/**
 * Patient update -> PATIENT (names, telecom, home address, language); never the MRN, the practice, merge links or
 * any other column, and never the EHR's sign-in data. Contacts (PAT_CONTACT) are read-only for now.
 */
import { PROFILE, fhirId } from '#facade/mappers';
import { PATIENT_IDS } from '#facade/mappers/src/patient/patient.ids.js';
import { fromPatient, type PatientColumns } from '#facade/mappers/src/patient/patient.reverse-mapper.js';
import { updatedColumns, without, type WritableType } from '../writable-type.js';

export const patientWriter: WritableType<PatientColumns> = {
  type: 'Patient',
  table: 'PATIENT',
  pk: 'PAT_ID',
  profile: PROFILE.patient,
  create: false,
  update: true,
  documentation:
    'update only (no create: charts are opened in the EHR): the official name (family, up to two given names, prefix, suffix), the usual ' +
    '(preferred) given name, the old (former) family name, home/mobile/work phones, one email, one home US address, one preferred ' +
    'language (BCP-47). Every other element (identifiers incl. MRN, managingOrganization, link, active, gender, birthDate, extensions, ' +
    'contact, ...) must be sent unchanged (422 not-supported otherwise). Update requires If-Match (428 without); updateCreate false.',
  reverse: (resource, current) => (current ? fromPatient(resource, current) : { ok: false, issues: [{ code: 'not-supported', expression: 'Patient', diagnostics: 'Patients cannot be created here' }] }),
  deletedColumn: null,
  immutable: {},
  insertValues: () => {
    throw new Error('Patient create is not supported');
  },
  updateValues: (row, stamp) => ({ ...without(row, ['PAT_ID']), ...updatedColumns(stamp) }),
  idOf: (key) => fhirId.patient(key),
  keyOf(id) {
    return PATIENT_IDS.parse(id)?.key;
  },
};

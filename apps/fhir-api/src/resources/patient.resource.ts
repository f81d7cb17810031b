/** Patient: PATIENT rows (+ PATIENT_RACE, PAT_CONTACT children). Searches use IX_PATIENT_NAME / IX_PATIENT_DOB. */
import { PatContactTable, PatientRaceTable, PatientTable } from '#facade/legacy-db';
import { ADMINISTRATIVE_GENDER } from '#facade/mappers/src/common/code-maps.js';
import { PROFILE, toPatient } from '#facade/mappers';
import { PATIENT_IDS } from '#facade/mappers/src/patient/patient.ids.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';
import { SYSTEMS, type RegistryConfig } from './registry-config.js';

/** The Patient registry entry. */
export function patientResource(config: RegistryConfig): ResourceEntry {
  const patients = sourceOf(PatientTable, {
    children: { races: { table: PatientRaceTable, fk: 'PAT_ID' }, contacts: { table: PatContactTable, fk: 'PAT_ID' } },
  })({
    key: 'patient',
    alias: 'p',
    profiles: [PROFILE.patient],
    ids: PATIENT_IDS,
    patientColumn: 'p.PAT_ID',
    practiceColumn: 'p.PRACTICE_ID',
    sort: { birthdate: 'p.DOB' },
    targets: {
      identifier: { kind: 'token', columns: [{ system: config.mrnSystem, column: 'p.MRN' }, { system: config.ssnSystem, column: 'p.SSN' }] },
      name: { kind: 'string', columns: ['p.LAST_NAME', 'p.FIRST_NAME', 'p.MIDDLE_NAME', 'p.PREFERRED_NAME', 'p.PREV_LAST_NAME'] },
      family: { kind: 'string', columns: ['p.LAST_NAME', 'p.PREV_LAST_NAME'] },
      given: { kind: 'string', columns: ['p.FIRST_NAME', 'p.MIDDLE_NAME', 'p.PREFERRED_NAME'] },
      birthdate: { kind: 'date', column: 'p.DOB', columnType: 'date' },
      gender: { kind: 'token', columns: [mappedColumn(SYSTEMS.administrativeGender, 'p.SEX', ADMINISTRATIVE_GENDER)] },
      'death-date': { kind: 'date', column: 'p.DECEASED_DATE', columnType: 'datetime' },
    },
    map: (row, ctx) => toPatient({ patient: row, races: row.races, contacts: row.contacts }, ctx) as unknown as FhirResource,
  });
  return { type: 'Patient', inPatientCompartment: true, sources: [patients] };
}

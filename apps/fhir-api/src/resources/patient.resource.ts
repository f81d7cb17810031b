/** Patient: PATIENT rows (+ PATIENT_RACE, PAT_CONTACT children). Searches use IX_PATIENT_NAME / IX_PATIENT_DOB. */
import { ID_PARAM, LAST_UPDATED_PARAM } from '../../../../libs/fhir/src/search/search-param-definition.js';
import type { LegacyPatContact, LegacyPatient, LegacyPatientRace } from '../../../../libs/legacy-db/src/index.js';
import { ADMINISTRATIVE_GENDER } from '../../../../libs/mappers/src/common/code-maps.js';
import { PROFILE } from '../../../../libs/mappers/src/common/systems.js';
import { toPatient } from '../../../../libs/mappers/src/patient/patient.mapper.js';
import type { FhirResource, ResourceDefinition } from '../engine/registry/resource-definition.js';
import { auditColumns, mappedColumn, plainIdParser } from '../engine/registry/target-helpers.js';
import { usCoreParam, SYSTEMS, type RegistryConfig } from './registry-config.js';

/** The Patient registry entry. */
export function patientResource(config: RegistryConfig): ResourceDefinition {
  return {
    type: 'Patient',
    profiles: [PROFILE.patient.split('|')[0]],
    interactions: ['read', 'vread', 'search-type'],
    inPatientCompartment: true,
    params: [
      ID_PARAM,
      LAST_UPDATED_PARAM,
      usCoreParam('Patient', 'identifier', 'token'),
      usCoreParam('Patient', 'name', 'string'),
      usCoreParam('Patient', 'family', 'string'),
      usCoreParam('Patient', 'given', 'string'),
      usCoreParam('Patient', 'birthdate', 'date', { sortable: true }),
      usCoreParam('Patient', 'gender', 'token'),
      usCoreParam('Patient', 'death-date', 'date'),
    ],
    combinations: [
      { params: ['_id'], expectation: 'SHALL' },
      { params: ['identifier'], expectation: 'SHALL' },
      { params: ['name'], expectation: 'SHALL' },
      { params: ['birthdate', 'name'], expectation: 'SHALL' },
      { params: ['gender', 'name'], expectation: 'SHALL' },
      { params: ['birthdate', 'family'], expectation: 'SHOULD' },
      { params: ['family', 'gender'], expectation: 'SHOULD' },
      { params: ['death-date', 'family'], expectation: 'SHOULD' },
    ],
    revincludes: [{ sourceType: 'Provenance', param: 'target', targetType: 'Patient' }],
    sources: [
      {
        key: 'patient',
        table: 'PATIENT',
        alias: 'p',
        pk: 'PAT_ID',
        patientColumn: 'p.PAT_ID',
        practiceColumn: 'p.PRACTICE_ID',
        lastUpdatedColumn: 'p.UPDATED_AT',
        children: [
          { as: 'races', table: 'PATIENT_RACE', fk: 'PAT_ID' },
          { as: 'contacts', table: 'PAT_CONTACT', fk: 'PAT_ID' },
        ],
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
        parseId: plainIdParser('Patient', 'PATIENT'),
        audit: (row) => ({ ...auditColumns(row), patientId: row.PAT_ID as number, practiceId: row.PRACTICE_ID as number }),
        map: (row, ctx) => [
          {
            sub: 0,
            resource: toPatient(
              { patient: row as unknown as LegacyPatient, races: row.races as LegacyPatientRace[], contacts: row.contacts as LegacyPatContact[] },
              ctx,
            ) as unknown as FhirResource,
          },
        ],
      },
    ],
  };
}

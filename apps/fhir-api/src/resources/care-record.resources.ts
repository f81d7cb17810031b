/**
 * Immunization (IMMUNIZATION), Procedure (PROCEDURES), Coverage (PAT_INSURANCE + its PAYER) and RelatedPerson
 * (PAT_CONTACT): patient-compartment types with one row per resource, confined through the row's PAT_ID.
 */
import { ID_PARAM, LAST_UPDATED_PARAM } from '../../../../libs/fhir/src/search/search-param-definition.js';
import type { LegacyImmunization, LegacyPatContact, LegacyPatInsurance, LegacyPayer, LegacyProcedures } from '../../../../libs/legacy-db/src/index.js';
import { SYSTEM } from '../../../../libs/mappers/src/common/systems.js';
import { COVERAGE_PROFILE, parseCoverageId, toCoverage } from '../../../../libs/mappers/src/coverage/coverage.mapper.js';
import {
  CVX_SYSTEM,
  IMMUNIZATION_PROFILE,
  IMMUNIZATION_STATUS,
  IMMUNIZATION_STATUS_SYSTEM,
  parseImmunizationId,
  toImmunization,
} from '../../../../libs/mappers/src/immunization/immunization.mapper.js';
import { NDC_SYSTEM } from '../../../../libs/mappers/src/medication/medication.mapper.js';
import {
  EVENT_STATUS_SYSTEM,
  HCPCS_SYSTEM,
  ICD10_PCS_SYSTEM,
  parseProcedureId,
  PROCEDURE_PROFILE,
  PROCEDURE_STATUS,
  toProcedure,
} from '../../../../libs/mappers/src/procedure/procedure.mapper.js';
import { parseRelatedPersonId, RELATED_PERSON_PROFILE, toContactRelatedPerson } from '../../../../libs/mappers/src/related-person/related-person.mapper.js';
import type { FhirResource, ParamTarget, ResourceDefinition, SourceRow } from '../engine/registry/resource-definition.js';
import { auditColumns, referenceKey, reverseCodes } from '../engine/registry/target-helpers.js';
import { coreParam, usCoreParam } from './registry-config.js';

const unversioned = (p: string) => p.split('|')[0];
const one = (resource: unknown) => [{ sub: 0, resource: resource as FhirResource }];
const patientRef = (alias: string): ParamTarget => ({ kind: 'reference', column: `${alias}.PAT_ID`, targetTypes: ['Patient'], toKey: referenceKey });
const provenance = (type: string) => [{ sourceType: 'Provenance', param: 'target', targetType: type }];
const patientAudit = (row: SourceRow) => ({ ...auditColumns(row), patientId: row.PAT_ID as number });
const pkOf = (parse: (id: string) => number | undefined) => (id: string) => {
  const pk = parse(id);
  return pk === undefined ? undefined : { pk };
};
const upper = (code: string) => [code.toUpperCase()];

/** Immunization: vaccines given, refused or not given, and historical doses. */
export const immunizationResource: ResourceDefinition = {
  type: 'Immunization',
  profiles: [unversioned(IMMUNIZATION_PROFILE)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('Immunization', 'patient', 'reference', { targetTypes: ['Patient'] }),
    usCoreParam('Immunization', 'status', 'token'),
    usCoreParam('Immunization', 'date', 'date', { sortable: true }),
    coreParam('Immunization', 'vaccine-code', 'token'),
  ],
  combinations: [
    { params: ['patient'], expectation: 'SHALL' }, { params: ['date', 'patient'], expectation: 'SHOULD' },
    { params: ['patient', 'status'], expectation: 'SHOULD' },
  ],
  revincludes: provenance('Immunization'),
  sources: [
    {
      key: 'immunization',
      table: 'IMMUNIZATION',
      alias: 'i',
      pk: 'IMM_ID',
      deletedColumn: 'i.DELETED_YN',
      patientColumn: 'i.PAT_ID',
      lastUpdatedColumn: 'i.UPDATED_AT',
      sort: { date: 'i.ADMIN_DATE' },
      targets: {
        patient: patientRef('i'),
        status: { kind: 'token', columns: [{ system: IMMUNIZATION_STATUS_SYSTEM, column: 'i.STATUS', toDb: reverseCodes(IMMUNIZATION_STATUS) }] },
        date: { kind: 'date', column: 'i.ADMIN_DATE', columnType: 'datetime' },
        'vaccine-code': { kind: 'token', columns: [{ system: CVX_SYSTEM, column: 'i.CVX_CODE' }, { system: NDC_SYSTEM, column: 'i.NDC_CODE' }], textColumns: ['i.VACCINE_NAME'] },
      },
      parseId: pkOf(parseImmunizationId),
      map: (row, ctx) => one(toImmunization(row as unknown as LegacyImmunization, ctx)),
      references: (row) => ({ patient: [`Patient/${row.PAT_ID}`] }),
      audit: patientAudit,
    },
  ],
};

/** Procedure: CPT, HCPCS, SNOMED CT and ICD-10-PCS coded procedures, done, in progress, not done or scheduled. */
export const procedureResource: ResourceDefinition = {
  type: 'Procedure',
  profiles: [unversioned(PROCEDURE_PROFILE)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('Procedure', 'patient', 'reference', { targetTypes: ['Patient'] }),
    coreParam('Procedure', 'subject', 'reference', { targetTypes: ['Patient'] }),
    usCoreParam('Procedure', 'status', 'token'),
    usCoreParam('Procedure', 'date', 'date'),
    usCoreParam('Procedure', 'code', 'token'),
    coreParam('Procedure', 'encounter', 'reference', { targetTypes: ['Encounter'] }),
  ],
  combinations: [
    { params: ['patient'], expectation: 'SHALL' }, { params: ['date', 'patient'], expectation: 'SHALL' },
    { params: ['code', 'date', 'patient'], expectation: 'SHOULD' }, { params: ['patient', 'status'], expectation: 'SHOULD' },
  ],
  revincludes: provenance('Procedure'),
  sources: [
    {
      key: 'procedure',
      table: 'PROCEDURES',
      alias: 'p',
      pk: 'PROC_ID',
      deletedColumn: 'p.DELETED_YN',
      patientColumn: 'p.PAT_ID',
      lastUpdatedColumn: 'p.UPDATED_AT',
      targets: {
        patient: patientRef('p'),
        subject: patientRef('p'),
        status: { kind: 'token', columns: [{ system: EVENT_STATUS_SYSTEM, column: 'p.STATUS', toDb: reverseCodes(PROCEDURE_STATUS) }] },
        // performed[x]: scheduled and not-done procedures have none, so they never match a date.
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
        encounter: { kind: 'reference', column: 'p.VISIT_ID', targetTypes: ['Encounter'], toKey: referenceKey },
      },
      parseId: pkOf(parseProcedureId),
      map: (row, ctx) => one(toProcedure(row as unknown as LegacyProcedures, ctx)),
      references: (row) => ({ patient: [`Patient/${row.PAT_ID}`] }),
      audit: patientAudit,
    },
  ],
};

/** Coverage: the patient's insurance plans; the payer is the Organization `payer-<PAYER_ID>`. */
export const coverageResource: ResourceDefinition = {
  type: 'Coverage',
  profiles: [unversioned(COVERAGE_PROFILE)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('Coverage', 'patient', 'reference', { targetTypes: ['Patient'] }),
    coreParam('Coverage', 'beneficiary', 'reference', { targetTypes: ['Patient'] }),
  ],
  combinations: [{ params: ['patient'], expectation: 'SHALL' }],
  revincludes: provenance('Coverage'),
  sources: [
    {
      key: 'insurance',
      table: 'PAT_INSURANCE',
      alias: 'c',
      pk: 'INS_ID',
      joins: [{ table: 'PAYER', alias: 'y', on: 'y.PAYER_ID = c.PAYER_ID', columns: ['PAYER_TYPE', 'PAYER_NAME'], optional: true }],
      deletedColumn: 'c.DELETED_YN',
      patientColumn: 'c.PAT_ID',
      lastUpdatedColumn: 'c.UPDATED_AT',
      targets: { patient: patientRef('c'), beneficiary: patientRef('c') },
      parseId: pkOf(parseCoverageId),
      map: (row, ctx) => one(toCoverage({ insurance: row as unknown as LegacyPatInsurance, payer: (row.y ?? undefined) as Pick<LegacyPayer, 'PAYER_TYPE' | 'PAYER_NAME'> | undefined }, ctx)),
      references: (row) => ({ patient: [`Patient/${row.PAT_ID}`] }),
    },
  ],
};

/** RelatedPerson: the patient's contacts (PAT_CONTACT, `contact-<CONTACT_ID>`). */
export const relatedPersonResource: ResourceDefinition = {
  type: 'RelatedPerson',
  profiles: [unversioned(RELATED_PERSON_PROFILE)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('RelatedPerson', 'patient', 'reference', { targetTypes: ['Patient'] }),
    usCoreParam('RelatedPerson', 'name', 'string'),
  ],
  combinations: [
    { params: ['_id'], expectation: 'SHALL' }, { params: ['patient'], expectation: 'SHOULD' }, { params: ['name'], expectation: 'SHOULD' },
    { params: ['name', 'patient'], expectation: 'SHOULD' },
  ],
  revincludes: provenance('RelatedPerson'),
  sources: [
    {
      key: 'contact',
      table: 'PAT_CONTACT',
      alias: 'r',
      pk: 'CONTACT_ID',
      patientColumn: 'r.PAT_ID',
      lastUpdatedColumn: 'r.UPDATED_AT',
      targets: { patient: patientRef('r'), name: { kind: 'string', columns: ['r.LAST_NAME', 'r.FIRST_NAME'] } },
      parseId: (id) => {
        const key = parseRelatedPersonId(id);
        return key?.table === 'PAT_CONTACT' ? { pk: key.contactId } : undefined;
      },
      map: (row, ctx) => one(toContactRelatedPerson(row as unknown as LegacyPatContact, ctx)),
      references: (row) => ({ patient: [`Patient/${row.PAT_ID}`] }),
    },
  ],
};

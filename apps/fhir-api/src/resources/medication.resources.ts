/**
 * Medications: MedicationRequest (MEDICATION), Medication (MEDICATION rows that name an NDC product, referenced by
 * their requests and dispenses) and MedicationDispense (RX_FILL + its MEDICATION). All three are confined to the
 * patient of the row (the engine's patient / practice conditions on PAT_ID).
 */
import { ID_PARAM, LAST_UPDATED_PARAM } from '../../../../libs/fhir/src/search/search-param-definition.js';
import type { LegacyMedication, LegacyRxFill } from '../../../../libs/legacy-db/src/index.js';
import { SYSTEM } from '../../../../libs/mappers/src/common/systems.js';
import { MEDICATION_PROFILE, medicationId, parseMedicationId, toMedication } from '../../../../libs/mappers/src/medication/medication.mapper.js';
import {
  FILL_STATUS,
  MEDICATION_DISPENSE_PROFILE,
  MEDICATION_DISPENSE_STATUS_SYSTEM,
  parseMedicationDispenseId,
  toMedicationDispense,
} from '../../../../libs/mappers/src/medication-dispense/medication-dispense.mapper.js';
import {
  MEDICATION_REQUEST_INTENT_SYSTEM,
  MEDICATION_REQUEST_PROFILE,
  MEDICATION_REQUEST_STATUS_SYSTEM,
  MEDICATION_STATUS,
  parseMedicationRequestId,
  RX_TYPE,
  toMedicationRequest,
} from '../../../../libs/mappers/src/medication-request/medication-request.mapper.js';
import type { FhirResource, ParamTarget, ResourceDefinition, SourceRow } from '../engine/registry/resource-definition.js';
import { auditColumns, referenceKey, reverseCodes } from '../engine/registry/target-helpers.js';
import { coreParam, usCoreParam } from './registry-config.js';

const unversioned = (p: string) => p.split('|')[0];
const one = (resource: unknown) => [{ sub: 0, resource: resource as FhirResource }];
const patientRef = (alias: string): ParamTarget => ({ kind: 'reference', column: `${alias}.PAT_ID`, targetTypes: ['Patient'], toKey: referenceKey });
const pkOf = (parse: (id: string) => number | undefined) => (id: string) => {
  const pk = parse(id);
  return pk === undefined ? undefined : { pk };
};
/** The drug columns of MEDICATION the medication[x] of a request or dispense needs. */
const DRUG = ['MED_ID', 'RX_TYPE', 'RXNORM_CODE', 'NDC_CODE', 'DRUG_NAME', 'SIG_TEXT', 'DOSE_QTY', 'DOSE_UNIT', 'ROUTE_CODE', 'FREQ_CODE', 'PRN_YN', 'START_DATE', 'END_DATE', 'DISPENSE_UNIT'] as const;
/** `medication` references of a MEDICATION row: its Medication when it names an NDC product. */
const medicationReference = (m: { MED_ID: unknown; NDC_CODE: unknown }) =>
  typeof m.NDC_CODE === 'string' && m.NDC_CODE.trim() !== '' ? [`Medication/${medicationId(m.MED_ID as number)}`] : [];
const medicationCode: ParamTarget = {
  kind: 'token',
  columns: [{ system: SYSTEM.rxnorm, column: 'm.RXNORM_CODE' }, { system: 'http://hl7.org/fhir/sid/ndc', column: 'm.NDC_CODE' }],
  textColumns: ['m.DRUG_NAME'],
};

/** MedicationRequest: prescriptions (intent order) and patient-reported medications (intent plan). */
export const medicationRequestResource: ResourceDefinition = {
  type: 'MedicationRequest',
  profiles: [unversioned(MEDICATION_REQUEST_PROFILE)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('MedicationRequest', 'patient', 'reference', { targetTypes: ['Patient'] }),
    coreParam('MedicationRequest', 'subject', 'reference', { targetTypes: ['Patient'] }),
    usCoreParam('MedicationRequest', 'status', 'token'),
    usCoreParam('MedicationRequest', 'intent', 'token'),
    usCoreParam('MedicationRequest', 'encounter', 'reference', { targetTypes: ['Encounter'] }),
    usCoreParam('MedicationRequest', 'authoredon', 'date', { sortable: true }),
    coreParam('MedicationRequest', 'code', 'token'),
  ],
  combinations: [
    { params: ['patient', 'intent'], expectation: 'SHALL' }, { params: ['patient', 'intent', 'status'], expectation: 'SHALL' },
    { params: ['patient', 'intent', 'encounter'], expectation: 'SHOULD' }, { params: ['patient', 'intent', 'authoredon'], expectation: 'SHOULD' },
  ],
  includes: [{ sourceType: 'MedicationRequest', param: 'medication', targetType: 'Medication' }],
  revincludes: [{ sourceType: 'Provenance', param: 'target', targetType: 'MedicationRequest' }],
  sources: [
    {
      key: 'medication',
      table: 'MEDICATION',
      alias: 'm',
      pk: 'MED_ID',
      deletedColumn: 'm.DELETED_YN',
      patientColumn: 'm.PAT_ID',
      lastUpdatedColumn: 'm.UPDATED_AT',
      // authoredOn is ORDERED_AT, or CREATED_AT for reported medications: CREATED_AT (NOT NULL) sorts.
      sort: { authoredon: 'm.CREATED_AT' },
      targets: {
        patient: patientRef('m'),
        subject: patientRef('m'),
        status: { kind: 'token', columns: [{ system: MEDICATION_REQUEST_STATUS_SYSTEM, column: 'm.STATUS', toDb: reverseCodes(MEDICATION_STATUS) }] },
        intent: { kind: 'token', columns: [{ system: MEDICATION_REQUEST_INTENT_SYSTEM, column: 'm.RX_TYPE', toDb: reverseCodes(RX_TYPE, (t) => t.intent) }] },
        encounter: { kind: 'reference', column: 'm.VISIT_ID', targetTypes: ['Encounter'], toKey: referenceKey },
        authoredon: { kind: 'date', column: 'm.CREATED_AT', columnType: 'datetime' },
        code: medicationCode,
      },
      parseId: pkOf(parseMedicationRequestId),
      map: (row, ctx) => one(toMedicationRequest(row as unknown as LegacyMedication, ctx)),
      references: (row) => ({ patient: [`Patient/${row.PAT_ID}`], medication: medicationReference(row as { MED_ID: unknown; NDC_CODE: unknown }) }),
      audit: (row) => ({ ...auditColumns(row), patientId: row.PAT_ID as number }),
    },
  ],
};

/** Medication: the NDC products of MEDICATION rows (reached by read, `_id` or `_include`). */
export const medicationResource: ResourceDefinition = {
  type: 'Medication',
  profiles: [unversioned(MEDICATION_PROFILE)],
  interactions: ['read', 'vread', 'search-type'],
  // Not in FHIR's patient compartment, but made from one patient's prescription: confined like it.
  inPatientCompartment: true,
  params: [ID_PARAM, LAST_UPDATED_PARAM, coreParam('Medication', 'code', 'token')],
  sources: [
    {
      key: 'medication-product',
      table: 'MEDICATION',
      alias: 'm',
      pk: 'MED_ID',
      baseWhere: "m.NDC_CODE IS NOT NULL AND m.NDC_CODE <> ''",
      deletedColumn: 'm.DELETED_YN',
      patientColumn: 'm.PAT_ID',
      lastUpdatedColumn: 'm.UPDATED_AT',
      targets: { code: medicationCode },
      parseId: pkOf(parseMedicationId),
      map: (row, ctx) => one(toMedication(row as unknown as LegacyMedication, ctx)),
    },
  ],
};

/** MedicationDispense: pharmacy fills of prescriptions. */
export const medicationDispenseResource: ResourceDefinition = {
  type: 'MedicationDispense',
  profiles: [unversioned(MEDICATION_DISPENSE_PROFILE)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('MedicationDispense', 'patient', 'reference', { targetTypes: ['Patient'] }),
    coreParam('MedicationDispense', 'subject', 'reference', { targetTypes: ['Patient'] }),
    usCoreParam('MedicationDispense', 'status', 'token'),
    usCoreParam('MedicationDispense', 'type', 'token'),
    coreParam('MedicationDispense', 'prescription', 'reference', { targetTypes: ['MedicationRequest'] }),
  ],
  combinations: [
    { params: ['patient'], expectation: 'SHALL' }, { params: ['patient', 'status'], expectation: 'SHOULD' },
    { params: ['patient', 'status', 'type'], expectation: 'SHOULD' },
  ],
  includes: [{ sourceType: 'MedicationDispense', param: 'medication', targetType: 'Medication' }],
  revincludes: [{ sourceType: 'Provenance', param: 'target', targetType: 'MedicationDispense' }],
  sources: [
    {
      key: 'fill',
      table: 'RX_FILL',
      alias: 'f',
      pk: 'FILL_ID',
      joins: [{ table: 'MEDICATION', alias: 'm', on: 'm.MED_ID = f.MED_ID', columns: DRUG }],
      patientColumn: 'f.PAT_ID',
      lastUpdatedColumn: 'f.UPDATED_AT',
      targets: {
        patient: patientRef('f'),
        subject: patientRef('f'),
        status: { kind: 'token', columns: [{ system: MEDICATION_DISPENSE_STATUS_SYSTEM, column: 'f.FILL_STATUS', toDb: reverseCodes(FILL_STATUS, (s) => s.status) }] },
        // The EHR records no dispense type (first fill, refill ...): a type search matches nothing.
        type: { kind: 'token', columns: [] },
        prescription: { kind: 'reference', column: 'f.MED_ID', targetTypes: ['MedicationRequest'], toKey: (_t, id) => parseMedicationRequestId(id) },
      },
      parseId: pkOf(parseMedicationDispenseId),
      map: (row, ctx) => one(toMedicationDispense({ fill: row as unknown as LegacyRxFill, medication: { ...(row.m as SourceRow), PAT_ID: row.PAT_ID } as unknown as LegacyMedication }, ctx)),
      references: (row) => ({ patient: [`Patient/${row.PAT_ID}`], medication: medicationReference(row.m as { MED_ID: unknown; NDC_CODE: unknown }) }),
    },
  ],
};

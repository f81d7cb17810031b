/**
 * Patient-compartment types with one row per resource: Encounter (VISIT), Condition (PROBLEM), AllergyIntolerance
 * (ALLERGY) and DiagnosticReport (LAB_ORDER + LAB_RESULT children). Every search carries the patient, so each is
 * served by the table's PAT_ID index (IX_VISIT_PAT (PAT_ID, START_DT) also covers Encounter `date`).
 */
import { ID_PARAM, LAST_UPDATED_PARAM } from '../../../../libs/fhir/src/search/search-param-definition.js';
import type { LegacyAllergy, LegacyLabOrder, LegacyLabResult, LegacyProblem, LegacyVisit } from '../../../../libs/legacy-db/src/index.js';
import { toAllergyIntolerance } from '../../../../libs/mappers/src/allergy-intolerance/allergy-intolerance.mapper.js';
import { ALLERGY_STATUS, DISCHARGE_DISPOSITION, LAB_ORDER_STATUS, PROBLEM_STATUS, VISIT_STATUS, VISIT_TYPE } from '../../../../libs/mappers/src/common/code-maps.js';
import { PROFILE, SYSTEM } from '../../../../libs/mappers/src/common/systems.js';
import { toCondition } from '../../../../libs/mappers/src/condition/condition.mapper.js';
import { toDiagnosticReport } from '../../../../libs/mappers/src/diagnostic-report/diagnostic-report.mapper.js';
import { toEncounter, VISIT_ID_SYSTEM } from '../../../../libs/mappers/src/encounter/encounter.mapper.js';
import type { FhirResource, ResourceDefinition, ResourceSource, SourceRow } from '../engine/registry/resource-definition.js';
import { auditColumns, codingColumns, mappedColumn, plainIdParser, referenceKey, reverseCodes } from '../engine/registry/target-helpers.js';
import { REPORT_ORDER_CATEGORY, toOrderReportNote } from '../../../../libs/mappers/src/diagnostic-report/report-note.mapper.js';
import { reportNoteSource } from './report-note.source.js';
import { coreParam, usCoreParam } from './registry-config.js';

const unversioned = (p: string) => p.split('|')[0];
const patientRef = (alias: string) => ({ kind: 'reference' as const, column: `${alias}.PAT_ID`, targetTypes: ['Patient'], toKey: referenceKey });
const provenance = (type: string) => [{ sourceType: 'Provenance', param: 'target', targetType: type }];
const one = (resource: unknown) => [{ sub: 0, resource: resource as FhirResource }];
const patientAudit = (row: SourceRow) => ({ ...auditColumns(row), patientId: row.PAT_ID as number });

const encounterSource: ResourceSource = {
  key: 'visit',
  table: 'VISIT',
  alias: 'v',
  pk: 'VISIT_ID',
  joins: [{ table: 'PATIENT', alias: 'pt', on: 'pt.PAT_ID = v.PAT_ID', columns: ['PRACTICE_ID'] }],
  deletedColumn: 'v.DELETED_YN',
  patientColumn: 'v.PAT_ID',
  lastUpdatedColumn: 'v.UPDATED_AT',
  sort: { date: 'v.START_DT' },
  targets: {
    identifier: { kind: 'token', columns: [{ system: VISIT_ID_SYSTEM, column: 'v.VISIT_ID', toDb: (c) => (/^[1-9][0-9]{0,9}$/.test(c) ? [c] : undefined) }] },
    patient: patientRef('v'),
    subject: patientRef('v'),
    date: { kind: 'date', column: 'v.START_DT', endColumn: 'v.END_DT', columnType: 'datetime' },
    type: { kind: 'token', columns: [{ system: SYSTEM.cpt, column: 'v.CPT_CODE' }, { system: `${SYSTEM.localPrefix}visit-type`, column: 'v.VISIT_TYPE' }] },
    class: { kind: 'token', columns: [mappedColumn(SYSTEM.v3ActCode, 'v.VISIT_TYPE', VISIT_TYPE, (v) => v.class.code)] },
    status: { kind: 'token', columns: [mappedColumn('http://hl7.org/fhir/encounter-status', 'v.VISIT_STATUS', VISIT_STATUS)] },
    location: { kind: 'reference', column: 'v.FACILITY_ID', targetTypes: ['Location'], toKey: referenceKey },
    'discharge-disposition': { kind: 'token', columns: codingColumns('v.DISCH_DISPOSITION', DISCHARGE_DISPOSITION) },
  },
  parseId: plainIdParser('Encounter', 'VISIT'),
  map: (row, ctx) => one(toEncounter(row as unknown as LegacyVisit, ctx, (row.pt as { PRACTICE_ID: number }).PRACTICE_ID)),
  references: (row) => ({ patient: [`Patient/${row.PAT_ID}`], ...(row.FACILITY_ID ? { location: [`Location/${row.FACILITY_ID}`] } : {}) }),
  audit: (row) => ({ ...patientAudit(row), practiceId: (row.pt as { PRACTICE_ID: number }).PRACTICE_ID }),
};

/** Encounter (US Core 6.1.0). */
export const encounterResource: ResourceDefinition = {
  type: 'Encounter',
  profiles: [unversioned(PROFILE.encounter)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('Encounter', 'identifier', 'token'),
    usCoreParam('Encounter', 'patient', 'reference', { targetTypes: ['Patient'] }),
    coreParam('Encounter', 'subject', 'reference', { targetTypes: ['Patient'] }),
    usCoreParam('Encounter', 'date', 'date', { sortable: true }),
    usCoreParam('Encounter', 'type', 'token'),
    usCoreParam('Encounter', 'class', 'token'),
    usCoreParam('Encounter', 'status', 'token'),
    usCoreParam('Encounter', 'location', 'reference', { targetTypes: ['Location'] }),
    usCoreParam('Encounter', 'discharge-disposition', 'token'),
  ],
  combinations: [
    { params: ['_id'], expectation: 'SHALL' }, { params: ['patient'], expectation: 'SHALL' }, { params: ['date', 'patient'], expectation: 'SHALL' },
    { params: ['identifier'], expectation: 'SHOULD' }, { params: ['patient', 'type'], expectation: 'SHOULD' }, { params: ['class', 'patient'], expectation: 'SHOULD' },
    { params: ['patient', 'status'], expectation: 'SHOULD' }, { params: ['patient', 'location'], expectation: 'SHOULD' },
    { params: ['patient', 'discharge-disposition'], expectation: 'SHOULD' },
  ],
  revincludes: provenance('Encounter'),
  sources: [encounterSource],
};

const icd10ToDb = (code: string) => [code.replace('.', '').toUpperCase()];

/** Condition: problems and health concerns (PROB_TYPE P/H) and encounter diagnoses (D). */
export const conditionResource: ResourceDefinition = {
  type: 'Condition',
  profiles: [unversioned(PROFILE.conditionProblems), unversioned(PROFILE.conditionEncounterDiagnosis)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('Condition', 'patient', 'reference', { targetTypes: ['Patient'] }),
    coreParam('Condition', 'subject', 'reference', { targetTypes: ['Patient'] }),
    usCoreParam('Condition', 'category', 'token'),
    usCoreParam('Condition', 'clinical-status', 'token'),
    usCoreParam('Condition', 'code', 'token'),
    usCoreParam('Condition', 'onset-date', 'date'),
    usCoreParam('Condition', 'abatement-date', 'date'),
    usCoreParam('Condition', 'recorded-date', 'date', { sortable: true }),
    usCoreParam('Condition', 'encounter', 'reference', { targetTypes: ['Encounter'] }),
  ],
  combinations: [
    { params: ['patient'], expectation: 'SHALL' }, { params: ['patient', 'category'], expectation: 'SHALL' },
    { params: ['patient', 'category', 'clinical-status'], expectation: 'SHOULD' }, { params: ['patient', 'clinical-status'], expectation: 'SHOULD' },
    { params: ['patient', 'code'], expectation: 'SHOULD' }, { params: ['patient', 'onset-date'], expectation: 'SHOULD' },
    { params: ['patient', 'abatement-date'], expectation: 'SHOULD' }, { params: ['patient', 'recorded-date'], expectation: 'SHOULD' },
    { params: ['patient', 'category', 'encounter'], expectation: 'SHOULD' },
  ],
  revincludes: provenance('Condition'),
  sources: [
    {
      key: 'problem',
      table: 'PROBLEM',
      alias: 'c',
      pk: 'PROB_ID',
      deletedColumn: 'c.DELETED_YN',
      patientColumn: 'c.PAT_ID',
      lastUpdatedColumn: 'c.UPDATED_AT',
      // Keyset sorting needs a NOT NULL column: ONSET_DATE may be NULL, so only recorded-date sorts.
      sort: { 'recorded-date': 'c.CREATED_AT' },
      targets: {
        patient: patientRef('c'),
        subject: patientRef('c'),
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
        encounter: { kind: 'reference', column: 'c.VISIT_ID', targetTypes: ['Encounter'], toKey: referenceKey },
      },
      parseId: plainIdParser('Condition', 'PROBLEM'),
      map: (row, ctx) => one(toCondition(row as unknown as LegacyProblem, ctx)),
      references: (row) => ({ patient: [`Patient/${row.PAT_ID}`] }),
      audit: patientAudit,
    },
  ],
};

/** AllergyIntolerance, including "no known allergies" rows. */
export const allergyIntoleranceResource: ResourceDefinition = {
  type: 'AllergyIntolerance',
  profiles: [unversioned(PROFILE.allergyIntolerance)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('AllergyIntolerance', 'patient', 'reference', { targetTypes: ['Patient'] }),
    usCoreParam('AllergyIntolerance', 'clinical-status', 'token'),
  ],
  combinations: [{ params: ['patient'], expectation: 'SHALL' }, { params: ['patient', 'clinical-status'], expectation: 'SHOULD' }],
  revincludes: provenance('AllergyIntolerance'),
  sources: [
    {
      key: 'allergy',
      table: 'ALLERGY',
      alias: 'a',
      pk: 'ALLERGY_ID',
      deletedColumn: 'a.DELETED_YN',
      patientColumn: 'a.PAT_ID',
      lastUpdatedColumn: 'a.UPDATED_AT',
      targets: {
        patient: patientRef('a'),
        'clinical-status': { kind: 'token', columns: [mappedColumn(SYSTEM.allergyClinical, 'a.STATUS', ALLERGY_STATUS)] },
      },
      parseId: plainIdParser('AllergyIntolerance', 'ALLERGY'),
      map: (row, ctx) => one(toAllergyIntolerance(row as unknown as LegacyAllergy, ctx)),
      references: (row) => ({ patient: [`Patient/${row.PAT_ID}`] }),
      audit: patientAudit,
    },
  ],
};

/** DiagnosticReport: laboratory reports (LAB orders) and reports and notes (RAD/CARD/PATH orders, narrative notes). */
export const diagnosticReportResource: ResourceDefinition = {
  type: 'DiagnosticReport',
  profiles: [unversioned(PROFILE.diagnosticReportLab), unversioned(PROFILE.diagnosticReportNote)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('DiagnosticReport', 'patient', 'reference', { targetTypes: ['Patient'] }),
    coreParam('DiagnosticReport', 'subject', 'reference', { targetTypes: ['Patient'] }),
    usCoreParam('DiagnosticReport', 'category', 'token'),
    usCoreParam('DiagnosticReport', 'code', 'token'),
    usCoreParam('DiagnosticReport', 'date', 'date', { sortable: true }),
    usCoreParam('DiagnosticReport', 'status', 'token'),
  ],
  combinations: [
    { params: ['patient'], expectation: 'SHALL' }, { params: ['patient', 'category'], expectation: 'SHALL' }, { params: ['patient', 'code'], expectation: 'SHALL' },
    { params: ['patient', 'category', 'date'], expectation: 'SHALL' }, { params: ['patient', 'code', 'date'], expectation: 'SHOULD' },
    { params: ['patient', 'status'], expectation: 'SHOULD' },
  ],
  revincludes: provenance('DiagnosticReport'),
  sources: [
    {
      key: 'order',
      table: 'LAB_ORDER',
      alias: 'o',
      pk: 'ORDER_ID',
      // Every order: LAB orders are laboratory reports, RAD / CARD / PATH orders reports and notes.
      children: [{ as: 'results', table: 'LAB_RESULT', fk: 'ORDER_ID' }],
      deletedColumn: 'o.DELETED_YN',
      patientColumn: 'o.PAT_ID',
      lastUpdatedColumn: 'o.UPDATED_AT',
      sort: { date: 'o.ORDERED_AT' },
      targets: {
        patient: patientRef('o'),
        subject: patientRef('o'),
        category: {
          kind: 'token',
          columns: [
            { system: SYSTEM.diagnosticServiceSection, column: 'o.ORDER_CATEGORY', toDb: (c) => (c === 'LAB' ? ['LAB'] : undefined) },
            { system: SYSTEM.loinc, column: 'o.ORDER_CATEGORY', toDb: reverseCodes(REPORT_ORDER_CATEGORY, (c) => c.code) },
          ],
        },
        code: { kind: 'token', columns: [{ system: SYSTEM.loinc, column: 'o.PANEL_LOINC' }, { system: SYSTEM.cpt, column: 'o.PANEL_CPT' }], textColumns: ['o.PANEL_NAME'] },
        date: { kind: 'date', column: 'o.COLLECTED_AT', columnType: 'datetime' },
        status: { kind: 'token', columns: [mappedColumn('http://hl7.org/fhir/diagnostic-report-status', 'o.STATUS', LAB_ORDER_STATUS)] },
      },
      parseId: plainIdParser('DiagnosticReport', 'LAB_ORDER'),
      map: (row, ctx) => {
        const input = { order: row as unknown as LegacyLabOrder, results: row.results as LegacyLabResult[] };
        const laboratory = (input.order.ORDER_CATEGORY?.trim().toUpperCase() || 'LAB') === 'LAB';
        return one(laboratory ? toDiagnosticReport(input, ctx) : toOrderReportNote(input, ctx));
      },
      references: (row) => ({ patient: [`Patient/${row.PAT_ID}`] }),
      audit: patientAudit,
    },
    reportNoteSource,
  ],
};

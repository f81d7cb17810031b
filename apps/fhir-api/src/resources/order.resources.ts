/**
 * ServiceRequest (LAB_ORDER `order-<id>` of every category, REFERRAL `referral-<id>`) and Specimen (the specimen
 * of a LAB_ORDER that has a type or an accession number, `<ORDER_ID>`). LAB_ORDER pages never select the
 * narrative REPORT_TEXT (NVARCHAR(MAX)): neither resource carries it.
 */
import { ID_PARAM, LAST_UPDATED_PARAM } from '../../../../libs/fhir/src/search/search-param-definition.js';
import type { LegacyLabOrder, LegacyReferral } from '../../../../libs/legacy-db/src/index.js';
import type { Coding } from '../../../../libs/mappers/src/common/fhir-types.js';
import { PROFILE, SYSTEM } from '../../../../libs/mappers/src/common/systems.js';
import {
  ORDER_CATEGORY,
  ORDER_CATEGORY_SYSTEM,
  ORDER_REQUEST_STATUS,
  parseServiceRequestId,
  parseSpecimenId,
  REFERRAL_CATEGORY,
  REFERRAL_CATEGORY_SYSTEM,
  REFERRAL_STATUS,
} from '../../../../libs/mappers/src/service-request/order-codes.js';
import { toOrderServiceRequest, toReferralServiceRequest } from '../../../../libs/mappers/src/service-request/service-request.mapper.js';
import { toSpecimen } from '../../../../libs/mappers/src/specimen/specimen.mapper.js';
import type { FhirResource, ParamTarget, ResourceDefinition, ResourceSource, SourceRow, TokenColumn } from '../engine/registry/resource-definition.js';
import { auditColumns, mappedColumn, referenceKey } from '../engine/registry/target-helpers.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';
import { coreParam, usCoreParam } from './registry-config.js';

const unversioned = (p: string) => p.split('|')[0];
const one = (resource: unknown) => [{ sub: 0, resource: resource as FhirResource }];
const patientRef = (alias: string): ParamTarget => ({ kind: 'reference', column: `${alias}.PAT_ID`, targetTypes: ['Patient'], toKey: referenceKey });
const patientAudit = (row: SourceRow) => ({ ...auditColumns(row), patientId: row.PAT_ID as number });
const REQUEST_STATUS_SYSTEM = 'http://hl7.org/fhir/request-status';
const ORDER_COLUMNS = tableColumns('LAB_ORDER').filter((c) => c !== 'REPORT_TEXT');

/**
 * Category token columns of a local category column: one column per code system of the US Core codings (each
 * code back to the local categories that carry it), and the local codes under their own system.
 */
function categoryColumns(column: string, table: Readonly<Record<string, { codings: Coding[] }>>, localSystem: string): TokenColumn[] {
  const bySystem = new Map<string, Map<string, string[]>>();
  for (const [local, { codings }] of Object.entries(table)) {
    for (const c of codings) {
      const codes = bySystem.get(c.system!) ?? new Map<string, string[]>();
      codes.set(c.code!, [...(codes.get(c.code!) ?? []), local]);
      bySystem.set(c.system!, codes);
    }
  }
  return [
    ...[...bySystem].map(([system, codes]): TokenColumn => ({ system, column, toDb: (code) => codes.get(code) })),
    { system: localSystem, column },
  ];
}

const references = (row: SourceRow) => ({ patient: [`Patient/${row.PAT_ID}`], subject: [`Patient/${row.PAT_ID}`] });

/** LAB_ORDER as ServiceRequest (every order category). */
export const orderRequestSource: ResourceSource = {
  key: 'order',
  table: 'LAB_ORDER',
  alias: 'o',
  pk: 'ORDER_ID',
  columns: ORDER_COLUMNS,
  deletedColumn: 'o.DELETED_YN',
  patientColumn: 'o.PAT_ID',
  lastUpdatedColumn: 'o.UPDATED_AT',
  sort: { authored: 'o.ORDERED_AT' },
  targets: {
    patient: patientRef('o'),
    subject: patientRef('o'),
    category: { kind: 'token', columns: categoryColumns('o.ORDER_CATEGORY', ORDER_CATEGORY, ORDER_CATEGORY_SYSTEM) },
    code: { kind: 'token', columns: [{ system: SYSTEM.loinc, column: 'o.PANEL_LOINC' }, { system: SYSTEM.cpt, column: 'o.PANEL_CPT' }], textColumns: ['o.PANEL_NAME'] },
    authored: { kind: 'date', column: 'o.ORDERED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn(REQUEST_STATUS_SYSTEM, 'o.STATUS', ORDER_REQUEST_STATUS)] },
  },
  parseId(id) {
    const parsed = parseServiceRequestId(id);
    return parsed?.table === 'LAB_ORDER' ? { pk: parsed.key } : undefined;
  },
  map: (row, ctx) => one(toOrderServiceRequest(row as unknown as LegacyLabOrder, ctx)),
  references,
  audit: patientAudit,
};

/** REFERRAL as ServiceRequest. */
export const referralRequestSource: ResourceSource = {
  key: 'referral',
  table: 'REFERRAL',
  alias: 'f',
  pk: 'REF_ID',
  deletedColumn: 'f.DELETED_YN',
  patientColumn: 'f.PAT_ID',
  lastUpdatedColumn: 'f.UPDATED_AT',
  sort: { authored: 'f.ORDERED_AT' },
  targets: {
    patient: patientRef('f'),
    subject: patientRef('f'),
    category: { kind: 'token', columns: categoryColumns('f.REF_CATEGORY', REFERRAL_CATEGORY, REFERRAL_CATEGORY_SYSTEM) },
    code: { kind: 'token', columns: [{ system: SYSTEM.snomed, column: 'f.SNOMED_CODE' }, { system: SYSTEM.cpt, column: 'f.CPT_CODE' }], textColumns: ['f.DESCRIPTION'] },
    authored: { kind: 'date', column: 'f.ORDERED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn(REQUEST_STATUS_SYSTEM, 'f.STATUS', REFERRAL_STATUS)] },
  },
  parseId(id) {
    const parsed = parseServiceRequestId(id);
    return parsed?.table === 'REFERRAL' ? { pk: parsed.key } : undefined;
  },
  map: (row, ctx) => one(toReferralServiceRequest(row as unknown as LegacyReferral, ctx)),
  references,
  audit: patientAudit,
};

/** ServiceRequest (US Core 6.1.0): lab, imaging, cardiology and pathology orders, and referrals. */
export const serviceRequestResource: ResourceDefinition = {
  type: 'ServiceRequest',
  profiles: [unversioned(PROFILE.serviceRequest)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('ServiceRequest', 'patient', 'reference', { targetTypes: ['Patient'] }),
    coreParam('ServiceRequest', 'subject', 'reference', { targetTypes: ['Patient'] }),
    usCoreParam('ServiceRequest', 'category', 'token'),
    usCoreParam('ServiceRequest', 'code', 'token'),
    usCoreParam('ServiceRequest', 'authored', 'date', { sortable: true }),
    usCoreParam('ServiceRequest', 'status', 'token'),
  ],
  combinations: [
    { params: ['_id'], expectation: 'SHALL' }, { params: ['patient'], expectation: 'SHALL' }, { params: ['patient', 'category'], expectation: 'SHALL' },
    { params: ['patient', 'code'], expectation: 'SHALL' }, { params: ['patient', 'category', 'authored'], expectation: 'SHALL' },
    { params: ['patient', 'status'], expectation: 'SHOULD' }, { params: ['patient', 'code', 'authored'], expectation: 'SHOULD' },
  ],
  includes: [{ sourceType: 'ServiceRequest', param: 'patient', targetType: 'Patient' }],
  revincludes: [{ sourceType: 'Provenance', param: 'target', targetType: 'ServiceRequest' }],
  sources: [orderRequestSource, referralRequestSource],
};

/** Specimen (US Core 6.1.0): the specimen of an order (orders with a type or an accession number). */
export const specimenResource: ResourceDefinition = {
  type: 'Specimen',
  profiles: [unversioned(PROFILE.specimen)],
  interactions: ['read', 'vread', 'search-type'],
  inPatientCompartment: true,
  params: [
    ID_PARAM, LAST_UPDATED_PARAM,
    usCoreParam('Specimen', 'patient', 'reference', { targetTypes: ['Patient'] }),
    coreParam('Specimen', 'subject', 'reference', { targetTypes: ['Patient'] }),
  ],
  combinations: [{ params: ['_id'], expectation: 'SHALL' }, { params: ['patient'], expectation: 'SHOULD' }],
  revincludes: [{ sourceType: 'Provenance', param: 'target', targetType: 'Specimen' }],
  sources: [
    {
      key: 'specimen',
      table: 'LAB_ORDER',
      alias: 's',
      pk: 'ORDER_ID',
      columns: ORDER_COLUMNS,
      // Blank counts as absent, as in the mapper (orderHasSpecimen): NULL <> '' is not true either.
      baseWhere: "(s.SPECIMEN_TYPE <> '' OR s.SPECIMEN_ID <> '')",
      deletedColumn: 's.DELETED_YN',
      patientColumn: 's.PAT_ID',
      lastUpdatedColumn: 's.UPDATED_AT',
      targets: { patient: patientRef('s'), subject: patientRef('s') },
      parseId: (id) => {
        const pk = parseSpecimenId(id);
        return pk === undefined ? undefined : { pk };
      },
      map: (row, ctx) => one(toSpecimen(row as unknown as LegacyLabOrder, ctx)),
      references,
      audit: patientAudit,
    },
  ],
};

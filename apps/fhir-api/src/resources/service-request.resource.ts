/**
 * ServiceRequest (US Core 6.1.0): LAB_ORDER rows of every category (`order-<id>`) and REFERRAL rows
 * (`referral-<id>`). LAB_ORDER pages never select the narrative REPORT_TEXT (not part of a ServiceRequest).
 */
import { LabOrderTable, ReferralTable, type LegacyLabOrder } from '#facade/legacy-db';
import { type Coding, PROFILE, SYSTEM, ORDER_CATEGORY, ORDER_CATEGORY_SYSTEM, ORDER_REQUEST_STATUS, REFERRAL_CATEGORY, REFERRAL_CATEGORY_SYSTEM, REFERRAL_STATUS, toOrderServiceRequest, toReferralServiceRequest } from '#facade/mappers';
import { ORDER_REQUEST_IDS, REFERRAL_IDS } from '#facade/mappers/src/service-request/service-request.ids.js';
import type { FhirResource, TokenColumn } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { mappedColumn } from '../engine/registry/target-helpers.js';
import { tableColumns } from '../engine/sql/row-normalizer.js';

const REQUEST_STATUS_SYSTEM = 'http://hl7.org/fhir/request-status';
const ORDER_COLUMNS = tableColumns('LAB_ORDER').filter((c) => c !== 'REPORT_TEXT') as (keyof LegacyLabOrder & string)[];

/**
 * Category token columns over a local category column: per code system of the US Core codings, each code back to
 * the local categories carrying it; and the local codes under their own system.
 */
function categoryColumns<C extends string>(column: C, table: Readonly<Record<string, { codings: Coding[] }>>, localSystem: string): (Omit<TokenColumn, 'column'> & { column: C })[] {
  const bySystem = new Map<string, Map<string, string[]>>();
  for (const [local, { codings }] of Object.entries(table)) {
    for (const c of codings) {
      if (!c.system || !c.code) continue;
      const codes = bySystem.get(c.system) ?? new Map<string, string[]>();
      codes.set(c.code, [...(codes.get(c.code) ?? []), local]);
      bySystem.set(c.system, codes);
    }
  }
  return [...[...bySystem].map(([system, codes]) => ({ system, column, toDb: (code: string) => codes.get(code) })), { system: localSystem, column }];
}

const orders = sourceOf(LabOrderTable)({
  // Source keys are unique across types: compiled statements are cached per key (DiagnosticReport has 'order').
  key: 'order-request',
  alias: 'o',
  profiles: [PROFILE.serviceRequest],
  ids: ORDER_REQUEST_IDS,
  columns: ORDER_COLUMNS,
  deletedColumn: 'o.DELETED_YN',
  patientColumn: 'o.PAT_ID',
  sort: { authored: 'o.ORDERED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'o.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'o.PAT_ID', to: 'Patient' },
    category: { kind: 'token', columns: categoryColumns('o.ORDER_CATEGORY', ORDER_CATEGORY, ORDER_CATEGORY_SYSTEM) },
    code: { kind: 'token', columns: [{ system: SYSTEM.loinc, column: 'o.PANEL_LOINC' }, { system: SYSTEM.cpt, column: 'o.PANEL_CPT' }], textColumns: ['o.PANEL_NAME'] },
    authored: { kind: 'date', column: 'o.ORDERED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn(REQUEST_STATUS_SYSTEM, 'o.STATUS', ORDER_REQUEST_STATUS)] },
  },
  map: (row, ctx) => toOrderServiceRequest(row, ctx) as unknown as FhirResource,
});

const referrals = sourceOf(ReferralTable)({
  key: 'referral',
  alias: 'f',
  profiles: [PROFILE.serviceRequest],
  ids: REFERRAL_IDS,
  deletedColumn: 'f.DELETED_YN',
  patientColumn: 'f.PAT_ID',
  sort: { authored: 'f.ORDERED_AT' },
  targets: {
    patient: { kind: 'reference', column: 'f.PAT_ID', to: 'Patient' },
    subject: { kind: 'reference', column: 'f.PAT_ID', to: 'Patient' },
    category: { kind: 'token', columns: categoryColumns('f.REF_CATEGORY', REFERRAL_CATEGORY, REFERRAL_CATEGORY_SYSTEM) },
    code: { kind: 'token', columns: [{ system: SYSTEM.snomed, column: 'f.SNOMED_CODE' }, { system: SYSTEM.cpt, column: 'f.CPT_CODE' }], textColumns: ['f.DESCRIPTION'] },
    authored: { kind: 'date', column: 'f.ORDERED_AT', columnType: 'datetime' },
    status: { kind: 'token', columns: [mappedColumn(REQUEST_STATUS_SYSTEM, 'f.STATUS', REFERRAL_STATUS)] },
  },
  map: (row, ctx) => toReferralServiceRequest(row, ctx) as unknown as FhirResource,
});

/** ServiceRequest: lab, imaging, cardiology and pathology orders, and referrals. */
export const serviceRequestResource: ResourceEntry = { type: 'ServiceRequest', inPatientCompartment: true, sources: [orders, referrals] };

/**
 * Test tooling, part of `mapAllRows`: documents, reports and orders — CLINICAL_NOTE and DOCUMENT as
 * DocumentReference (imaging / lab / pathology narratives also as DiagnosticReport), RAD / CARD / PATH orders as
 * report-and-note DiagnosticReports with their clinical-result Observations, LAB_ORDER and REFERRAL as
 * ServiceRequest, the orders' specimens. Binary is not US Core (see the Binary mapper spec and the e2e tests).
 */
import type { DataSource, ObjectLiteral } from 'typeorm';
import type { LegacyClinicalNote, LegacyDocument, LegacyLabOrder, LegacyLabResult, LegacyReferral } from '../../../legacy-db/src/index.js';
import type { FhirResource } from '../common/fhir-types.js';
import { REPORT_NOTE_TYPES, toNoteReport, toOrderReportNote } from '../diagnostic-report/report-note.mapper.js';
import { documentId } from '../document-reference/document-codes.js';
import { toFileDocumentReference, toNoteDocumentReference } from '../document-reference/document-reference.mapper.js';
import { fhirId, type MappedResourceType } from '../ids.js';
import type { MapperContext } from '../mapper-context.js';
import { toClinicalResultObservation } from '../observation/clinical-result.mapper.js';
import type { AuditColumns } from '../provenance/provenance.mapper.js';
import { serviceRequestId } from '../service-request/order-codes.js';
import { toOrderServiceRequest, toReferralServiceRequest } from '../service-request/service-request.mapper.js';
import { orderHasSpecimen, toSpecimen } from '../specimen/specimen.mapper.js';

async function live<T extends ObjectLiteral>(ds: DataSource, table: string): Promise<T[]> {
  const rows = await ds.getRepository<T>(table).find();
  return rows.filter((r) => (r as { DELETED_YN?: string }).DELETED_YN !== 'Y');
}

/** What `mapAllRows` has already read, and its Provenance helper. */
export interface SharedRows {
  orders: LegacyLabOrder[];
  resultsByOrder: Map<number, LegacyLabResult[]>;
  provenance: (type: Exclude<MappedResourceType, 'Provenance'>, id: string, row: AuditColumns & { PAT_ID: number }) => void;
}

/** Every document, report-and-note, order and specimen resource of the database (deleted rows excluded). */
export async function mapDocumentsAndOrders(ds: DataSource, ctx: MapperContext, shared: SharedRows): Promise<FhirResource[]> {
  const out: FhirResource[] = [];
  const { provenance } = shared;
  for (const n of await live<LegacyClinicalNote>(ds, 'CLINICAL_NOTE')) {
    out.push(toNoteDocumentReference(n, ctx));
    provenance('DocumentReference', documentId.note(n.NOTE_ID), n);
    if (REPORT_NOTE_TYPES.includes(n.NOTE_TYPE)) {
      out.push(toNoteReport(n, ctx));
      provenance('DiagnosticReport', documentId.note(n.NOTE_ID), n);
    }
  }
  for (const d of await live<LegacyDocument>(ds, 'DOCUMENT')) {
    out.push(toFileDocumentReference(d, ctx));
    provenance('DocumentReference', documentId.document(d.DOC_ID), d);
  }
  for (const o of shared.orders) {
    out.push(toOrderServiceRequest(o, ctx));
    provenance('ServiceRequest', serviceRequestId.order(o.ORDER_ID), o);
    if (orderHasSpecimen(o)) out.push(toSpecimen(o, ctx));
    if (o.ORDER_CATEGORY === 'LAB') continue;
    const results = shared.resultsByOrder.get(o.ORDER_ID) ?? [];
    out.push(toOrderReportNote({ order: o, results }, ctx));
    provenance('DiagnosticReport', fhirId.diagnosticReport(o.ORDER_ID), o);
    for (const r of results) out.push(toClinicalResultObservation(r, o, ctx));
  }
  for (const r of await live<LegacyReferral>(ds, 'REFERRAL')) {
    out.push(toReferralServiceRequest(r, ctx));
    provenance('ServiceRequest', serviceRequestId.referral(r.REF_ID), r);
  }
  return out;
}

/**
 * Test tooling: reads every row of the mapped legacy tables through TypeORM (as the engine would get them from
 * the driver), maps each with the mappers and returns the resources, for whole-database validation tests.
 */
import type { DataSource, ObjectLiteral } from 'typeorm';
import type {
  LegacyAllergy,
  LegacyFacility,
  LegacyLabOrder,
  LegacyLabResult,
  LegacyPatContact,
  LegacyPatient,
  LegacyPatientRace,
  LegacyPayer,
  LegacyPractice,
  LegacyProblem,
  LegacyProvider,
  LegacySocialHx,
  LegacyUsers,
  LegacyVisit,
  LegacyVitals,
} from '../../../legacy-db/src/index.js';
import type { FhirResource } from '../common/fhir-types.js';
import type { MapperContext } from '../mapper-context.js';
import { toAllergyIntolerance } from '../allergy-intolerance/allergy-intolerance.mapper.js';
import { toCondition } from '../condition/condition.mapper.js';
import { toDiagnosticReport } from '../diagnostic-report/diagnostic-report.mapper.js';
import { toEncounter } from '../encounter/encounter.mapper.js';
import { fhirId, type MappedResourceType } from '../ids.js';
import { toLocation } from '../location/location.mapper.js';
import { toLabObservation } from '../observation/lab-result.mapper.js';
import { toSocialHistoryObservations } from '../observation/social-history.mapper.js';
import { toVitalSignObservations } from '../observation/vital-signs.mapper.js';
import { toPayerOrganization, toPracticeOrganization } from '../organization/organization.mapper.js';
import { toPatient } from '../patient/patient.mapper.js';
import { toPractitioner } from '../practitioner/practitioner.mapper.js';
import { toPractitionerRole } from '../practitioner-role/practitioner-role.mapper.js';
import { toProvenance, type AuditColumns } from '../provenance/provenance.mapper.js';
import { mapDocumentsAndOrders } from './map-documents-orders.js';

async function all<T extends ObjectLiteral>(ds: DataSource, table: string): Promise<T[]> {
  const rows = await ds.getRepository<T>(table).find();
  return rows.filter((r) => (r as { DELETED_YN?: string }).DELETED_YN !== 'Y');
}

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
  return m;
}

/** Every mapped resource of the database (deleted rows excluded), with a Provenance per audited row. */
export async function mapAllRows(ds: DataSource, ctx: MapperContext): Promise<FhirResource[]> {
  const patients = await all<LegacyPatient>(ds, 'PATIENT');
  const practiceOf = new Map(patients.map((p) => [p.PAT_ID, p.PRACTICE_ID]));
  const races = groupBy(await all<LegacyPatientRace>(ds, 'PATIENT_RACE'), (r) => r.PAT_ID);
  const contacts = groupBy(await all<LegacyPatContact>(ds, 'PAT_CONTACT'), (r) => r.PAT_ID);
  const users = await all<LegacyUsers>(ds, 'USERS');
  const orders = await all<LegacyLabOrder>(ds, 'LAB_ORDER');
  const orderById = new Map(orders.map((o) => [o.ORDER_ID, o]));
  const results = await all<LegacyLabResult>(ds, 'LAB_RESULT');
  const resultsByOrder = groupBy(results, (r) => r.ORDER_ID);
  const out: FhirResource[] = [];

  const provenance = (type: Exclude<MappedResourceType, 'Provenance'>, id: string, row: AuditColumns & { PAT_ID: number }) =>
    out.push(toProvenance({ target: { resourceType: type, id }, audit: row, users, practiceId: practiceOf.get(row.PAT_ID) ?? 1 }, ctx));

  (await all<LegacyPractice>(ds, 'PRACTICE')).forEach((r) => out.push(toPracticeOrganization(r, ctx)));
  (await all<LegacyPayer>(ds, 'PAYER')).forEach((r) => out.push(toPayerOrganization(r, ctx)));
  (await all<LegacyFacility>(ds, 'FACILITY')).forEach((r) => out.push(toLocation(r, ctx)));
  (await all<LegacyProvider>(ds, 'PROVIDER')).forEach((r) => out.push(toPractitioner(r, ctx), toPractitionerRole(r, ctx)));
  for (const p of patients) {
    out.push(toPatient({ patient: p, races: races.get(p.PAT_ID) ?? [], contacts: contacts.get(p.PAT_ID) ?? [] }, ctx));
    provenance('Patient', fhirId.patient(p.PAT_ID), p);
  }
  for (const v of await all<LegacyVisit>(ds, 'VISIT')) {
    out.push(toEncounter(v, ctx, practiceOf.get(v.PAT_ID)));
    provenance('Encounter', fhirId.encounter(v.VISIT_ID), v);
  }
  for (const r of await all<LegacyProblem>(ds, 'PROBLEM')) {
    out.push(toCondition(r, ctx));
    provenance('Condition', fhirId.condition(r.PROB_ID), r);
  }
  for (const r of await all<LegacyAllergy>(ds, 'ALLERGY')) {
    out.push(toAllergyIntolerance(r, ctx));
    provenance('AllergyIntolerance', fhirId.allergyIntolerance(r.ALLERGY_ID), r);
  }
  for (const r of await all<LegacyVitals>(ds, 'VITALS')) out.push(...toVitalSignObservations(r, ctx));
  for (const r of await all<LegacySocialHx>(ds, 'SOCIAL_HX')) out.push(...toSocialHistoryObservations(r, ctx));
  for (const r of results) {
    const order = orderById.get(r.ORDER_ID);
    // Results of RAD / CARD / PATH orders are clinical results (map-documents-orders.ts).
    if (order && order.ORDER_CATEGORY === 'LAB') out.push(toLabObservation(r, order, ctx));
  }
  for (const o of orders) {
    if (o.ORDER_CATEGORY !== 'LAB') continue;
    out.push(toDiagnosticReport({ order: o, results: resultsByOrder.get(o.ORDER_ID) ?? [] }, ctx));
    provenance('DiagnosticReport', fhirId.diagnosticReport(o.ORDER_ID), o);
  }
  out.push(...(await mapDocumentsAndOrders(ds, ctx, { orders, resultsByOrder, provenance })));
  return out;
}

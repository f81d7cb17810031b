/**
 * Test tooling (part of `mapAllRows`): every row of MEDICATION, RX_FILL, IMMUNIZATION, PROCEDURES, PAT_INSURANCE,
 * PAT_CONTACT and PORTAL_PROXY read through TypeORM and mapped (deleted rows excluded, as the facade serves them).
 */
import type { DataSource, ObjectLiteral } from 'typeorm';
import type {
  LegacyImmunization,
  LegacyMedication,
  LegacyPatContact,
  LegacyPatient,
  LegacyPatInsurance,
  LegacyPayer,
  LegacyPortalAccount,
  LegacyPortalProxy,
  LegacyProcedures,
  LegacyRxFill,
} from '../../../legacy-db/src/index.js';
import type { FhirResource } from '../common/fhir-types.js';
import type { MapperContext } from '../mapper-context.js';
import { toCoverage } from '../coverage/coverage.mapper.js';
import { toImmunization } from '../immunization/immunization.mapper.js';
import { hasMedicationResource, toMedication } from '../medication/medication.mapper.js';
import { toMedicationDispense } from '../medication-dispense/medication-dispense.mapper.js';
import { toMedicationRequest } from '../medication-request/medication-request.mapper.js';
import { toProcedure } from '../procedure/procedure.mapper.js';
import { toContactRelatedPerson, toProxyRelatedPerson } from '../related-person/related-person.mapper.js';

async function all<T extends ObjectLiteral>(ds: DataSource, table: string): Promise<T[]> {
  const rows = await ds.getRepository<T>(table).find();
  return rows.filter((r) => (r as { DELETED_YN?: string }).DELETED_YN !== 'Y');
}

/** The medication, immunization, procedure, coverage and related-person resources of the database. */
export async function mapMedicationRows(ds: DataSource, ctx: MapperContext): Promise<FhirResource[]> {
  const out: FhirResource[] = [];
  const medications = await all<LegacyMedication>(ds, 'MEDICATION');
  // A fill stays visible when its prescription row was deleted: the dispense happened.
  const medicationById = new Map((await ds.getRepository<LegacyMedication>('MEDICATION').find()).map((m) => [m.MED_ID, m]));
  for (const m of medications) {
    out.push(toMedicationRequest(m, ctx));
    if (hasMedicationResource(m)) out.push(toMedication(m, ctx));
  }
  for (const fill of await all<LegacyRxFill>(ds, 'RX_FILL')) {
    const medication = medicationById.get(fill.MED_ID);
    if (medication) out.push(toMedicationDispense({ fill, medication }, ctx));
  }
  for (const r of await all<LegacyImmunization>(ds, 'IMMUNIZATION')) out.push(toImmunization(r, ctx));
  for (const r of await all<LegacyProcedures>(ds, 'PROCEDURES')) out.push(toProcedure(r, ctx));
  const payers = new Map((await all<LegacyPayer>(ds, 'PAYER')).map((p) => [p.PAYER_ID, p]));
  for (const r of await all<LegacyPatInsurance>(ds, 'PAT_INSURANCE')) out.push(toCoverage({ insurance: r, payer: payers.get(r.PAYER_ID) }, ctx));
  for (const r of await all<LegacyPatContact>(ds, 'PAT_CONTACT')) out.push(toContactRelatedPerson(r, ctx));
  const accounts = new Map((await all<LegacyPortalAccount>(ds, 'PORTAL_ACCOUNT')).map((a) => [a.PORTAL_ID, a]));
  const patients = new Map((await all<LegacyPatient>(ds, 'PATIENT')).map((p) => [p.PAT_ID, p]));
  for (const proxy of await all<LegacyPortalProxy>(ds, 'PORTAL_PROXY')) {
    const account = accounts.get(proxy.PORTAL_ID);
    const holder = account && patients.get(account.PAT_ID);
    if (account && holder) out.push(toProxyRelatedPerson({ proxy, account, holder }, ctx));
  }
  return out;
}

/**
 * RelatedPerson, two sources: the patient's contacts (PAT_CONTACT, `contact-<CONTACT_ID>`) and the people with
 * portal proxy access to the chart (PORTAL_PROXY, `proxy-<PORTAL_ID>-<PAT_ID>`: the table's primary key is those two
 * columns, a composite key the engine pages and reads by; engine/sql/row-key.ts).
 */
import { PatContactTable, PatientTable, PortalAccountTable, PortalProxyTable } from '#facade/legacy-db';
import { RELATED_PERSON_CONTACT_IDS, RELATED_PERSON_PROXY_IDS } from '#facade/mappers/src/related-person/related-person.ids.js';
import { codeMaps, PROXY_ACCOUNT_COLUMNS, PROXY_HOLDER_COLUMNS, proxyRelatedPersonVersion, RELATED_PERSON_PROFILE, SYSTEM, toContactRelatedPerson, toProxyRelatedPerson } from '#facade/mappers';
import type { FhirResource, TokenColumn } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry, type TokenColumnSpec } from '../engine/registry/resource-entry.js';
import { auditOf, codingColumns } from '../engine/registry/target-helpers.js';
import { or, type Cond } from '../engine/sql/sql-fragment.js';

/**
 * `relationship` of a contact: RELATION_CODE through CONTACT_RELATION, and the two codes the flags add (emergency
 * contact C: IS_EMERGENCY_YN, guardian GUARD: IS_GUARDIAN_YN), as the mapper adds them.
 */
const { CONTACT_RELATION } = codeMaps;

function contactRelationship(): TokenColumnSpec<'r.RELATION_CODE'>[] {
  const flag = (system: string, code: string, column: string): TokenColumnSpec<'r.RELATION_CODE'> => ({
    system,
    custom: (c, bag): Cond => {
      if (c !== code) return false;
      const local = Object.entries(CONTACT_RELATION).filter(([, v]) => v.system === system && v.code === code).map(([k]) => k);
      return or([{ sql: `${column} = 'Y'` }, ...local.map((l) => ({ sql: `r.RELATION_CODE = ${bag.bind(l)}` }))]);
    },
  });
  const flagged = (col: TokenColumn & { column: 'r.RELATION_CODE' }): TokenColumnSpec<'r.RELATION_CODE'> => ({ ...col, toDb: (code) => (code === 'C' || code === 'GUARD' ? undefined : col.toDb?.(code)) });
  return [
    ...codingColumns('r.RELATION_CODE', CONTACT_RELATION).map(flagged),
    flag(SYSTEM.v2ContactRole, 'C', 'r.IS_EMERGENCY_YN'),
    flag(SYSTEM.v3RoleCode, 'GUARD', 'r.IS_GUARDIAN_YN'),
  ];
}

const contacts = sourceOf(PatContactTable)({
  key: 'contact',
  alias: 'r',
  profiles: [RELATED_PERSON_PROFILE],
  ids: RELATED_PERSON_CONTACT_IDS,
  patientColumn: 'r.PAT_ID',
  targets: {
    patient: { kind: 'reference', column: 'r.PAT_ID', to: 'Patient' },
    name: { kind: 'string', columns: ['r.LAST_NAME', 'r.FIRST_NAME'] },
    relationship: { kind: 'token', columns: contactRelationship() },
  },
  map: (row, ctx) => toContactRelatedPerson(row, ctx) as unknown as FhirResource,
  // PAT_CONTACT keeps no audit columns: recorded by the practice's EHR, last changed at UPDATED_AT.
  audit: (row) => ({ ...auditOf({ ...row, CREATED_AT: row.UPDATED_AT, CREATED_BY: null, UPDATED_BY: null }), patientId: row.PAT_ID }),
});

/**
 * Portal proxies: the grant (PORTAL_PROXY), the portal account it belongs to (`pa`: never its sign-in columns) and
 * the account holder's own chart (`ph`: name and phone; the account holds no name). The patient compartment and
 * the practice are the chart the grant is FOR (`pp.PAT_ID`), not the holder's.
 */
const proxies = sourceOf(PortalProxyTable, {
  joins: {
    pa: { table: PortalAccountTable, on: 'pa.PORTAL_ID = pp.PORTAL_ID', columns: PROXY_ACCOUNT_COLUMNS },
    ph: { table: PatientTable, on: 'ph.PAT_ID = pa.PAT_ID', columns: PROXY_HOLDER_COLUMNS },
  },
})({
  key: 'proxy',
  alias: 'pp',
  profiles: [RELATED_PERSON_PROFILE],
  ids: RELATED_PERSON_PROXY_IDS,
  patientColumn: 'pp.PAT_ID',
  // PORTAL_PROXY has no UPDATED_AT: the account's (the resource's lastUpdated is the later of account and holder).
  lastUpdatedColumn: 'pa.UPDATED_AT',
  targets: {
    patient: { kind: 'reference', column: 'pp.PAT_ID', to: 'Patient' },
    name: { kind: 'string', columns: ['ph.LAST_NAME', 'ph.FIRST_NAME'] },
    relationship: { kind: 'token', columns: codingColumns('pp.RELATION_CODE', CONTACT_RELATION) },
  },
  map: (row, ctx) => toProxyRelatedPerson({ proxy: row, account: row.pa, holder: row.ph }, ctx) as unknown as FhirResource,
  // No audit columns on the grant: recorded by the EHR's portal (an interface), as of the later account/holder change.
  audit: (row) => {
    const { version, updatedAt } = proxyRelatedPersonVersion({ proxy: row, account: row.pa, holder: row.ph });
    return { CREATED_AT: updatedAt, CREATED_BY: null, UPDATED_AT: updatedAt, UPDATED_BY: null, ROW_VER: version, patientId: row.PAT_ID };
  },
});

/** RelatedPerson (US Core 6.1.0). */
export const relatedPersonResource: ResourceEntry = { type: 'RelatedPerson', inPatientCompartment: true, sources: [contacts, proxies] };

/**
 * RelatedPerson (PAT_CONTACT, `contact-<CONTACT_ID>`): the patient's contacts. Portal proxies (PORTAL_PROXY) are
 * mapped by the library but not served yet: their key is two columns (PORTAL_ID, PAT_ID) and a registry source
 * reads by a one-column key.
 */
import { PatContactTable } from '#facade/legacy-db';
import { RELATED_PERSON_CONTACT_IDS } from '#facade/mappers/src/related-person/related-person.ids.js';
import { RELATED_PERSON_PROFILE, toContactRelatedPerson } from '#facade/mappers';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import { sourceOf, type ResourceEntry } from '../engine/registry/resource-entry.js';
import { auditOf } from '../engine/registry/target-helpers.js';

const contacts = sourceOf(PatContactTable)({
  key: 'contact',
  alias: 'r',
  profiles: [RELATED_PERSON_PROFILE],
  ids: RELATED_PERSON_CONTACT_IDS,
  patientColumn: 'r.PAT_ID',
  targets: {
    patient: { kind: 'reference', column: 'r.PAT_ID', to: 'Patient' },
    name: { kind: 'string', columns: ['r.LAST_NAME', 'r.FIRST_NAME'] },
  },
  map: (row, ctx) => toContactRelatedPerson(row, ctx) as unknown as FhirResource,
  // PAT_CONTACT keeps no audit columns: recorded by the practice's EHR, last changed at UPDATED_AT.
  audit: (row) => ({ ...auditOf({ ...row, CREATED_AT: row.UPDATED_AT, CREATED_BY: null, UPDATED_BY: null }), patientId: row.PAT_ID }),
});

/** RelatedPerson (US Core 6.1.0). */
export const relatedPersonResource: ResourceEntry = { type: 'RelatedPerson', inPatientCompartment: true, sources: [contacts] };

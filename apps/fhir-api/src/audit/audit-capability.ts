import type { CapabilityResourceDescription } from '#facade/fhir';

/** `AuditEvent` in the `/fhir` CapabilityStatement: the PHI access trail (audit-event.service.ts), not a registry type. */
export const AUDIT_EVENT_CAPABILITY: CapabilityResourceDescription = {
  type: 'AuditEvent',
  interactions: ['read', 'search-type'],
  versioning: 'no-version',
  readHistory: false,
  searchParams: [
    { name: 'patient', type: 'reference', definition: 'http://hl7.org/fhir/SearchParameter/AuditEvent-patient' },
    { name: 'agent', type: 'reference', definition: 'http://hl7.org/fhir/SearchParameter/AuditEvent-agent' },
    { name: 'date', type: 'date', definition: 'http://hl7.org/fhir/SearchParameter/AuditEvent-date' },
  ],
  documentation:
    'The PHI access trail (IHE BALP-shaped, one event per patient touched) of the token\'s practice, newest first. Only for a practice administrator ' +
    '(user/AuditEvent.rs, USERS.ROLE_CODE ADMIN). agent = a client id, or the user (user:<id>, portal:<id>, fhirUser); date: eq/ge/gt/le/lt, UTC.',
};

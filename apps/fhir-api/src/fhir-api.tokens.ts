/**
 * Injection tokens of the FHIR API's providers that are not classes (FhirModule, fhir.module.ts, provides them).
 */

/** The validated `AppConfig`. */
export const FHIR_CONFIG = Symbol('FHIR_CONFIG');
/** The `FhirAppOptions` given to `createFhirApp` (test and benchmark seams). */
export const FHIR_APP_OPTIONS = Symbol('FHIR_APP_OPTIONS');
/** The initialised legacy (EHR) TypeORM DataSource. */
export const LEGACY_DATA_SOURCE = Symbol('LEGACY_DATA_SOURCE');
/** The facade store (revocations, readiness), or null when the caller supplied the revocation feed. */
export const FACADE_STORE = Symbol('FACADE_STORE');
/** `Record<string, () => Promise<unknown>>`: what `/readyz` checks. */
export const READINESS_PROBES = Symbol('READINESS_PROBES');
/** The PHI access trail (audit/audit-trail.ts): repository, outbox, retention. */
export const AUDIT_TRAIL = Symbol('AUDIT_TRAIL');

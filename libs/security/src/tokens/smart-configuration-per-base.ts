import type { SmartConfiguration } from './smart-configuration.js';

/** The two FHIR bases: `/fhir` (provider API: EHR users, backend services) and `/open` (patient API: portal accounts). */
export type SmartBase = 'fhir' | 'open';

/** What the patient API (`/open`) does not serve: no EHR launch, no user or system scopes, no backend services. */
const NOT_ON_OPEN = {
  capabilities: new Set(['launch-ehr', 'context-ehr-patient', 'context-ehr-encounter', 'permission-user']),
  scopes: new Set(['launch', 'launch/encounter']),
  grantTypes: new Set(['client_credentials']),
};

/**
 * The SMART configuration a FHIR base advertises (`[base]/.well-known/smart-configuration`): `/fhir` serves the
 * whole document; `/open` only what the patient API serves (standalone patient launches with patient/ scopes),
 * so an app reading it is not told about EHR launch, user/system scopes or client_credentials there.
 * Pure function of the deployment document, for whichever HTTP layer serves the FHIR bases.
 */
export function smartConfigurationForBase(doc: SmartConfiguration, base: SmartBase): SmartConfiguration {
  if (base === 'fhir') return doc;
  return {
    ...doc,
    capabilities: doc.capabilities.filter((c) => !NOT_ON_OPEN.capabilities.has(c)),
    scopes_supported: doc.scopes_supported.filter((s) => !NOT_ON_OPEN.scopes.has(s) && !s.startsWith('user/') && !s.startsWith('system/')),
    grant_types_supported: doc.grant_types_supported.filter((g) => !NOT_ON_OPEN.grantTypes.has(g)),
  };
}

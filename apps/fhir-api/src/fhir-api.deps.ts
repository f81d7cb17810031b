import type { AppConfig } from '../../../libs/config/src/index.js';
import type { MapperContext } from '../../../libs/mappers/src/mapper-context.js';
import type { AccessTokenVerifier } from '../../../libs/security/src/tokens/access-token-verifier.js';
import type { SmartConfiguration } from '../../../libs/security/src/tokens/smart-configuration.js';
import type { FhirResource } from './engine/registry/resource-definition.js';
import type { FhirService } from './service/fhir.service.js';

/** Injection token of {@link FhirApiDeps}. */
export const FHIR_API_DEPS = Symbol('FHIR_API_DEPS');

/** Everything the FHIR front and the health controller need, assembled once by `createFhirApp`. */
export interface FhirApiDeps {
  config: AppConfig;
  verifier: AccessTokenVerifier;
  service: FhirService;
  smartConfiguration: SmartConfiguration;
  capabilityStatement(baseUrl: string): FhirResource;
  mapperContext(baseUrl: string): MapperContext;
  readinessProbes: Record<string, () => Promise<unknown>>;
}

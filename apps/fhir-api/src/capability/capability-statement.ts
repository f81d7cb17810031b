/**
 * The CapabilityStatement generated from the resource registry (so it never advertises what the engine does not
 * do): US Core 6.1.0 server, every registered type with its profiles, interactions, search parameters,
 * combinations (US Core expectation extensions), includes and revincludes, and the SMART `oauth-uris` security
 * extension pointing at the auth app.
 */
import { smartAuthEndpoints } from '../../../../libs/security/src/tokens/smart-configuration.js';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import type { ResourceRegistry } from '../engine/registry/resource-registry.js';

const EXPECTATION = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-expectation';
const COMBINATION = 'http://hl7.org/fhir/StructureDefinition/capabilitystatement-search-parameter-combination';

/** Builds the statement for one base (`/fhir` or `/open`). */
export function buildCapabilityStatement(registry: ResourceRegistry, opts: { baseUrl: string; authPublicUrl: string; softwareVersion: string; date: string }): FhirResource {
  const auth = smartAuthEndpoints(opts.authPublicUrl);
  const oauthUris = ['authorize', 'token', 'register', 'manage', 'introspect', 'revoke'].map((name) => ({
    url: name,
    valueUri: auth[name as keyof typeof auth],
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: opts.date,
    kind: 'instance',
    software: { name: 'EHR FHIR facade', version: opts.softwareVersion },
    implementation: { description: 'FHIR R4 facade over the Medical Office Force EHR', url: opts.baseUrl },
    fhirVersion: '4.0.1',
    format: ['json', 'xml'],
    patchFormat: [],
    instantiates: ['http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server|6.1.0'],
    implementationGuide: ['http://hl7.org/fhir/us/core/ImplementationGuide/hl7.fhir.us.core|6.1.0'],
    rest: [
      {
        mode: 'server',
        security: {
          cors: true,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'SMART-on-FHIR' }], text: 'OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)' }],
          extension: [{ url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris', extension: oauthUris }],
        },
        resource: registry.all().map(({ def }) => ({
          type: def.type,
          supportedProfile: [...def.profiles],
          interaction: def.interactions.map((code) => ({ code })),
          versioning: 'versioned',
          readHistory: false,
          conditionalRead: 'not-supported',
          referencePolicy: ['literal', 'local'],
          searchInclude: (def.includes ?? []).map((i) => `${i.sourceType}:${i.param}`),
          searchRevInclude: (def.revincludes ?? []).map((i) => `${i.sourceType}:${i.param}`),
          extension: (def.combinations ?? [])
            .filter((c) => c.params.length > 1)
            .map((c) => ({
              url: COMBINATION,
              extension: [{ url: EXPECTATION, valueCode: c.expectation }, ...c.params.map((p) => ({ url: 'required', valueString: p }))],
            })),
          searchParam: def.params.map((p) => ({
            name: p.code,
            ...(p.definition ? { definition: p.definition } : {}),
            type: p.type,
          })),
        })),
        interaction: [],
      },
    ],
  };
}

/**
 * The two FHIR bases of the API (`/fhir` for provider apps and backend services, `/open` for patient apps) and
 * what is fixed per base: its absolute URL, the mappers' context, the CapabilityStatement (built once from the
 * registry) and the SMART configuration document.
 */
import type { AppConfig } from '#facade/config';
import type { MapperContext } from '#facade/mappers';
import type { JsonLogger } from '#facade/observability';
import { buildSmartConfiguration, smartConfigurationForBase } from '#facade/security';
import { baseMapperContext } from './base-mapper-context.js';
import { buildCapabilityStatement } from './capability/capability-statement.js';
import type { FhirResource } from './engine/registry/resource-definition.js';
import type { ResourceRegistry } from './engine/registry/resource-registry.js';
import type { FhirBase } from './service/request-auth.js';

/** What one base serves that does not depend on the request. */
export interface FhirBaseInfo {
  base: FhirBase;
  /** Absolute base URL (`<FHIR_PUBLIC_URL>/fhir` or `/open`): token audience, fullUrls, links. */
  url: string;
  ctx: MapperContext;
  capabilityStatement: FhirResource;
  /** `.well-known/smart-configuration` of this base as JSON bytes: each base advertises what it serves. */
  smartConfiguration: Buffer;
}

/** The bases and their per-base constants. */
export class FhirBases {
  readonly fhir: FhirBaseInfo;
  readonly open: FhirBaseInfo;

  constructor(config: AppConfig, registry: ResourceRegistry, logger: JsonLogger) {
    const started = new Date().toISOString();
    const smart = buildSmartConfiguration(config.authPublicUrl, { authorizePost: config.authorizePost });
    const info = (base: FhirBase): FhirBaseInfo => {
      const url = `${config.fhirPublicUrl}/${base}`;
      return {
        base,
        url,
        ctx: baseMapperContext(config, base, logger),
        capabilityStatement: buildCapabilityStatement(registry, { baseUrl: url, authPublicUrl: config.authPublicUrl, softwareVersion: '0.1.0', date: started, base, bulkExport: base === 'fhir' }),
        smartConfiguration: Buffer.from(JSON.stringify(smartConfigurationForBase(smart, base))),
      };
    };
    this.fhir = info('fhir');
    this.open = info('open');
  }

  /**
   * The base of a request URL the router matched under `/fhir` or `/open` (any case): its second character
   * tells them apart.
   */
  of(url: string): FhirBaseInfo {
    return (url.charCodeAt(1) | 0x20) === 0x66 /* f */ ? this.fhir : this.open;
  }
}

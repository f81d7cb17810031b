/**
 * The mappers' context of one FHIR base (`/fhir` or `/open`): its absolute URL, the legacy time zone, the identifier
 * systems and where unmapped local codes are reported. Used by {@link FhirBases} and by the export thread, which needs
 * this context alone (not the CapabilityStatement or the SMART configuration, nor their modules).
 */
import type { AppConfig } from '#facade/config';
import type { MapperContext } from '#facade/mappers';
import type { JsonLogger } from '#facade/observability/src/logger.js';

const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';

export function baseMapperContext(config: AppConfig, base: 'fhir' | 'open', logger: JsonLogger): MapperContext {
  return {
    baseUrl: `${config.fhirPublicUrl}/${base}`,
    timeZone: config.legacyTimeZone,
    identifierSystems: { mrn: config.mrnSystem, ssn: config.ssnSystem, npi: NPI_SYSTEM, practice: `${config.fhirPublicUrl}/sid/practice-id` },
    report: (issue: { column: string; code: string }) => logger.warn('unmapped_local_code', { column: issue.column, code: issue.code }),
  };
}

/**
 * The FHIR app's options that come from the environment, for every process that starts it (the FHIR API's own
 * main.ts and the launcher behind `npm start` and the Docker image), so both run the same product.
 */
import { ConfigError, resolveCursorKey, type AppConfig } from '#facade/config';
import type { FhirAppOptions } from './fhir-app.options.js';

/**
 * `FHIR_CURSOR_KEY` (else the key kept in DATA_DIR), `FHIR_WRITE_SERVICE_USER_ID`, `FHIR_AUDIT_RETENTION_DAYS`.
 * @throws ConfigError for a retention that is not a whole number of days.
 */
export function fhirAppOptionsFromEnv(env: NodeJS.ProcessEnv, config: AppConfig): Pick<FhirAppOptions, 'cursorKey' | 'writeServiceUser' | 'auditRetentionDays'> {
  const serviceUser = Number(env.FHIR_WRITE_SERVICE_USER_ID);
  const retention = Number(env.FHIR_AUDIT_RETENTION_DAYS);
  if (env.FHIR_AUDIT_RETENTION_DAYS !== undefined && !(Number.isSafeInteger(retention) && retention >= 1)) {
    throw new ConfigError(['FHIR_AUDIT_RETENTION_DAYS must be a whole number of days (at least 1)']);
  }
  return {
    cursorKey: resolveCursorKey(env, config.dataDir),
    writeServiceUser: Number.isSafeInteger(serviceUser) && serviceUser > 0 ? serviceUser : null,
    auditRetentionDays: env.FHIR_AUDIT_RETENTION_DAYS === undefined ? undefined : retention,
  };
}

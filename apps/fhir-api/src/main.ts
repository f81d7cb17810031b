/**
 * The FHIR API process: validated configuration, the facade store (revocations, readiness), the app, and a
 * graceful shutdown on SIGTERM/SIGINT (stop accepting, finish in-flight requests, close the databases).
 */
import '#facade/config/src/require-supported-node.js'; // first: refuses an unsupported Node before any dependency loads
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from '#facade/config';
import { JsonLogger, Telemetry, TelemetryConfigError, telemetryOptionsFromEnv } from '#facade/observability';
import { createFhirApp } from './bootstrap.js';
import { fhirAppOptionsFromEnv } from './fhir-app-env.js';

async function main(): Promise<void> {
  let config;
  let telemetry;
  try {
    config = loadConfig(process.env);
    telemetry = new Telemetry(telemetryOptionsFromEnv(process.env, 'fhir-api'));
  } catch (e) {
    if (e instanceof ConfigError || e instanceof TelemetryConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const logger = new JsonLogger('fhir-api', config.logLevel);
  // The launcher creates the embedded demo database; this process never creates a legacy database.
  if (config.legacyDbIsDemo && config.legacyDb.kind === 'sqlite' && !existsSync(config.legacyDb.path)) {
    process.stderr.write(`The demo EHR database ${config.legacyDb.path} does not exist yet: start the product with \`npm start\` (it creates it), or set LEGACY_DB_URL.\n`);
    process.exit(2);
  }
  // The facade store (revocations, readiness) is opened by createFhirApp.
  let envOptions;
  try {
    envOptions = fhirAppOptionsFromEnv(process.env, config);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    process.exit(2);
  }
  const app = await createFhirApp(config, { logger, telemetry, ...envOptions });
  // Fastify listens on localhost only unless told otherwise; the former Express server took every interface.
  await app.listen(config.fhirPort, '0.0.0.0');
  logger.info('fhir_api_listening', { port: config.fhirPort, url: `${config.fhirPublicUrl}/fhir` });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutdown', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`fhir-api failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

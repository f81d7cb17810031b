/**
 * `npm start`: runs the whole product in one process on its embedded default — creates and seeds the demo EHR
 * on first start, then starts the authorization server and the FHIR API and prints where they are.
 * In production each app can also run on its own (`npm run start:fhir`, `npm run start:auth`).
 */
import '#facade/config/src/require-supported-node.js'; // first: refuses an unsupported Node before any dependency loads
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type AppConfig } from '#facade/config';
import { JsonLogger } from '#facade/observability';
import { DEMO_CREDENTIALS, generateDemoEhr } from '#facade/demo-ehr';
import { createAuthApp } from '../../auth/src/bootstrap.js';
import { createFhirApp } from '../../fhir-api/src/bootstrap.js';
import { fhirAppOptionsFromEnv } from '../../fhir-api/src/fhir-app-env.js';

async function ensureDemoEhr(config: AppConfig, log: JsonLogger): Promise<void> {
  if (!config.legacyDbIsDemo || config.legacyDb.kind !== 'sqlite' || existsSync(config.legacyDb.path)) return;
  const patients = Number(process.env.DEMO_PATIENTS ?? 500);
  log.info('demo_ehr_create', { patients, path: config.legacyDb.path });
  await generateDemoEhr(config.legacyDb, {
    patients,
    seed: Number(process.env.DEMO_SEED ?? 1),
    onProgress: (message: string) => log.info('demo_ehr_progress', { message }),
  });
}

async function main(): Promise<void> {
  let config: AppConfig;
  let fhirOptions;
  try {
    config = loadConfig();
    fhirOptions = fhirAppOptionsFromEnv(process.env, config);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const log = new JsonLogger('launcher', config.logLevel);
  await ensureDemoEhr(config, log);

  const auth = await createAuthApp(config);
  await auth.listen(config.authPort);
  // The same environment options as the FHIR API's own process (paging key, write service user, audit retention).
  const fhir = await createFhirApp(config, fhirOptions);
  // Fastify (the FHIR API) listens on localhost only unless told otherwise; Express (auth) takes every interface.
  await fhir.listen(config.fhirPort, '0.0.0.0');

  const lines = [
    '',
    'FHIR facade is running',
    `  FHIR API (provider apps, backend services): ${config.fhirPublicUrl}/fhir/metadata`,
    `  FHIR API (patient apps):                   ${config.fhirPublicUrl}/open/metadata`,
    `  Authorization server:                      ${config.authPublicUrl}/.well-known/openid-configuration`,
    `  Developer portal (Connect):                ${config.authPublicUrl}/connect`,
    `  Clinic administration (License Mgmt):      ${config.authPublicUrl}/admin`,
    `  Patient connected apps:                    ${config.authPublicUrl}/portal/patient`,
    `  Endpoint directory:                        ${config.authPublicUrl}/directory`,
    `  EHR launch simulator:                      ${config.authPublicUrl}/ehr-simulator`,
  ];
  if (config.legacyDbIsDemo) {
    lines.push('', 'Demo logins (demo data only):');
    for (const c of DEMO_CREDENTIALS) lines.push(`  ${c.role.padEnd(34)} ${c.login.padEnd(16)} ${c.password}`);
  }
  process.stdout.write(lines.join('\n') + '\n\n');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutdown', { signal });
    await Promise.allSettled([fhir.close(), auth.close()]);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`Start-up failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

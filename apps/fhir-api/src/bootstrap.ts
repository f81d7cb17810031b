/**
 * Creates the FHIR API: FhirModule (fhir.module.ts) on Fastify (http/fhir-server.ts), with the one exception
 * filter. `createFhirApp` returns the initialised application without listening (`app.listen(port)`, or
 * supertest on `app.getHttpServer()`); `app.close()` closes the server, then the databases (FhirShutdown).
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { DataSource } from 'typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { applyHttpServerLimits, type AppConfig } from '#facade/config';
import { JsonLogger, Telemetry, telemetryOptionsFromEnv } from '#facade/observability';
import type { FhirAppOptions } from './fhir-app.options.js';
import { FhirModule } from './fhir.module.js';
import { FhirExceptionFilter } from './http/fhir-exception.filter.js';
import { ResourceRegistry } from './engine/registry/resource-registry.js';
import { configureFhirServer, fhirServerOptions } from './http/fhir-server.js';
import { leanFastifyAdapter } from './http/lean-adapter.js';
import { registerAuditHook } from './audit/audit-hook.js';
import type { AuditTrail } from './audit/audit-trail.js';
import { AUDIT_TRAIL, LEGACY_DATA_SOURCE } from './fhir-api.tokens.js';
import { PatientPractices } from './audit/patient-practices.js';
import { BinaryPatients } from './audit/binary-patients.js';
import { instrumentFhirServer } from './http/telemetry-hooks.js';

export type { FhirAppOptions } from './fhir-app.options.js';

/** Creates the FHIR API application (initialised, not listening). */
export async function createFhirApp(config: AppConfig, options: FhirAppOptions = {}): Promise<NestFastifyApplication> {
  const logger = options.logger ?? new JsonLogger('fhir-api', config.logLevel);
  const telemetry = options.telemetry ?? new Telemetry(telemetryOptionsFromEnv(process.env, 'fhir-api'));
  // Without middie (http/lean-adapter.ts): the FHIR API uses no Nest middleware.
  const adapter = leanFastifyAdapter(fhirServerOptions(logger));
  const app = await NestFactory.create<NestFastifyApplication>(FhirModule.forRoot(config, { ...options, telemetry }, logger), adapter, {
    logger: false,
    bodyParser: false,
    abortOnError: false,
  });
  await configureFhirServer(app, logger);
  // Every FHIR interaction leaves its audit events (audit/): the answer waits for their commit.
  const legacy = app.get<symbol, DataSource>(LEGACY_DATA_SOURCE);
  registerAuditHook(app.getHttpAdapter().getInstance(), app.get<symbol, AuditTrail>(AUDIT_TRAIL), new PatientPractices(legacy), logger, new BinaryPatients(legacy));
  // After configureFhirServer: its preHandler opens the log context the request span is put in.
  instrumentFhirServer(app.getHttpAdapter().getInstance(), telemetry, new Set(app.get(ResourceRegistry).all().map((t) => t.def.type)));
  // Every answer may carry PHI: no caching, no sniffing (configureFhirServer's onRequest hook sets those headers).
  // Slow clients: header and body timeouts (HTTP_HEADERS_TIMEOUT_SECONDS, HTTP_REQUEST_TIMEOUT_SECONDS).
  applyHttpServerLimits(app.getHttpServer(), config.httpLimits);
  app.useGlobalFilters(new FhirExceptionFilter(logger));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

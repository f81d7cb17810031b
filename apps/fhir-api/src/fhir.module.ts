/**
 * The FHIR API as one Nest module: the engine and its collaborators as providers (fhir.providers.ts: legacy data
 * source, facade store, token verifier, registry, search engine, service, bases and capability, readiness
 * probes), the bearer strategy (passport) and its guard, the generic FHIR controller and the health probes.
 * The FHIR controllers' routes (FHIR_CONTROLLERS) are mounted on Fastify by FhirRoutes when the module starts
 * (http/fhir-routes.ts: Nest declares them and resolves the controllers and their guards; Fastify runs them without
 * Nest's per-request router pipeline); the health probes are an ordinary Nest controller.
 */
import { Module, type DynamicModule, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '#facade/config';
import { JsonLogger } from '#facade/observability';
import type { FhirAppOptions } from './fhir-app.options.js';
import { fhirProviders } from './fhir.providers.js';
import { BearerAuthenticator } from './http/auth/bearer-authenticator.js';
import { FhirAuthGuard } from './http/auth/fhir-auth.guard.js';
import { FhirBearerStrategy } from './http/auth/fhir-bearer.strategy.js';
import { FhirController } from './http/fhir.controller.js';
import { BulkExportController } from './http/bulk-export.controller.js';
import { FhirFormatGuard } from './http/format.guard.js';
import { FhirRoutes } from './http/fhir-routes.js';
import { HealthController } from './http/health.controller.js';
import { AuditEventController } from './audit/audit-event.controller.js';
import { auditProviders } from './audit/audit.providers.js';
import { protectProviders } from './protect/protect.providers.js';

/** The controllers of FHIR interactions, served by FhirRoutes (not by Nest's router). */
const FHIR_CONTROLLERS = [FhirController, AuditEventController, BulkExportController];

@Module({})
export class FhirModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly routes: FhirRoutes,
    private readonly logger: JsonLogger,
  ) {}

  /** Mounts the FHIR interactions on the Fastify instance (before Nest's not-found handler and `ready()`). */
  onModuleInit(): void {
    this.routes.mount(this.adapterHost.httpAdapter.getInstance<FastifyInstance>(), FHIR_CONTROLLERS, this.logger);
  }

  /** The module for one configuration (the app's root module). */
  static forRoot(config: AppConfig, options: FhirAppOptions, logger: JsonLogger): DynamicModule {
    return {
      module: FhirModule,
      imports: [PassportModule],
      controllers: [HealthController],
      providers: [...fhirProviders(config, options, logger), ...auditProviders, ...protectProviders(), BearerAuthenticator, FhirBearerStrategy, FhirAuthGuard, FhirFormatGuard, FhirRoutes, ...FHIR_CONTROLLERS],
    };
  }
}

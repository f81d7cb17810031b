/**
 * The FHIR API as one Nest module: the engine and its collaborators as providers (fhir.providers.ts: legacy data
 * source, facade store, token verifier, registry, search engine, service, bases and capability, readiness
 * probes), the bearer strategy (passport) and its guard, the generic FHIR controller and the health probes.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import type { AppConfig } from '#facade/config';
import type { JsonLogger } from '#facade/observability';
import type { FhirAppOptions } from './fhir-app.options.js';
import { fhirProviders } from './fhir.providers.js';
import { BearerAuthenticator } from './http/auth/bearer-authenticator.js';
import { FhirAuthGuard } from './http/auth/fhir-auth.guard.js';
import { FhirBearerStrategy } from './http/auth/fhir-bearer.strategy.js';
import { FhirController } from './http/fhir.controller.js';
import { BulkExportController } from './http/bulk-export.controller.js';
import { FhirFormatGuard } from './http/format.guard.js';
import { HealthController } from './http/health.controller.js';

@Module({})
export class FhirModule {
  /** The module for one configuration (the app's root module). */
  static forRoot(config: AppConfig, options: FhirAppOptions, logger: JsonLogger): DynamicModule {
    return {
      module: FhirModule,
      imports: [PassportModule],
      controllers: [BulkExportController, FhirController, HealthController],
      providers: [...fhirProviders(config, options, logger), BearerAuthenticator, FhirBearerStrategy, FhirAuthGuard, FhirFormatGuard],
    };
  }
}

import { Global, Module, type DynamicModule, type OnApplicationShutdown, type Type } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { FacadeStore } from '#facade/facade-store';
import type { JsonLogger } from '#facade/observability';
import type { AuthConfig } from './auth-config.js';
import { HealthController } from './health.controller.js';
import type { OidcRuntime } from './oidc/provider-factory.js';
import { oidcControllers, oidcServices } from './oidc/oidc.providers.js';
import { AUTH_CONFIG, AUTH_LOGGER, AUTH_RUNTIME, FACADE_STORE, GRANT_CONTEXT_STORE, LEGACY_DATA_SOURCE, OIDC_PROVIDER, OIDC_RUNTIME } from './tokens.js';

/** What bootstrap hands to the Nest module graph. */
export interface AuthRuntime {
  config: AuthConfig;
  store: FacadeStore;
  legacy: DataSource;
  oidc: OidcRuntime;
  logger: JsonLogger;
  /** Which databases the app opened itself (and closes on shutdown). */
  owned: { store: boolean; legacy: boolean };
  /** Stops the periodic purge of expired records. */
  stopHousekeeping: () => void;
}

/** Closes the databases the app opened, when the app closes. */
class RuntimeCloser implements OnApplicationShutdown {
  constructor(private readonly rt: AuthRuntime) {}
  async onApplicationShutdown(): Promise<void> {
    this.rt.stopHousekeeping();
    if (this.rt.owned.store) await this.rt.store.close();
    if (this.rt.owned.legacy && this.rt.legacy.isInitialized) await this.rt.legacy.destroy();
  }
}

/**
 * Global module exposing the protocol core to every feature module (screens, portals): configuration,
 * provider, facade store, legacy database, grant-context store and the shared services.
 */
@Global()
@Module({})
export class AuthCoreModule {
  static forRoot(rt: AuthRuntime): DynamicModule {
    const values = [
      { provide: AUTH_CONFIG, useValue: rt.config },
      { provide: FACADE_STORE, useValue: rt.store },
      { provide: LEGACY_DATA_SOURCE, useValue: rt.legacy },
      { provide: OIDC_RUNTIME, useValue: rt.oidc },
      { provide: OIDC_PROVIDER, useValue: rt.oidc.provider },
      { provide: GRANT_CONTEXT_STORE, useValue: rt.oidc.grantContexts },
      { provide: AUTH_LOGGER, useValue: rt.logger },
      { provide: AUTH_RUNTIME, useValue: rt },
    ];
    return {
      module: AuthCoreModule,
      providers: [...values, ...oidcServices, { provide: RuntimeCloser, useFactory: () => new RuntimeCloser(rt) }],
      controllers: [HealthController, ...oidcControllers],
      exports: [...values.map((v) => v.provide), ...oidcServices],
    };
  }
}

/** Root module of the auth app: the core plus the feature modules (screens, portals). */
@Module({})
export class AuthAppModule {
  static forRoot(rt: AuthRuntime, featureModules: Type<unknown>[] = []): DynamicModule {
    return { module: AuthAppModule, imports: [AuthCoreModule.forRoot(rt), ...featureModules] };
  }
}

import { Module, type MiddlewareConsumer, type NestModule, type Type } from '@nestjs/common';
import type Provider from 'oidc-provider';
import type { DataSource } from 'typeorm';
import type { FacadeStore } from '#facade/facade-store';
import type { AuthConfig } from '../auth-config.js';
import { InteractionController } from '../interactions/interaction.controller.js';
import { ConnectController } from '../portals/connect/connect.controller.js';
import { DirectoryController } from '../portals/directory/directory.controller.js';
import { SimulatorController } from '../portals/ehr-simulator/simulator.controller.js';
import { HomeController } from '../portals/home.controller.js';
import { LicenseController } from '../portals/license/license.controller.js';
import { AuditTrailController } from '../portals/license/audit-trail.controller.js';
import { ConnectedAppsController } from '../portals/patient/connected-apps.controller.js';
import { EhrLaunchService } from '../launch/ehr-launch.service.js';
import { SmartInteractionService } from '../oidc/smart-interaction.service.js';
import { ClientRegistrationService } from '../registration/client-registration.service.js';
import { AUTH_CONFIG, FACADE_STORE, LEGACY_DATA_SOURCE, OIDC_PROVIDER } from '../tokens.js';
import { AssetsController } from './assets.controller.js';
import { formBody, pageSecurityHeaders } from './page-security.js';
import { buildScreensDeps, SCREENS_DEPS } from './screens-deps.js';

/** Controllers of the server-rendered screens. */
export const SCREEN_CONTROLLERS: Type[] = [
  InteractionController, AssetsController, HomeController, ConnectController, AuditTrailController, LicenseController, ConnectedAppsController, DirectoryController, SimulatorController,
];

/**
 * The login / picker / consent screens, portals and directory pages. Mount it as a feature module beside the
 * global AuthCoreModule, whose providers (config, provider, facade store, legacy database, SmartInteractionService)
 * it injects.
 */
@Module({
  controllers: SCREEN_CONTROLLERS,
  providers: [
    {
      provide: SCREENS_DEPS,
      inject: [AUTH_CONFIG, OIDC_PROVIDER, FACADE_STORE, LEGACY_DATA_SOURCE, SmartInteractionService, ClientRegistrationService, EhrLaunchService],
      useFactory: (config: AuthConfig, provider: Provider, store: FacadeStore, legacy: DataSource, interactions: SmartInteractionService,
        registration: ClientRegistrationService, ehrLaunch: EhrLaunchService) =>
        buildScreensDeps({ config, provider, store, legacy, interactions, registration, ehrLaunch }),
    },
  ],
  exports: [SCREENS_DEPS],
})
export class AuthScreensModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(pageSecurityHeaders, formBody).forRoutes(...SCREEN_CONTROLLERS);
  }
}

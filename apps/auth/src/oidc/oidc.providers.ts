import type { Provider as NestProvider, Type } from '@nestjs/common';
import { SmartConfigurationController } from './smart-configuration.controller.js';
import { EhrLaunchController } from '../launch/ehr-launch.controller.js';
import { EhrLaunchService } from '../launch/ehr-launch.service.js';
import { RegistrationController } from '../registration/registration.controller.js';
import { JwksController } from './jwks.controller.js';
import { UserinfoController } from './userinfo.controller.js';
import { TokenEndpointsController } from './token-endpoints.controller.js';
import { SmartInteractionService } from './smart-interaction.service.js';
import { ClientRegistrationService } from '../registration/client-registration.service.js';

/** Controllers of the protocol core (registered by AuthCoreModule). */
export const oidcControllers: Type<unknown>[] = [SmartConfigurationController, JwksController, TokenEndpointsController, EhrLaunchController, RegistrationController, UserinfoController];
/** Injectable services of the protocol core, exported to feature modules. */
export const oidcServices: NestProvider[] = [SmartInteractionService, ClientRegistrationService, EhrLaunchService];

import type { Type } from '@nestjs/common';
import { AuthScreensModule } from './web/screens.module.js';

/**
 * Feature modules mounted beside the protocol core (interaction screens, portals). They get the core's
 * providers (see tokens.ts) through the global AuthCoreModule.
 */
export const featureModules: Type<unknown>[] = [AuthScreensModule];

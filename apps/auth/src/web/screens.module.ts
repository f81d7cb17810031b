import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule, type Type } from '@nestjs/common';
import { InteractionController } from '../interactions/interaction.controller.js';
import { AssetsController } from './assets.controller.js';
import { formBody, pageSecurityHeaders } from './page-security.js';
import { buildScreensDeps, SCREENS_DEPS, type ScreensInputs } from './screens-deps.js';

/** Controllers of the server-rendered screens. */
export const SCREEN_CONTROLLERS: Type[] = [InteractionController, AssetsController];

/** Options of {@link AuthScreensModule.forRootAsync}: how to obtain the core's objects from DI. */
export interface AuthScreensModuleOptions {
  imports?: DynamicModule['imports'];
  inject?: unknown[];
  useFactory: (...args: any[]) => ScreensInputs | Promise<ScreensInputs>;
}

/**
 * The login / picker / consent screens, portals and directory pages. The core wiring registers it with the objects
 * it owns, e.g. `AuthScreensModule.forRootAsync({ inject: [OIDC_PROVIDER, FACADE_STORE, ...], useFactory: (...) => ({...}) })`.
 */
@Module({})
export class AuthScreensModule implements NestModule {
  static forRootAsync(options: AuthScreensModuleOptions): DynamicModule {
    return {
      module: AuthScreensModule,
      imports: options.imports ?? [],
      controllers: SCREEN_CONTROLLERS,
      providers: [
        {
          provide: SCREENS_DEPS,
          inject: (options.inject ?? []) as never[],
          useFactory: async (...args: unknown[]) => buildScreensDeps(await options.useFactory(...args)),
        },
      ],
      exports: [SCREENS_DEPS],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(pageSecurityHeaders, formBody).forRoutes(...SCREEN_CONTROLLERS);
  }
}

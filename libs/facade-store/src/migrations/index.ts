import { InitialFacadeStore1764150000000 } from './1764150000000-initial-facade-store.js';

/** Every facade-store migration, in order. Append new classes; never edit a released one. */
export const facadeMigrations = [InitialFacadeStore1764150000000];

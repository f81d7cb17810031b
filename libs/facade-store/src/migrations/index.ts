import { InitialFacadeStore1764150000000 } from './1764150000000-initial-facade-store.js';
import { GrantContextAccount1764200000000 } from './1764200000000-grant-context-account.js';
import { SignInState1764300000000 } from './1764300000000-sign-in-state.js';
import { BulkExports1764600000000 } from './1764600000000-bulk-exports.js';

/** Every facade-store migration, in order. Append new classes; never edit a released one. */
export const facadeMigrations = [InitialFacadeStore1764150000000, GrantContextAccount1764200000000, SignInState1764300000000, BulkExports1764600000000];

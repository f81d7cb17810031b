import { InitialFacadeStore1764150000000 } from './1764150000000-initial-facade-store.js';
import { GrantContextAccount1764200000000 } from './1764200000000-grant-context-account.js';
import { SignInState1764300000000 } from './1764300000000-sign-in-state.js';
import { PhiAuditTrail1764400000000 } from './1764400000000-phi-audit-trail.js';
import { AppRequestLimits1764412000000 } from './1764412000000-app-request-limits.js';
import { BulkExports1764600000000 } from './1764600000000-bulk-exports.js';
import { ReplayJtiIndex1764700000000 } from './1764700000000-replay-jti-index.js';
import { PhiAuditLeanIndexes1764800000000 } from './1764800000000-phi-audit-lean-indexes.js';

/** Every facade-store migration, in order. Append new classes; never edit a released one. */
export const facadeMigrations = [InitialFacadeStore1764150000000, GrantContextAccount1764200000000, SignInState1764300000000, PhiAuditTrail1764400000000, AppRequestLimits1764412000000, BulkExports1764600000000,
  ReplayJtiIndex1764700000000, PhiAuditLeanIndexes1764800000000];

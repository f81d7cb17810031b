import type { AccountId } from '../contracts.js';

/** Which table a sign-in checks: EHR users for `/fhir` launches, portal accounts for `/open` launches. */
export type AccountKind = 'ehr-user' | 'portal';

/** A signed-in person, as the screens and the grant context need them. */
export interface AuthenticatedAccount {
  kind: AccountKind;
  accountId: AccountId;
  practiceId: number;
  /** Name to greet the person with (not logged). */
  displayName: string;
  /** USERS.USER_ID (EHR users). */
  userId?: number;
  /** USERS.ROLE_CODE (EHR users). */
  roleCode?: string;
  /** USERS.PROV_ID (providers). */
  providerId?: number;
  /** PORTAL_ACCOUNT.PORTAL_ID (portal accounts). */
  portalId?: number;
  /** PORTAL_ACCOUNT.PAT_ID: the portal user's own chart. */
  ownPatientId?: number;
  /** Relative fhirUser: `Practitioner/<PROV_ID>` or `Patient/<PAT_ID>`; absent for staff without a provider. */
  fhirUser?: string;
  /**
   * Hash of the account's password columns and role/practice (or own chart): portal sessions remember it and end
   * when it changes (password or role change).
   */
  credentialStamp: string;
}

/** Outcome of a sign-in attempt. The refusal reason is for the audit log; pages show one fixed message. */
export type LoginOutcome =
  | { ok: true; account: AuthenticatedAccount }
  | { ok: false; reason: import('./login-rules.js').RefusalReason; accountRowId?: number };

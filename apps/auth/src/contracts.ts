/**
 * Contract between the OAuth/OIDC core of the auth app (apps/auth/src/oidc) and its interaction screens
 * (apps/auth/src/interactions: login, patient picker, consent).
 */

/** Account ids given to oidc-provider: `user:<USERS.USER_ID>` (EHR user) or `portal:<PORTAL_ID>` (portal). */
export type AccountId = `user:${number}` | `portal:${number}`;

/** What a completed login + picker + consent decided; stored per grant, read when tokens are issued. */
export interface SmartGrantContext {
  accountId: AccountId;
  practiceId: number;
  /** PAT_ID in context (patient picker, EHR launch, or the portal chart chosen). */
  patientId?: number;
  /** VISIT_ID in context (EHR launch). */
  encounterId?: number;
  /** Relative fhirUser, e.g. `Practitioner/12`, `Patient/40`, `RelatedPerson/...`. */
  fhirUser?: string;
  /** Exactly the scopes the user left selected on the consent screen (plus openid etc. that were requested). */
  grantedScopes: string[];
  needPatientBanner: boolean;
  smartStyleUrl?: string;
  /** The FHIR base (`.../fhir` or `.../open`) the app asked for as `aud`. */
  audience: string;
}

export interface SmartGrantContextStore {
  save(grantId: string, context: SmartGrantContext): Promise<void>;
  load(grantId: string): Promise<SmartGrantContext | undefined>;
}

/**
 * The contract between the authorization server (apps/auth, which signs access tokens as JWTs) and the FHIR API
 * (which verifies them locally against the auth server's JWKS, without a network round trip per request).
 */
export interface AccessTokenClaims {
  /** Issuer: AUTH_PUBLIC_URL. */
  iss: string;
  /** Audience: the FHIR base the token is for (`<FHIR_PUBLIC_URL>/fhir` or `<FHIR_PUBLIC_URL>/open`). */
  aud: string | string[];
  exp: number;
  iat: number;
  /** Unique token id; revocation is by jti. */
  jti: string;
  client_id: string;
  /** Granted scopes, space separated (SMART v1 and/or v2 resource scopes, launch/openid/... included). */
  scope: string;
  /** Account subject: `user:<USERS.USER_ID>`, `portal:<PORTAL_ACCOUNT.PORTAL_ID>`, or the client id for backend services. */
  sub: string;
  /** PRACTICE.PRACTICE_ID whose data the token may reach (absent only for system/ tokens of a multi-practice backend client). */
  practice?: number;
  /**
   * For a backend (system/) client approved by several practices: every approving PRACTICE_ID. A system/ token with
   * neither `practice` nor `practices` reaches nothing (fail closed).
   */
  practices?: number[];
  /** Patient in context (PAT_ID as string) for patient/ scopes. */
  patient?: string;
  /** Encounter in context (VISIT_ID as string). */
  encounter?: string;
  /** Absolute URL of the user's FHIR resource (Practitioner, Patient or RelatedPerson). */
  fhirUser?: string;
  /** OAuth grant id (revoking an app approval or a grant ends every token of that grant). */
  grant?: string;
}

/** Facade-store records the FHIR API polls (at least every 15 s) so revoked tokens stop within 60 s. */
export interface RevocationFeed {
  /** Token ids (jti) and grant ids revoked since `sinceEpochMs`, and (client_id, practice) approvals revoked. */
  revokedSince(sinceEpochMs: number): Promise<{
    jtis: string[];
    grants: string[];
    approvals: { clientId: string; practiceId: number; revokedAt: number }[];
  }>;
}

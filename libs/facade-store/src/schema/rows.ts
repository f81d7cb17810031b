/** Row shapes of the facade store tables (camelCase properties; snake_case columns). Times are epoch ms. */

export interface DeveloperAccountRow {
  id: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  createdAt: number;
}

export type ClientType = 'public' | 'confidential';
export type ClientAuthMethod = 'none' | 'client_secret_basic' | 'private_key_jwt';

export interface ClientRow {
  clientId: string;
  name: string;
  developerAccountId: string | null;
  clientType: ClientType;
  authMethod: ClientAuthMethod;
  /** scrypt hash (`scrypt$N$r$p$salt$hash`), never the secret itself. */
  secretHash: string | null;
  /** JSON array of strings. */
  redirectUris: string;
  launchUri: string | null;
  /** JSON Web Key Set (public keys) as JSON text. */
  jwks: string | null;
  jwksUri: string | null;
  /** Space-separated scopes the app may request. */
  scope: string;
  backendServices: boolean;
  /** JSON array of CORS origins. */
  allowedOrigins: string;
  /** JSON object: further client metadata (logo, contacts...). */
  metadata: string;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

export type ApprovalStatus = 'approved' | 'revoked';

export interface PracticeApprovalRow {
  id: number;
  clientId: string;
  practiceId: number;
  status: ApprovalStatus;
  /** Seconds; null = server default. */
  accessTokenTtl: number | null;
  refreshTokenTtl: number | null;
  decidedBy: string | null;
  approvedAt: number | null;
  revokedAt: number | null;
}

export interface OidcRecordRow {
  model: string;
  id: string;
  payload: string;
  grantId: string | null;
  userCode: string | null;
  uid: string | null;
  expiresAt: number | null;
  consumedAt: number | null;
}

export interface SigningKeyRow {
  kid: string;
  alg: string;
  publicJwk: string;
  /** Private JWK JSON, or an AES-256-GCM envelope when `encrypted`. */
  privateJwk: string;
  encrypted: boolean;
  status: 'active' | 'retired';
  createdAt: number;
  retiredAt: number | null;
}

export interface LaunchContextRow {
  id: string;
  clientId: string | null;
  accountId: string | null;
  practiceId: number;
  patientId: number | null;
  encounterId: number | null;
  needPatientBanner: boolean;
  smartStyleUrl: string | null;
  audience: string;
  createdAt: number;
  expiresAt: number;
  consumedAt: number | null;
}

export interface GrantContextRow {
  grantId: string;
  clientId: string | null;
  practiceId: number;
  /** The account that consented (`user:<id>` / `portal:<id>`), copied from the context for indexed listing. */
  accountId: string | null;
  /** JSON document (the auth app's SmartGrantContext). */
  context: string;
  createdAt: number;
}

export type RevocationKind = 'jti' | 'grant' | 'approval';

export interface RevocationRow {
  id: number;
  kind: RevocationKind;
  /** jti, grant id, or client id (approval). */
  value: string;
  clientId: string | null;
  practiceId: number | null;
  revokedAt: number;
  /** When the record may be purged (the revoked token's own expiry). */
  expiresAt: number | null;
}

export interface ReplayRecordRow {
  issuer: string;
  jti: string;
  expiresAt: number;
}

export interface AuditEventRow {
  id: number;
  at: number;
  type: string;
  actor: string | null;
  clientId: string | null;
  practiceId: number | null;
  /** JSON, never patient data. */
  detail: string | null;
}

export interface SettingRow {
  key: string;
  value: string;
}

/** Failed sign-in attempts under one key (`login:<kind>:<name>` or `ip:<address>`). */
export interface SignInThrottleRow {
  throttleKey: string;
  /** Attempts counted since the last success or since the counter went stale (an attempt counts when it starts). */
  failures: number;
  lastAttemptAt: number;
  /** Sign-in under this key is refused until then. */
  lockedUntil: number | null;
}

/** The last successful sign-in of an account (`user:<id>` / `portal:<id>`), kept here, never in the EHR's rows. */
export interface AccountSignInRow {
  accountId: string;
  lastSignInAt: number;
}

/** A server-side session of a portal. The cookie holds the id; only its SHA-256 is stored. */
export interface WebSessionRow {
  idHash: string;
  portal: string;
  /** Who is signed in (the portal's own subject id). */
  subject: string;
  /** Hash of what the session was granted on (password hash, role...): a change ends the session. */
  fingerprint: string;
  createdAt: number;
  lastSeenAt: number;
  /** Absolute end of the session. */
  expiresAt: number;
}

/** An app's request limits at one practice (`/admin`); null = the deployment default. */
export interface AppRequestLimitRow {
  clientId: string;
  practiceId: number;
  ratePerMinute: number | null;
  concurrent: number | null;
  updatedBy: string | null;
  updatedAt: number;
}

/** Status of a Bulk Data export. `cancelled` rows answer 404 and are removed by the cleanup. */
export type BulkExportStatus = 'queued' | 'running' | 'complete' | 'failed' | 'cancelled';

/** One Bulk Data `$export` kick-off (the system of record of the job; Redis only carries the work). */
export interface BulkExportRow {
  id: string;
  clientId: string;
  /** The practice whose patients are exported (null: a system token of several practices; see `caller`). */
  practiceId: number | null;
  level: 'system' | 'patient' | 'group';
  groupId: string | null;
  /** The kick-off URL (`request` of the manifest). */
  requestUrl: string;
  /** The parsed request (JSON). */
  request: string;
  /** The caller's token claims the export runs with (JSON: client_id, scope, practice(s), sub; no token). */
  caller: string;
  status: BulkExportStatus;
  /** Resource types exported (JSON array). */
  types: string;
  chunksTotal: number;
  chunksDone: number;
  resources: number;
  bytes: number;
  /** Failure text (no PHI). */
  error: string | null;
  transactionTime: number;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  expiresAt: number | null;
  lastPolledAt: number | null;
}

/** One output file of a chunk. */
export interface BulkExportFile {
  type: string;
  /** Storage key (ExportStorage). */
  key: string;
  count: number;
  bytes: number;
}

/** A planned unit of export work: one source's primary-key range `(keyFrom, keyTo]`. */
export interface BulkExportChunkRow {
  exportId: string;
  chunkNo: number;
  type: string;
  sourceKey: string;
  keyFrom: number;
  keyTo: number;
  status: 'pending' | 'done';
  /** Files written (JSON array of {@link BulkExportFile}) once done. */
  files: string | null;
  resources: number;
  bytes: number;
  completedAt: number | null;
}

import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import { epochMs, flag, portableTypes, type FacadeDialect } from './column-types.js';
import type {
  AuditEventRow, ClientRow, DeveloperAccountRow, GrantContextRow, LaunchContextRow, OidcRecordRow, PracticeApprovalRow,
  ReplayRecordRow, RevocationRow, SettingRow, SigningKeyRow, SignInThrottleRow, AccountSignInRow, WebSessionRow,
  AppRequestLimitRow,
  BulkExportRow, BulkExportChunkRow,
} from './rows.js';
import type { PhiAuditChainRow, PhiAuditRow } from '../phi-audit/phi-audit.rows.js';

type Cols = Record<string, EntitySchemaColumnOptions>;

function columns(dialect: FacadeDialect) {
  const t = portableTypes(dialect);
  return {
    str: (length: number, nullable = false, primary = false): EntitySchemaColumnOptions => ({ type: t.str as 'varchar', length, nullable, primary }),
    text: (nullable = false): EntitySchemaColumnOptions => ({ type: t.text as 'text', length: t.textLength, nullable }),
    int: (nullable = false): EntitySchemaColumnOptions => ({ type: t.int as 'int', nullable }),
    ms: (nullable = false): EntitySchemaColumnOptions => ({ type: t.bigint as 'bigint', nullable, transformer: epochMs }),
    flag: (): EntitySchemaColumnOptions => ({ type: t.flag as 'smallint', nullable: false, default: 0, transformer: flag }),
    id: (): EntitySchemaColumnOptions => ({ type: t.int as 'int', primary: true, generated: 'increment' }),
  };
}

/**
 * TypeORM entity schemas of the facade store for one dialect. The tables themselves are created only by the
 * migrations in `../migrations` (never `synchronize`); a test checks both agree.
 */
export function facadeEntitySchemas(dialect: FacadeDialect): EntitySchema[] {
  const c = columns(dialect);
  const schema = <T>(name: string, cols: Cols, indices: Record<string, string[]> = {}, uniques: Record<string, string[]> = {}) =>
    new EntitySchema<T>({
      name, tableName: name, columns: cols as never,
      indices: Object.entries(indices).map(([n, columns]) => ({ name: n, columns: columns as never })),
      uniques: Object.entries(uniques).map(([n, columns]) => ({ name: n, columns: columns as never })),
    });
  return [
    schema<DeveloperAccountRow>('developer_accounts', {
      id: c.str(64, false, true), email: c.str(200), displayName: { ...c.str(200), name: 'display_name' },
      passwordHash: { ...c.text(true), name: 'password_hash' }, createdAt: { ...c.ms(), name: 'created_at' },
    }, {}, { uq_developer_accounts_email: ['email'] }),
    schema<ClientRow>('clients', {
      clientId: { ...c.str(100, false, true), name: 'client_id' }, name: c.str(200),
      developerAccountId: { ...c.str(64, true), name: 'developer_account_id' },
      clientType: { ...c.str(20), name: 'client_type' }, authMethod: { ...c.str(40), name: 'auth_method' },
      secretHash: { ...c.text(true), name: 'secret_hash' }, redirectUris: { ...c.text(), name: 'redirect_uris' },
      launchUri: { ...c.text(true), name: 'launch_uri' }, jwks: c.text(true), jwksUri: { ...c.text(true), name: 'jwks_uri' },
      scope: c.text(), backendServices: { ...c.flag(), name: 'backend_services' },
      allowedOrigins: { ...c.text(), name: 'allowed_origins' }, metadata: c.text(),
      createdAt: { ...c.ms(), name: 'created_at' }, updatedAt: { ...c.ms(), name: 'updated_at' },
      deletedAt: { ...c.ms(true), name: 'deleted_at' },
    }, { ix_clients_developer: ['developerAccountId'] }),
    schema<PracticeApprovalRow>('practice_approvals', {
      id: c.id(), clientId: { ...c.str(100), name: 'client_id' }, practiceId: { ...c.int(), name: 'practice_id' },
      status: c.str(16), accessTokenTtl: { ...c.int(true), name: 'access_token_ttl' },
      refreshTokenTtl: { ...c.int(true), name: 'refresh_token_ttl' }, decidedBy: { ...c.str(100, true), name: 'decided_by' },
      approvedAt: { ...c.ms(true), name: 'approved_at' }, revokedAt: { ...c.ms(true), name: 'revoked_at' },
    }, { ix_practice_approvals_practice: ['practiceId'] }, { uq_practice_approvals_client_practice: ['clientId', 'practiceId'] }),
    schema<OidcRecordRow>('oidc_records', {
      model: c.str(40, false, true), id: c.str(255, false, true), payload: c.text(),
      grantId: { ...c.str(255, true), name: 'grant_id' }, userCode: { ...c.str(255, true), name: 'user_code' },
      uid: c.str(255, true), expiresAt: { ...c.ms(true), name: 'expires_at' }, consumedAt: { ...c.ms(true), name: 'consumed_at' },
    }, { ix_oidc_records_grant: ['grantId'], ix_oidc_records_uid: ['uid'], ix_oidc_records_user_code: ['userCode'], ix_oidc_records_expires: ['expiresAt'] }),
    schema<SigningKeyRow>('signing_keys', {
      kid: c.str(100, false, true), alg: c.str(10), publicJwk: { ...c.text(), name: 'public_jwk' },
      privateJwk: { ...c.text(), name: 'private_jwk' }, encrypted: c.flag(), status: c.str(16),
      createdAt: { ...c.ms(), name: 'created_at' }, retiredAt: { ...c.ms(true), name: 'retired_at' },
    }),
    schema<LaunchContextRow>('launch_contexts', {
      id: c.str(100, false, true), clientId: { ...c.str(100, true), name: 'client_id' },
      accountId: { ...c.str(40, true), name: 'account_id' }, practiceId: { ...c.int(), name: 'practice_id' },
      patientId: { ...c.int(true), name: 'patient_id' }, encounterId: { ...c.int(true), name: 'encounter_id' },
      needPatientBanner: { ...c.flag(), name: 'need_patient_banner' }, smartStyleUrl: { ...c.text(true), name: 'smart_style_url' },
      audience: c.text(), createdAt: { ...c.ms(), name: 'created_at' }, expiresAt: { ...c.ms(), name: 'expires_at' },
      consumedAt: { ...c.ms(true), name: 'consumed_at' },
    }),
    schema<GrantContextRow>('grant_contexts', {
      grantId: { ...c.str(255, false, true), name: 'grant_id' }, clientId: { ...c.str(100, true), name: 'client_id' },
      practiceId: { ...c.int(), name: 'practice_id' }, accountId: { ...c.str(100, true), name: 'account_id' }, context: c.text(),
      createdAt: { ...c.ms(), name: 'created_at' },
    }, { ix_grant_contexts_client_practice: ['clientId', 'practiceId'], ix_grant_contexts_account: ['accountId', 'createdAt'] }),
    schema<RevocationRow>('revocations', {
      id: c.id(), kind: c.str(16), value: c.str(255), clientId: { ...c.str(100, true), name: 'client_id' },
      practiceId: { ...c.int(true), name: 'practice_id' }, revokedAt: { ...c.ms(), name: 'revoked_at' },
      expiresAt: { ...c.ms(true), name: 'expires_at' },
    }, { ix_revocations_revoked_at: ['revokedAt'], ix_revocations_kind_value: ['kind', 'value'] }),
    schema<ReplayRecordRow>('replay_records', {
      issuer: c.str(100, false, true), jti: c.str(255, false, true), expiresAt: { ...c.ms(), name: 'expires_at' },
    }, { ix_replay_records_expires: ['expiresAt'], ix_replay_records_jti: ['jti'] }),
    schema<AuditEventRow>('audit_events', {
      id: c.id(), at: c.ms(), type: c.str(60), actor: c.str(100, true), clientId: { ...c.str(100, true), name: 'client_id' },
      practiceId: { ...c.int(true), name: 'practice_id' }, detail: c.text(true),
    }, { ix_audit_events_at: ['at'] }),
    schema<PhiAuditRow>('phi_audit_events', {
      seq: { ...c.ms(), primary: true }, recorded: c.ms(), requestId: { ...c.str(100), name: 'request_id' }, base: c.str(8),
      interaction: c.str(20), action: c.str(1), resourceType: { ...c.str(64, true), name: 'resource_type' }, operation: c.str(64, true),
      queryParams: { ...c.str(1000, true), name: 'query_params' }, status: c.int(), outcome: c.int(),
      clientId: { ...c.str(100, true), name: 'client_id' }, subject: c.str(200, true), fhirUser: { ...c.str(300, true), name: 'fhir_user' },
      tokenId: { ...c.str(255, true), name: 'token_id' }, contextPatient: { ...c.str(64, true), name: 'context_patient' },
      practiceId: { ...c.int(true), name: 'practice_id' }, patientId: { ...c.str(64, true), name: 'patient_id' },
      recordedUser: { ...c.int(true), name: 'recorded_user' }, entities: c.text(),
      sourceIp: { ...c.str(64, true), name: 'source_ip' }, prevHash: { ...c.str(64), name: 'prev_hash' }, hash: c.str(64),
    }, {
      ix_phi_audit_practice_recorded: ['practiceId', 'recorded'], ix_phi_audit_practice_patient: ['practiceId', 'patientId', 'seq'],
      ix_phi_audit_practice_client: ['practiceId', 'clientId', 'seq'],
    }),
    schema<PhiAuditChainRow>('phi_audit_chain', {
      id: { ...c.int(), primary: true }, lastSeq: { ...c.ms(), name: 'last_seq' }, lastHash: { ...c.str(64), name: 'last_hash' },
      anchorSeq: { ...c.ms(), name: 'anchor_seq' }, anchorHash: { ...c.str(64), name: 'anchor_hash' }, updatedAt: { ...c.ms(), name: 'updated_at' },
    }),
    schema<SettingRow>('settings', { key: c.str(100, false, true), value: c.text() }),
    schema<SignInThrottleRow>('sign_in_throttle', {
      throttleKey: { ...c.str(200, false, true), name: 'throttle_key' }, failures: { ...c.int(), default: 0 },
      lastAttemptAt: { ...c.ms(), name: 'last_attempt_at' }, lockedUntil: { ...c.ms(true), name: 'locked_until' },
    }, { ix_sign_in_throttle_last_attempt: ['lastAttemptAt'] }),
    schema<AccountSignInRow>('account_sign_ins', {
      accountId: { ...c.str(100, false, true), name: 'account_id' }, lastSignInAt: { ...c.ms(), name: 'last_sign_in_at' },
    }),
    schema<WebSessionRow>('web_sessions', {
      idHash: { ...c.str(64, false, true), name: 'id_hash' }, portal: c.str(20), subject: c.str(100), fingerprint: c.str(64),
      createdAt: { ...c.ms(), name: 'created_at' }, lastSeenAt: { ...c.ms(), name: 'last_seen_at' }, expiresAt: { ...c.ms(), name: 'expires_at' },
    }, { ix_web_sessions_subject: ['portal', 'subject'], ix_web_sessions_expires: ['expiresAt'] }),
    schema<AppRequestLimitRow>('app_request_limits', {
      clientId: { ...c.str(100, false, true), name: 'client_id' }, practiceId: { ...c.int(), primary: true, name: 'practice_id' },
      ratePerMinute: { ...c.int(true), name: 'rate_per_minute' }, concurrent: c.int(true),
      updatedBy: { ...c.str(100, true), name: 'updated_by' }, updatedAt: { ...c.ms(), name: 'updated_at' },
    }),
    schema<BulkExportRow>('bulk_exports', {
      id: c.str(64, false, true), clientId: { ...c.str(100), name: 'client_id' }, practiceId: { ...c.int(true), name: 'practice_id' },
      level: c.str(10), groupId: { ...c.str(64, true), name: 'group_id' }, requestUrl: { ...c.text(), name: 'request_url' },
      request: c.text(), caller: c.text(), status: c.str(12), types: c.text(),
      chunksTotal: { ...c.int(), name: 'chunks_total' }, chunksDone: { ...c.int(), name: 'chunks_done' },
      resources: c.ms(), bytes: c.ms(), error: c.text(true),
      transactionTime: { ...c.ms(), name: 'transaction_time' }, createdAt: { ...c.ms(), name: 'created_at' }, updatedAt: { ...c.ms(), name: 'updated_at' },
      completedAt: { ...c.ms(true), name: 'completed_at' }, expiresAt: { ...c.ms(true), name: 'expires_at' }, lastPolledAt: { ...c.ms(true), name: 'last_polled_at' },
    }, { ix_bulk_exports_client: ['clientId', 'status'], ix_bulk_exports_practice: ['practiceId', 'createdAt'], ix_bulk_exports_status: ['status'] }),
    schema<BulkExportChunkRow>('bulk_export_chunks', {
      exportId: { ...c.str(64, false, true), name: 'export_id' }, chunkNo: { ...c.int(), primary: true, name: 'chunk_no' },
      type: c.str(64), sourceKey: { ...c.str(64), name: 'source_key' }, keyFrom: { ...c.ms(), name: 'key_from' }, keyTo: { ...c.ms(), name: 'key_to' },
      status: c.str(12), files: c.text(true), resources: c.ms(), bytes: c.ms(), completedAt: { ...c.ms(true), name: 'completed_at' },
    }),
  ];
}

import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { LegacyPatient, LegacyPortalAccount, LegacyUsers } from '#facade/legacy-db';
import {
  DEFAULT_PBKDF2_ITERATIONS, legacyPasswordCost, spendPbkdf2Work, verifyLegacyPasswordAsync,
} from '#facade/security';
import type { AccountKind, AuthenticatedAccount, LoginOutcome } from './account.types.js';
import { canAttemptLogin, normalizeLoginName, type LoginStateRow } from './login-rules.js';

type PasswordRow = Pick<LegacyUsers, 'PWD_ALGO' | 'PWD_HASH' | 'PWD_SALT'>;
type TableSpec = { table: 'USERS' | 'PORTAL_ACCOUNT'; idColumn: 'USER_ID' | 'PORTAL_ID'; loginColumn: 'LOGIN_NAME' | 'USERNAME'; maxLength: number };
type AccountRow = PasswordRow & LoginStateRow & Record<string, unknown>;

const TABLES: Record<AccountKind, TableSpec> = {
  'ehr-user': { table: 'USERS', idColumn: 'USER_ID', loginColumn: 'LOGIN_NAME', maxLength: 50 },
  portal: { table: 'PORTAL_ACCOUNT', idColumn: 'PORTAL_ID', loginColumn: 'USERNAME', maxLength: 60 },
};

/**
 * Sign-in against the customer's account tables (see login-rules.ts and the legacy README, "Logins").
 *
 * Read-only on the customer database: the EHR's `ACTIVE_YN` / `LOCKED_YN` are honoured, but no sign-in ever writes
 * `FAILED_LOGINS`, `LOCKED_YN`, `LAST_LOGIN_AT` or `ROW_VER` (throttling and last sign-in times live in the facade
 * store, see sign-in.service.ts).
 *
 * Every attempt costs the same: one lookup, and PBKDF2 work of at least `workIterations` whatever the outcome
 * (unknown login, SHA256 or PBKDF2 hash, inactive or locked account); a cheaper check is padded up to it.
 */
export class AccountService {
  constructor(
    private readonly ds: DataSource,
    /** The PBKDF2 cost every attempt pays (the EHR's current iteration count). */
    private readonly workIterations = DEFAULT_PBKDF2_ITERATIONS,
  ) {}

  /** Checks a login name and password for an EHR user or a portal account. */
  async authenticate(kind: AccountKind, loginName: unknown, password: unknown): Promise<LoginOutcome> {
    const spec = TABLES[kind];
    const login = normalizeLoginName(loginName, spec.maxLength);
    const pw = typeof password === 'string' && password.length <= 256 ? password : '';
    const row = login ? await this.findByLogin(spec, login) : undefined;
    const passwordOk = await this.verifyUniformly(row, pw);
    if (!row) return { ok: false, reason: 'unknown-login' };
    const id = Number(row[spec.idColumn]);
    if (!canAttemptLogin(row)) return { ok: false, reason: row.ACTIVE_YN === 'N' ? 'inactive' : 'locked', accountRowId: id };
    if (!passwordOk) return { ok: false, reason: 'bad-password', accountRowId: id };
    const account = kind === 'ehr-user' ? await this.findEhrUser(id) : await this.findPortalAccount(id);
    return account ? { ok: true, account } : { ok: false, reason: 'unknown-login', accountRowId: id };
  }

  /**
   * The row's own check (false without a row or a password), padded with throw-away PBKDF2 work up to
   * `workIterations`, so the time does not depend on whether the account exists or on its hash format.
   */
  private async verifyUniformly(row: PasswordRow | undefined, pw: string): Promise<boolean> {
    const cost = row ? legacyPasswordCost(row) : 0;
    const [ok] = await Promise.all([
      row && pw !== '' ? verifyLegacyPasswordAsync(row, pw) : Promise.resolve(false),
      spendPbkdf2Work(pw, this.workIterations - cost),
    ]);
    return ok;
  }

  /** An EHR user by USER_ID (for an existing session), or undefined when it no longer may sign in. */
  async findEhrUser(userId: number): Promise<AuthenticatedAccount | undefined> {
    const u = await this.ds.getRepository<LegacyUsers>('USERS').findOne({ where: { USER_ID: userId } });
    if (!u || !canAttemptLogin(u)) return undefined;
    return {
      kind: 'ehr-user',
      accountId: `user:${u.USER_ID}`,
      practiceId: u.PRACTICE_ID,
      displayName: u.FULL_NAME,
      userId: u.USER_ID,
      roleCode: u.ROLE_CODE,
      providerId: u.PROV_ID ?? undefined,
      fhirUser: u.PROV_ID ? `Practitioner/${u.PROV_ID}` : undefined,
      credentialStamp: credentialStamp(u.PWD_ALGO, u.PWD_HASH, u.PWD_SALT ?? '', u.ROLE_CODE, u.PRACTICE_ID, u.PROV_ID ?? ''),
    };
  }

  /** A portal account by PORTAL_ID with its own chart's practice, or undefined when it may not sign in. */
  async findPortalAccount(portalId: number): Promise<AuthenticatedAccount | undefined> {
    const a = await this.ds.getRepository<LegacyPortalAccount>('PORTAL_ACCOUNT').findOne({ where: { PORTAL_ID: portalId } });
    if (!a || !canAttemptLogin(a)) return undefined;
    const p = await this.ds.getRepository<LegacyPatient>('PATIENT').findOne({ where: { PAT_ID: a.PAT_ID } });
    if (!p) return undefined;
    return {
      kind: 'portal',
      accountId: `portal:${a.PORTAL_ID}`,
      practiceId: p.PRACTICE_ID,
      displayName: [p.PREFERRED_NAME || p.FIRST_NAME, p.LAST_NAME].join(' '),
      portalId: a.PORTAL_ID,
      ownPatientId: a.PAT_ID,
      fhirUser: `Patient/${a.PAT_ID}`,
      credentialStamp: credentialStamp(a.PWD_ALGO, a.PWD_HASH, a.PWD_SALT ?? '', a.PAT_ID),
    };
  }

  /** Resolves an oidc-provider account id (`user:<id>` / `portal:<id>`). */
  async findByAccountId(accountId: string): Promise<AuthenticatedAccount | undefined> {
    const m = /^(user|portal):(\d{1,10})$/.exec(accountId);
    if (!m) return undefined;
    return m[1] === 'user' ? this.findEhrUser(Number(m[2])) : this.findPortalAccount(Number(m[2]));
  }

  private async findByLogin(spec: TableSpec, login: string): Promise<AccountRow | undefined> {
    const qb = this.ds.createQueryBuilder().select('t.*').from(spec.table, 't');
    const row = await qb
      .where(`UPPER(t.${qb.escape(spec.loginColumn)}) = UPPER(:login)`, { login })
      .getRawOne<AccountRow>();
    return row ?? undefined;
  }
}

/** SHA-256 over what a session was granted on (password columns, role, practice): a change ends the sessions. */
function credentialStamp(...parts: (string | number)[]): string {
  return createHash('sha256').update(parts.map(String).join('\u0000')).digest('hex');
}

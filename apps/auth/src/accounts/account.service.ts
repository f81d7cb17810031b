import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { LegacyPatient, LegacyPortalAccount, LegacyUsers } from '../../../../libs/legacy-db/src/index.js';
import { epochToWallClock } from '../../../../libs/time/src/index.js';
import { hashLegacyPassword, verifyLegacyPasswordAsync } from '../../../../libs/security/src/passwords/legacy-password.js';
import type { AccountKind, AuthenticatedAccount, LoginOutcome } from './account.types.js';
import { canAttemptLogin, failureLocks, MAX_FAILED_LOGINS, normalizeLoginName, type LoginStateRow } from './login-rules.js';

type PasswordRow = Pick<LegacyUsers, 'PWD_ALGO' | 'PWD_HASH' | 'PWD_SALT'>;
type TableSpec = { table: 'USERS' | 'PORTAL_ACCOUNT'; idColumn: 'USER_ID' | 'PORTAL_ID'; loginColumn: 'LOGIN_NAME' | 'USERNAME'; maxLength: number };

const TABLES: Record<AccountKind, TableSpec> = {
  'ehr-user': { table: 'USERS', idColumn: 'USER_ID', loginColumn: 'LOGIN_NAME', maxLength: 50 },
  portal: { table: 'PORTAL_ACCOUNT', idColumn: 'PORTAL_ID', loginColumn: 'USERNAME', maxLength: 60 },
};

/**
 * Sign-in against the customer's account tables, applying the EHR's rules (see login-rules.ts).
 *
 * The only writes this facade makes to the customer database on sign-in: FAILED_LOGINS / LOCKED_YN on a failure,
 * FAILED_LOGINS = 0 and LAST_LOGIN_AT on a success, each with ROW_VER + 1 and UPDATED_AT in the clinic's
 * wall-clock time, like the EHR does. Counters are updated atomically in SQL so concurrent attempts cannot lose
 * a failure.
 */
export class AccountService {
  /** A password row that never matches, verified when the login is unknown so timing does not reveal it. */
  private readonly decoy: PasswordRow;

  constructor(
    private readonly ds: DataSource,
    private readonly timeZone: string,
    private readonly now: () => number = Date.now,
  ) {
    // Same cost as the EHR's current PBKDF2 accounts, so an unknown login takes as long as a wrong password.
    this.decoy = hashLegacyPassword('PBKDF2', randomBytes(16).toString('base64url'));
  }

  /** Checks a login name and password for an EHR user or a portal account. */
  async authenticate(kind: AccountKind, loginName: unknown, password: unknown): Promise<LoginOutcome> {
    const spec = TABLES[kind];
    const login = normalizeLoginName(loginName, spec.maxLength);
    const pw = typeof password === 'string' && password.length <= 256 ? password : '';
    const row = login ? await this.findByLogin(spec, login) : undefined;
    if (!row) {
      await verifyLegacyPasswordAsync(this.decoy, pw);
      return { ok: false, reason: 'unknown-login' };
    }
    const id = Number(row[spec.idColumn]);
    const passwordOk = pw !== '' && (await verifyLegacyPasswordAsync(row, pw));
    if (!canAttemptLogin(row)) return { ok: false, reason: row.ACTIVE_YN === 'N' ? 'inactive' : 'locked', accountRowId: id };
    if (!passwordOk) {
      await this.recordFailure(spec, id);
      return { ok: false, reason: failureLocks(row.FAILED_LOGINS) ? 'now-locked' : 'bad-password', accountRowId: id };
    }
    await this.recordSuccess(spec, id);
    const account = kind === 'ehr-user' ? await this.findEhrUser(id) : await this.findPortalAccount(id);
    return account ? { ok: true, account } : { ok: false, reason: 'unknown-login', accountRowId: id };
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
    };
  }

  /** Resolves an oidc-provider account id (`user:<id>` / `portal:<id>`). */
  async findByAccountId(accountId: string): Promise<AuthenticatedAccount | undefined> {
    const m = /^(user|portal):(\d{1,10})$/.exec(accountId);
    if (!m) return undefined;
    return m[1] === 'user' ? this.findEhrUser(Number(m[2])) : this.findPortalAccount(Number(m[2]));
  }

  private async findByLogin(spec: TableSpec, login: string): Promise<(PasswordRow & LoginStateRow & Record<string, unknown>) | undefined> {
    const qb = this.ds.createQueryBuilder().select('t.*').from(spec.table, 't');
    const row = await qb
      .where(`UPPER(t.${qb.escape(spec.loginColumn)}) = UPPER(:login)`, { login })
      .getRawOne<PasswordRow & { ACTIVE_YN: string; LOCKED_YN: string; FAILED_LOGINS: number } & Record<string, unknown>>();
    if (!row) return undefined;
    return { ...row, FAILED_LOGINS: Number(row.FAILED_LOGINS ?? 0) };
  }

  private wallClockNow(): string {
    return epochToWallClock(Math.floor(this.now() / 1000) * 1000, this.timeZone);
  }

  private async recordFailure(spec: TableSpec, id: number): Promise<void> {
    const qb = this.ds.createQueryBuilder();
    const failed = qb.escape('FAILED_LOGINS');
    await qb
      .update(spec.table)
      .set({
        FAILED_LOGINS: () => `${failed} + 1`,
        LOCKED_YN: () => `CASE WHEN ${failed} + 1 >= ${MAX_FAILED_LOGINS} THEN 'Y' ELSE ${qb.escape('LOCKED_YN')} END`,
        ROW_VER: () => `${qb.escape('ROW_VER')} + 1`,
        UPDATED_AT: this.wallClockNow(),
      })
      .where(`${qb.escape(spec.idColumn)} = :id`, { id })
      .execute();
  }

  private async recordSuccess(spec: TableSpec, id: number): Promise<void> {
    const now = this.wallClockNow();
    const qb = this.ds.createQueryBuilder();
    await qb
      .update(spec.table)
      .set({ FAILED_LOGINS: 0, LAST_LOGIN_AT: now, ROW_VER: () => `${qb.escape('ROW_VER')} + 1`, UPDATED_AT: now })
      .where(`${qb.escape(spec.idColumn)} = :id`, { id })
      .execute();
  }
}

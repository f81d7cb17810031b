/**
 * The sign-in rules shared by EHR users (`USERS`) and portal accounts (`PORTAL_ACCOUNT`): `ACTIVE_YN = 'N'` or
 * `LOCKED_YN = 'Y'` cannot sign in. The facade reads those flags but never writes the EHR's lock-out columns;
 * failed attempts are throttled in the facade store (sign-in.service.ts). See libs/legacy-db/ddl/README.md
 * ("Logins").
 */

/** The one message shown for every refused sign-in, so the page never reveals whether an account exists. */
export const LOGIN_REFUSED_MESSAGE = 'The user name or password is incorrect, or this account cannot sign in. ' +
  'After repeated unsuccessful attempts, sign-in is paused for a while.';

/** The message of a throttled sign-in (same for every login name, existing or not). */
export function signInPausedMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return retryAfterSeconds < 60
    ? `Too many unsuccessful sign-in attempts. Please wait ${Math.max(1, retryAfterSeconds)} seconds and try again.`
    : `Too many unsuccessful sign-in attempts. Sign-in is paused; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

/** The columns the rules read. */
export interface LoginStateRow {
  ACTIVE_YN: string;
  LOCKED_YN: string;
}

/** Why a sign-in was refused (for the audit log only, never for the page). */
export type RefusalReason = 'unknown-login' | 'bad-password' | 'inactive' | 'locked';

/** True when the account may attempt a sign-in at all. */
export function canAttemptLogin(row: LoginStateRow): boolean {
  return row.ACTIVE_YN !== 'N' && row.LOCKED_YN !== 'Y';
}

/** Normalises a typed login name: trimmed; comparisons are case-insensitive. Empty or overlong names are refused. */
export function normalizeLoginName(raw: unknown, maxLength: number): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const name = raw.trim();
  if (name.length === 0 || name.length > maxLength) return undefined;
  return name;
}

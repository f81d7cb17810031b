/**
 * The EHR's sign-in rules, shared by EHR users (`USERS`) and portal accounts (`PORTAL_ACCOUNT`):
 * `ACTIVE_YN = 'N'` or `LOCKED_YN = 'Y'` cannot sign in; 5 consecutive failures lock the account; a success resets
 * the counter. See libs/legacy-db/ddl/README.md ("Password formats").
 */

/** Consecutive failed sign-ins after which the account is locked (the EHR's own rule). */
export const MAX_FAILED_LOGINS = 5;

/** The one message shown for every refused sign-in, so the page never reveals whether an account exists. */
export const LOGIN_REFUSED_MESSAGE = 'The user name or password is incorrect, or this account cannot sign in. ' +
  'After 5 unsuccessful attempts the account is locked; contact your practice to unlock it.';

/** The columns the rules read. */
export interface LoginStateRow {
  ACTIVE_YN: string;
  LOCKED_YN: string;
  FAILED_LOGINS: number;
}

/** Why a sign-in was refused (for the audit log only, never for the page). */
export type RefusalReason = 'unknown-login' | 'bad-password' | 'inactive' | 'locked' | 'now-locked';

/** True when the account may attempt a sign-in at all. */
export function canAttemptLogin(row: LoginStateRow): boolean {
  return row.ACTIVE_YN !== 'N' && row.LOCKED_YN !== 'Y';
}

/** True when one more failure (on top of `failedSoFar`) locks the account. */
export function failureLocks(failedSoFar: number): boolean {
  return (failedSoFar ?? 0) + 1 >= MAX_FAILED_LOGINS;
}

/** Normalises a typed login name: trimmed; comparisons are case-insensitive. Empty or overlong names are refused. */
export function normalizeLoginName(raw: unknown, maxLength: number): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const name = raw.trim();
  if (name.length === 0 || name.length > maxLength) return undefined;
  return name;
}

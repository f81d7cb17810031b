import { parseResourceScope, splitScopes } from '../oidc/smart-scopes.js';

/** ONC (g)(10): refresh tokens of patient-facing apps last at least 3 months; 92 days covers every 3 months. */
export const PATIENT_FACING_MIN_REFRESH_DAYS = 92;
/** Shortest refresh-token lifetime a clinic may set for any other app. */
export const MIN_REFRESH_DAYS = 1;

/**
 * True for apps patients can use: any user-facing (not backend) app registered for a `patient/` scope, which
 * the patient API (`/open`) grants to portal accounts.
 */
export function isPatientFacing(app: { backendServices: boolean; scope: string }): boolean {
  return !app.backendServices && splitScopes(app.scope).some((s) => parseResourceScope(s)?.context === 'patient');
}

/**
 * Why a per-app refresh-token lifetime (seconds; null = the server default) is not allowed for an app, or
 * undefined when it is.
 */
export function refreshLifetimeProblem(app: { backendServices: boolean; scope: string }, refreshTokenTtl: number | null | undefined): string | undefined {
  if (refreshTokenTtl === null || refreshTokenTtl === undefined) return undefined;
  const days = refreshTokenTtl / 86400;
  if (isPatientFacing(app) && days < PATIENT_FACING_MIN_REFRESH_DAYS) {
    return `Patients use this app: its refresh tokens must last at least ${PATIENT_FACING_MIN_REFRESH_DAYS} days (3 months, ONC).`;
  }
  if (days < MIN_REFRESH_DAYS) return `A refresh token lifetime must be at least ${MIN_REFRESH_DAYS} day.`;
  return undefined;
}

/** The refresh-token lifetime actually used: never below the patient-facing minimum (older approvals included). */
export function effectiveRefreshTtl(app: { backendServices: boolean; scope: string } | undefined, ttl: number): number {
  return app && isPatientFacing(app) ? Math.max(ttl, PATIENT_FACING_MIN_REFRESH_DAYS * 86400) : ttl;
}

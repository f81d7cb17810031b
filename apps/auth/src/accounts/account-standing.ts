import type { AccountService } from './account.service.js';
import type { PatientLookupService } from '../interactions/patient-lookup.service.js';

/** Whether an account may (still) hold an authorization, and for which practice. */
export type Standing =
  | { ok: true; practiceId: number }
  | { ok: false; reason: string };

/**
 * Re-derives, from the EHR's own tables, what an account may authorize right now: the account must still pass the
 * sign-in rules (login-rules.ts: not inactive, not locked), and the patient in context must be
 * - for an EHR user: a (non-merged) chart of the user's own practice;
 * - for a portal account: its own chart or a chart a PORTAL_PROXY row covers today.
 * The practice returned is the one the authorization binds: the user's practice, or the chart's practice.
 *
 * Used when consent completes (never trusting a caller's practice or patient) and on every token issue and
 * refresh (an account deactivated or a proxy ended after consent loses its apps' access at the next refresh).
 */
export class AccountStanding {
  constructor(private readonly accounts: AccountService, private readonly patients: PatientLookupService) {}

  /** Checks `accountId` (`user:<id>` / `portal:<id>`) with an optional patient in context. */
  async check(accountId: string, patientId?: number): Promise<Standing> {
    const account = await this.accounts.findByAccountId(accountId);
    if (!account) return { ok: false, reason: 'the account can no longer sign in' };
    if (account.kind === 'ehr-user') {
      if (patientId === undefined) return { ok: true, practiceId: account.practiceId };
      const chart = await this.patients.findInPractice(account.practiceId, patientId);
      return chart ? { ok: true, practiceId: account.practiceId } : { ok: false, reason: "the patient is not a chart of the account's practice" };
    }
    if (patientId === undefined) return { ok: true, practiceId: account.practiceId };
    const chart = await this.patients.portalChart(account.portalId!, account.ownPatientId!, patientId);
    return chart ? { ok: true, practiceId: chart.practiceId } : { ok: false, reason: 'the account may no longer open this chart' };
  }
}

/**
 * The documented demo logins of the generated EHR. DEMO ONLY: these passwords are published on purpose and
 * must never exist in a real clinic's database. Every demo account lives in practice 1 and has the same ids in
 * every generated database (the generator writes them first).
 */

/** The password of every demo login. */
export const DEMO_PASSWORD = 'Demo!2345';

/** One documented demo login. */
export interface DemoCredential {
  /** `ehr` = a USERS row (EHR staff login), `portal` = a PORTAL_ACCOUNT row (patient portal login). */
  kind: 'ehr' | 'portal';
  login: string;
  password: string;
  /** Human-readable role, e.g. `Practice administrator (ADMIN)`. */
  role: string;
  /** USERS.ROLE_CODE for EHR users; `PATIENT` / `PROXY` for portal accounts. */
  roleCode: string;
  /** USERS.USER_ID or PORTAL_ACCOUNT.PORTAL_ID. */
  accountId: number;
  practiceId: 1;
  pwdAlgo: 'SHA256' | 'PBKDF2';
  /** False for the accounts that exist to prove a refused login (inactive, locked). */
  canLogIn: boolean;
  description: string;
}

const ehr = (login: string, role: string, roleCode: string, accountId: number, pwdAlgo: 'SHA256' | 'PBKDF2', description: string, canLogIn = true): DemoCredential =>
  ({ kind: 'ehr', login, password: DEMO_PASSWORD, role, roleCode, accountId, practiceId: 1, pwdAlgo, canLogIn, description });
const portal = (login: string, role: string, roleCode: string, accountId: number, pwdAlgo: 'SHA256' | 'PBKDF2', description: string): DemoCredential =>
  ({ kind: 'portal', login, password: DEMO_PASSWORD, role, roleCode, accountId, practiceId: 1, pwdAlgo, canLogIn: true, description });

/** Demo logins by purpose. Demo patients: see {@link DEMO_PATIENT_IDS}. */
export const DEMO_LOGINS = {
  provider: ehr('dr.demo', 'EHR provider (PROV)', 'PROV', 1, 'PBKDF2', 'Family physician Dana Whitman, MD (PROV_ID 1), PCP of the demo patients'),
  admin: ehr('admin.demo', 'Practice administrator (ADMIN)', 'ADMIN', 2, 'PBKDF2', 'Administrator of practice 1 (approves apps)'),
  nurse: ehr('nurse.demo', 'Nurse (NURSE)', 'NURSE', 3, 'SHA256', 'Nurse, legacy SHA256 password format'),
  frontDesk: ehr('front.demo', 'Front desk (FRONT)', 'FRONT', 4, 'SHA256', 'Front desk, legacy SHA256 password format'),
  billing: ehr('billing.demo', 'Billing (BILL)', 'BILL', 5, 'PBKDF2', 'Billing clerk'),
  inactiveUser: ehr('inactive.demo', 'Inactive user (refused)', 'FRONT', 6, 'PBKDF2', 'ACTIVE_YN = N: the login must be refused', false),
  lockedUser: ehr('locked.demo', 'Locked user (refused)', 'NURSE', 7, 'SHA256', 'LOCKED_YN = Y after 5 failures: the login must be refused', false),
  patient: portal('patient.demo', 'Portal patient', 'PATIENT', 2, 'PBKDF2', 'Portal account of the adult demo patient Eleanor Whitfield (PAT_ID 3), chronic-care history'),
  proxyParent: portal('parent.demo', 'Portal proxy parent', 'PROXY', 1, 'SHA256', 'Portal account of Jordan Rivera (own chart PAT_ID 1); PORTAL_PROXY covers the child Mia Rivera (PAT_ID 2)'),
} as const satisfies Record<string, DemoCredential>;

/** Every documented demo login (EHR users first, then portal accounts). */
export const DEMO_CREDENTIALS: readonly DemoCredential[] = Object.freeze(Object.values(DEMO_LOGINS));

/** PAT_IDs of the demo patients (practice 1). */
export const DEMO_PATIENT_IDS = { parent: 1, child: 2, patient: 3 } as const;

/** Iterations of the demo accounts' PBKDF2 hashes (a realistic production cost). */
export const DEMO_PBKDF2_ITERATIONS = 210_000;
/** Iterations of the other generated accounts, whose random passwords nobody knows (kept cheap for speed). */
export const BULK_PBKDF2_ITERATIONS = 2_000;

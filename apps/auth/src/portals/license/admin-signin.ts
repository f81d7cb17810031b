import type { ScreensDeps } from '../../web/screens-deps.js';
import { EhrStaffSignIn } from '../ehr-staff-signin.js';
import { portalSessions } from '../portal-session.js';

/** The `/admin` portal's sign-in (practice administrators, USERS.ROLE_CODE = ADMIN), shared by its pages. */
export function adminSignIn(deps: ScreensDeps): EhrStaffSignIn {
  return new EhrStaffSignIn(deps, {
    name: 'admin', path: '/admin', area: 'License Management portal', heading: 'License Management', session: portalSessions(deps).admin,
    intro: 'Practice administrators approve the apps that may connect to the practice. Sign in with your EHR account.',
    role: { code: 'ADMIN', refusal: 'This portal is for practice administrators. Ask your administrator to approve apps.' },
  });
}

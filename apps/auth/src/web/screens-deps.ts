import type Provider from 'oidc-provider';
import type { DataSource } from 'typeorm';
import type { FacadeStore } from '#facade/facade-store';
import type { AuthConfig } from '../auth-config.js';
import type { EhrLaunchService } from '../launch/ehr-launch.service.js';
import type { SmartInteractionService } from '../oidc/smart-interaction.service.js';
import type { ClientRegistrationService } from '../registration/client-registration.service.js';
import { AccountService } from '../accounts/account.service.js';
import { SignInService } from '../accounts/sign-in.service.js';
import { PatientLookupService } from '../interactions/patient-lookup.service.js';
import { CsrfGuard } from './csrf.js';
import { WebSecrets } from './web-secrets.js';

/** DI token of {@link ScreensDeps}. */
export const SCREENS_DEPS = Symbol('SCREENS_DEPS');

/** What the core wiring hands to the screens (login, picker, consent, portals, directory). */
export interface ScreensInputs {
  config: AuthConfig;
  provider: Provider;
  store: FacadeStore;
  /** The core's completion of login/consent (grant with exactly the granted scopes, grant context, launch). */
  interactions: SmartInteractionService;
  /** The customer's (legacy EHR) database, initialized. */
  legacy: DataSource;
  /** Overrides the page-cookie secret (tests); default: AUTH_WEB_SECRET or a secret file in dataDir. */
  secrets?: WebSecrets;
  now?: () => number;
  /** The core's app registration rules (developer portal). */
  registration: ClientRegistrationService;
  /** The core's EHR launch API (EHR simulator page). */
  ehrLaunch: EhrLaunchService;
}

/** Everything the screens' controllers use, built once. */
export interface ScreensDeps extends ScreensInputs {
  secrets: WebSecrets;
  csrf: CsrfGuard;
  accounts: AccountService;
  /** Throttled sign-in (every sign-in form goes through it). */
  signIn: SignInService;
  patients: PatientLookupService;
  now: () => number;
}

/** Builds {@link ScreensDeps} from the core's objects. */
export function buildScreensDeps(input: ScreensInputs): ScreensDeps {
  const now = input.now ?? Date.now;
  const secrets = input.secrets ?? WebSecrets.load(process.env, input.config.dataDir);
  const accounts = new AccountService(input.legacy);
  return {
    ...input,
    now,
    secrets,
    csrf: new CsrfGuard(secrets, input.config.auth.secureCookies),
    accounts,
    signIn: new SignInService(accounts, input.store, input.config.auth.signIn, now),
    patients: new PatientLookupService(input.legacy, input.config.legacyTimeZone, now),
  };
}

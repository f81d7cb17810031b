import { ConfigError, envInt, loadConfig, type AppConfig } from '#facade/config';
import { fhirBasesOf } from '#facade/mappers/src/endpoint/endpoint.mapper.js';
import type { SignInPolicy } from './accounts/sign-in.service.js';

/** Settings specific to the authorization server, on top of the shared {@link AppConfig}. */
export interface AuthSettings {
  /** Secret that encrypts private signing keys at rest (AUTH_KEY_ENCRYPTION_SECRET); null = stored unencrypted. */
  keyEncryptionSecret: string | null;
  /** Shared secret the EHR presents to create launch contexts (EHR_LAUNCH_SECRET); null = only backend clients. */
  ehrLaunchSecret: string | null;
  /**
   * Initial access token RFC 7591 registration requires (AUTH_REGISTRATION_TOKEN). Without it `/reg` is closed
   * (developers register through the Connect portal) unless AUTH_OPEN_REGISTRATION=true opens it (test kits).
   */
  registrationToken: string | null;
  /** RFC 7591 registration without an initial access token (AUTH_OPEN_REGISTRATION=true; default false). */
  openRegistration: boolean;
  /** Registrations accepted per client IP and hour, `/reg` and Connect together (AUTH_REGISTRATION_PER_HOUR, default 10). */
  registrationsPerHour: number;
  /** Default access-token lifetime in seconds (ACCESS_TOKEN_TTL_SECONDS, max 3600). */
  accessTokenTtl: number;
  /** Default refresh-token lifetime in seconds (REFRESH_TOKEN_TTL_DAYS, at least 92 days). */
  refreshTokenTtl: number;
  /** Backend-services token lifetime in seconds (at most 300). */
  clientCredentialsTtl: number;
  /** EHR launch context lifetime in seconds. */
  launchContextTtl: number;
  /** Allow jwks_uri on private/loopback addresses (AUTH_ALLOW_PRIVATE_JWKS_URI=true, for local test kits only). */
  allowPrivateJwksUri: boolean;
  /** Mark cookies Secure (true when AUTH_PUBLIC_URL is https). */
  secureCookies: boolean;
  /**
   * Accept POST at the authorization endpoint (SMART authorize-post). Needs SameSite=None session cookies, which
   * browsers only keep when Secure: on by default with an https AUTH_PUBLIC_URL; AUTH_AUTHORIZE_POST=true forces
   * it on plain http (non-browser clients only), =false turns it off.
   */
  authorizePost: boolean;
  /**
   * Trust X-Forwarded-Proto/Host/For from a TLS-terminating proxy (AUTH_TRUST_PROXY; default true with an https
   * AUTH_PUBLIC_URL, whose TLS ends before this process). Never enable it when clients reach the process directly.
   */
  trustProxy: boolean;
  /**
   * Client ids of resource servers allowed to introspect any token (AUTH_INTROSPECTION_CLIENTS, comma-separated;
   * default none). They authenticate with their client credentials. Every other caller may introspect only its own
   * client's tokens (see oidc/introspection-policy.ts).
   */
  introspectionClients: string[];
  /** Throttling of failed sign-ins (SIGNIN_MAX_FAILURES, SIGNIN_IP_MAX_FAILURES, SIGNIN_LOCK_MINUTES, SIGNIN_BACKOFF_SECONDS). */
  signIn: SignInPolicy;
  /** Portal sessions end after this long without use (PORTAL_SESSION_IDLE_MINUTES, default 15). */
  portalSessionIdleMs: number;
}

/** The auth app's whole configuration. */
export interface AuthConfig extends AppConfig {
  auth: AuthSettings;
  /** The two FHIR bases tokens can be issued for: provider API and patient API. */
  fhirBases: { provider: string; patient: string };
}

/** Builds the auth configuration from an already validated {@link AppConfig} and the environment. */
export function authConfigFrom(base: AppConfig, env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const problems: string[] = [];
  const kek = env.AUTH_KEY_ENCRYPTION_SECRET || null;
  if (kek !== null && kek.length < 16) problems.push('AUTH_KEY_ENCRYPTION_SECRET: must be at least 16 characters');
  const launchSecret = env.EHR_LAUNCH_SECRET || null;
  if (launchSecret !== null && launchSecret.length < 16) problems.push('EHR_LAUNCH_SECRET: must be at least 16 characters');
  const registrationToken = env.AUTH_REGISTRATION_TOKEN || null;
  if (registrationToken !== null && registrationToken.length < 16) problems.push('AUTH_REGISTRATION_TOKEN: must be at least 16 characters');
  const introspectionClients = (env.AUTH_INTROSPECTION_CLIENTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of introspectionClients) {
    if (!/^[\w.:-]{1,100}$/.test(id)) problems.push(`AUTH_INTROSPECTION_CLIENTS: "${id.slice(0, 100)}" is not a client id`);
  }
  const auth: AuthSettings = {
    keyEncryptionSecret: kek,
    ehrLaunchSecret: launchSecret,
    registrationToken,
    openRegistration: env.AUTH_OPEN_REGISTRATION === 'true',
    registrationsPerHour: envInt(env, 'AUTH_REGISTRATION_PER_HOUR', 10, 1, 10000, problems),
    accessTokenTtl: envInt(env, 'ACCESS_TOKEN_TTL_SECONDS', 3600, 60, 3600, problems),
    refreshTokenTtl: envInt(env, 'REFRESH_TOKEN_TTL_DAYS', 92, 92, 3650, problems) * 86400,
    clientCredentialsTtl: envInt(env, 'BACKEND_TOKEN_TTL_SECONDS', 300, 30, 300, problems),
    launchContextTtl: envInt(env, 'EHR_LAUNCH_TTL_SECONDS', 300, 30, 3600, problems),
    allowPrivateJwksUri: env.AUTH_ALLOW_PRIVATE_JWKS_URI === 'true',
    secureCookies: base.authPublicUrl.startsWith('https:'),
    authorizePost: env.AUTH_AUTHORIZE_POST ? env.AUTH_AUTHORIZE_POST === 'true' : base.authorizePost,
    trustProxy: env.AUTH_TRUST_PROXY ? env.AUTH_TRUST_PROXY === 'true' : base.authPublicUrl.startsWith('https:'),
    introspectionClients,
    signIn: {
      maxFailures: envInt(env, 'SIGNIN_MAX_FAILURES', 5, 1, 1000, problems),
      ipMaxFailures: envInt(env, 'SIGNIN_IP_MAX_FAILURES', 50, 1, 100_000, problems),
      lockMs: envInt(env, 'SIGNIN_LOCK_MINUTES', 15, 1, 24 * 60, problems) * 60_000,
      backoffBaseMs: envInt(env, 'SIGNIN_BACKOFF_SECONDS', 1, 0, 60, problems) * 1000,
    },
    portalSessionIdleMs: envInt(env, 'PORTAL_SESSION_IDLE_MINUTES', 15, 1, 8 * 60, problems) * 60_000,
  };
  if (problems.length) throw new ConfigError(problems);
  return { ...base, auth, fhirBases: fhirBasesOf(base.fhirPublicUrl) };
}

/** Reads and validates the auth app configuration from the environment. */
export function loadAuthConfig(env: NodeJS.ProcessEnv = process.env): AuthConfig {
  return authConfigFrom(loadConfig(env), env);
}

/**
 * The SMART discovery document served at `[base]/.well-known/smart-configuration` (SMART App Launch 2.2,
 * https://hl7.org/fhir/smart-app-launch/STU2.2/conformance.html#metadata). The endpoints are the auth app's
 * (oidc-provider's route names); the FHIR API and the auth app both build it from here so they never disagree.
 */
export interface SmartConfiguration {
  issuer: string;
  jwks_uri: string;
  authorization_endpoint: string;
  token_endpoint: string;
  introspection_endpoint: string;
  revocation_endpoint: string;
  registration_endpoint: string;
  management_endpoint: string;
  userinfo_endpoint: string;
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  token_endpoint_auth_signing_alg_values_supported: string[];
  scopes_supported: string[];
  response_types_supported: string[];
  code_challenge_methods_supported: string[];
  capabilities: string[];
}

/** Auth app paths, relative to AUTH_PUBLIC_URL. */
export const SMART_AUTH_PATHS = {
  authorize: '/auth',
  token: '/token',
  introspect: '/token/introspection',
  revoke: '/token/revocation',
  register: '/reg',
  manage: '/apps',
  userinfo: '/me',
  jwks: '/jwks',
} as const;

/** Absolute auth endpoints for a deployment. */
export function smartAuthEndpoints(authPublicUrl: string): Record<keyof typeof SMART_AUTH_PATHS, string> {
  const base = authPublicUrl.replace(/\/+$/, '');
  return Object.fromEntries(Object.entries(SMART_AUTH_PATHS).map(([k, p]) => [k, base + p])) as Record<keyof typeof SMART_AUTH_PATHS, string>;
}

/** What a deployment has switched on or off among the SMART capabilities. */
export interface SmartDeploymentOptions {
  /** The auth app accepts POST at its authorization endpoint (`authorize-post`; AppConfig.authorizePost). */
  authorizePost: boolean;
}

/** Builds the SMART configuration for a deployment whose auth app is at `authPublicUrl`. */
export function buildSmartConfiguration(authPublicUrl: string, deployment: SmartDeploymentOptions): SmartConfiguration {
  const e = smartAuthEndpoints(authPublicUrl);
  return {
    issuer: authPublicUrl.replace(/\/+$/, ''),
    jwks_uri: e.jwks,
    authorization_endpoint: e.authorize,
    token_endpoint: e.token,
    introspection_endpoint: e.introspect,
    revocation_endpoint: e.revoke,
    registration_endpoint: e.register,
    management_endpoint: e.manage,
    userinfo_endpoint: e.userinfo,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'private_key_jwt', 'none'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    scopes_supported: [
      'openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'launch/encounter', 'offline_access', 'online_access',
      'patient/*.rs', 'user/*.rs', 'system/*.rs', 'patient/*.read', 'user/*.read', 'system/*.read',
    ],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    capabilities: [
      'launch-ehr', 'launch-standalone', ...(deployment.authorizePost ? ['authorize-post'] : []), 'client-public', 'client-confidential-symmetric',
      'client-confidential-asymmetric', 'sso-openid-connect', 'context-banner', 'context-style', 'context-ehr-patient',
      'context-ehr-encounter', 'context-standalone-patient', 'permission-offline', 'permission-online',
      'permission-patient', 'permission-user', 'permission-v1', 'permission-v2',
    ],
  };
}

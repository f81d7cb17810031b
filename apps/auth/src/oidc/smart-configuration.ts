/**
 * The SMART discovery document (`.well-known/smart-configuration`). The FHIR API serves the same document for
 * each FHIR base; both must build it from this one function so URLs string-match (Inferno discovery tests).
 * https://hl7.org/fhir/smart-app-launch/STU2.2/conformance.html#metadata
 */

/** SMART capabilities this server implements. */
export const SMART_CAPABILITIES = [
  'launch-ehr', 'launch-standalone', 'authorize-post',
  'client-public', 'client-confidential-symmetric', 'client-confidential-asymmetric',
  'sso-openid-connect', 'context-banner', 'context-style',
  'context-ehr-patient', 'context-ehr-encounter', 'context-standalone-patient',
  'permission-offline', 'permission-online', 'permission-patient', 'permission-user', 'permission-v1', 'permission-v2',
] as const;

/** Endpoint URLs of the authorization server, all absolute. */
export function authEndpoints(authPublicUrl: string) {
  const base = authPublicUrl.replace(/\/+$/, '');
  return {
    issuer: base,
    jwks_uri: `${base}/jwks`,
    authorization_endpoint: `${base}/auth`,
    token_endpoint: `${base}/token`,
    introspection_endpoint: `${base}/token/introspect`,
    revocation_endpoint: `${base}/token/revoke`,
    registration_endpoint: `${base}/register`,
    management_endpoint: `${base}/patient/apps`,
    userinfo_endpoint: `${base}/me`,
  };
}

/** The smart-configuration JSON for a FHIR base (`<FHIR_PUBLIC_URL>/fhir` or `/open`). */
export function buildSmartConfiguration(authPublicUrl: string): Record<string, unknown> {
  const e = authEndpoints(authPublicUrl);
  return {
    ...e,
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none', 'client_secret_basic', 'private_key_jwt'],
    token_endpoint_auth_signing_alg_values_supported: ['RS384', 'ES384'],
    scopes_supported: [
      'openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'launch/encounter', 'offline_access', 'online_access',
      'patient/*.rs', 'user/*.rs', 'system/*.rs', 'patient/*.read', 'user/*.read', 'system/*.read',
    ],
    capabilities: [...SMART_CAPABILITIES],
  };
}

/** The style document behind `smart_style_url` (context-style). */
export const SMART_STYLE = {
  color_background: '#f6f7f9',
  color_error: '#b00020',
  color_highlight: '#1d5fa7',
  color_modal_backdrop: 'rgba(0,0,0,0.4)',
  color_success: '#2e7d32',
  color_text: '#1b1b1b',
  dim_border_radius: '6px',
  dim_font_size: '14px',
  dim_spacing_size: '16px',
  font_family_body: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  font_family_heading: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
};

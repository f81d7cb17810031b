import type { JWK } from 'jose';
import type { ClientRegistrationInput } from '../../registration/client-registration.service.js';
import { field } from '../portal-session.js';
import type { AppFormValues } from './connect.views.js';

const KIND_VALUES = new Set<AppFormValues['kind']>(['public', 'confidential-secret', 'confidential-jwt', 'backend']);
const lines = (s: string) => s.split(/[\r\n]+/).map((x) => x.trim()).filter(Boolean);

/** Reads the registration form into sticky values. */
export function readAppForm(form: Record<string, unknown>): AppFormValues {
  const kind = field(form, 'kind') as AppFormValues['kind'];
  return {
    name: field(form, 'name', 200),
    kind: KIND_VALUES.has(kind) ? kind : 'public',
    redirectUris: field(form, 'redirectUris', 4000),
    launchUri: field(form, 'launchUri', 2000),
    jwksUri: field(form, 'jwksUri', 2000),
    jwks: field(form, 'jwks', 20000),
    scope: field(form, 'scope', 4000),
    allowedOrigins: field(form, 'allowedOrigins', 4000),
    practices: field(form, 'practices', 200),
  };
}

/**
 * Turns the form into the core's registration input. Returns form-level problems (unparseable JWKS) separately;
 * everything else is validated by the ClientRegistrationService, the same rules as RFC 7591 registration.
 */
export function toRegistrationInput(v: AppFormValues, developerAccountId: string): { input: ClientRegistrationInput; problems: string[] } {
  const problems: string[] = [];
  let jwks: { keys: JWK[] } | null = null;
  if (v.jwks) {
    try {
      jwks = JSON.parse(v.jwks) as { keys: JWK[] };
    } catch {
      problems.push('jwks: not valid JSON');
    }
  }
  const keyPair = v.kind === 'confidential-jwt' || v.kind === 'backend';
  const input: ClientRegistrationInput = {
    name: v.name,
    clientType: v.kind === 'public' ? 'public' : 'confidential',
    authMethod: v.kind === 'public' ? 'none' : keyPair ? 'private_key_jwt' : 'client_secret_basic',
    backendServices: v.kind === 'backend',
    redirectUris: lines(v.redirectUris),
    launchUri: v.launchUri || null,
    jwks: keyPair ? jwks : null,
    jwksUri: keyPair ? v.jwksUri || null : null,
    scope: v.scope.split(/\s+/).filter(Boolean).join(' '),
    allowedOrigins: lines(v.allowedOrigins),
    developerAccountId,
    practiceIds: v.practices.split(/[\s,]+/).filter(Boolean).map(Number),
  };
  if (!keyPair && (v.jwks || v.jwksUri)) problems.push('jwks / jwksUri: only for apps that authenticate with a key pair');
  return { input, problems };
}

import { Inject, Injectable, Optional } from '@nestjs/common';
import { importJWK, type JWK } from 'jose';
import type { FacadeStore, RegisteredClient } from '#facade/facade-store';
import { isKnownScope, parseResourceScope, scopeCovers, splitScopes } from '../oidc/smart-scopes.js';
import type { AuthConfig } from '../auth-config.js';
import { isPrivateHost } from '../oidc/private-host.js';
import { AUTH_CONFIG, FACADE_STORE } from '../tokens.js';
import { RegistrationThrottle } from './registration-throttle.js';

/** What a developer (portal form, RFC 7591 request, CLI) asks to register. */
export interface ClientRegistrationInput {
  name: string;
  clientType: 'public' | 'confidential';
  /** For confidential apps: `client_secret_basic` (default) or `private_key_jwt`. */
  authMethod?: 'none' | 'client_secret_basic' | 'private_key_jwt';
  redirectUris?: string[];
  launchUri?: string | null;
  jwks?: { keys: JWK[] } | null;
  jwksUri?: string | null;
  /** Space-separated scopes the app may request. */
  scope: string;
  backendServices?: boolean;
  allowedOrigins?: string[];
  developerAccountId?: string | null;
  /** Who answers for the app (RFC 7591 `contacts`: e-mail addresses), shown to the clinics that vet it. */
  contacts?: string[];
  /** Practices the app asks to be approved by: its License Management entry is listed at those practices. */
  practiceIds?: number[];
}

/** Bounds of a registration (one app once carried 3,000 redirect URIs). */
export const REGISTRATION_LIMITS = {
  name: 100, redirectUris: 10, url: 2000, allowedOrigins: 10, contacts: 5, contact: 254, scopes: 60, scopeLength: 4000, jwksKeys: 10, practiceIds: 20,
} as const;

const EMAIL = /^[^\s@<>"]{1,64}@[A-Za-z0-9.-]{1,189}\.[A-Za-z]{2,}$/;

/** Count and length bounds of every list and text of a registration. */
function checkBounds(input: ClientRegistrationInput, problems: string[]): void {
  const L = REGISTRATION_LIMITS;
  const count = (label: string, list: unknown[] | undefined | null, max: number) => {
    if ((list?.length ?? 0) > max) problems.push(`${label}: at most ${max}`);
  };
  count('redirectUris', input.redirectUris, L.redirectUris);
  count('allowedOrigins', input.allowedOrigins, L.allowedOrigins);
  count('contacts', input.contacts, L.contacts);
  count('practiceIds', input.practiceIds, L.practiceIds);
  count('jwks.keys', (input.jwks as { keys?: unknown[] } | null)?.keys, L.jwksKeys);
  const urls: [string, (string | null | undefined)[]][] = [['redirectUris', input.redirectUris ?? []], ['allowedOrigins', input.allowedOrigins ?? []], ['launchUri', [input.launchUri]], ['jwksUri', [input.jwksUri]]];
  for (const [label, list] of urls) {
    if (list.some((u) => typeof u === 'string' && u.length > L.url)) problems.push(`${label}: each URL at most ${L.url} characters`);
  }
  for (const c of input.contacts ?? []) {
    if (typeof c !== 'string' || c.length > L.contact || !EMAIL.test(c)) problems.push(`contacts: "${String(c).slice(0, 60)}" is not an e-mail address`);
  }
  for (const id of input.practiceIds ?? []) {
    if (!Number.isSafeInteger(id) || id <= 0) problems.push(`practiceIds: "${String(id).slice(0, 20)}" is not a practice id`);
  }
  if (typeof input.scope === 'string' && (input.scope.length > L.scopeLength || splitScopes(input.scope).length > L.scopes)) problems.push(`scope: at most ${L.scopes} scopes and ${L.scopeLength} characters`);
}

/** Every problem found in a registration request (the caller shows them all). */
export class ClientRegistrationError extends Error {
  constructor(readonly problems: string[], readonly code: 'invalid_client_metadata' | 'invalid_redirect_uri' = 'invalid_client_metadata') {
    super(problems.join('; '));
    this.name = 'ClientRegistrationError';
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/** An absolute https URL (http only for loopback), without fragment. */
export function checkAppUrl(label: string, value: string, problems: string[]): void {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    problems.push(`${label}: "${value}" is not an absolute URL`);
    return;
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u.hostname))) problems.push(`${label}: must use https (http only for localhost)`);
  if (u.hash) problems.push(`${label}: must not contain a fragment`);
}

async function checkJwks(jwks: unknown, problems: string[]): Promise<void> {
  const keys = (jwks as { keys?: unknown })?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    problems.push('jwks: must be a JWK Set with at least one key');
    return;
  }
  for (const [i, key] of keys.entries()) {
    const k = key as JWK;
    if (typeof k !== 'object' || k === null) problems.push(`jwks.keys[${i}]: not a JSON object`);
    else if (k.d !== undefined || k.p !== undefined || k.k !== undefined) problems.push(`jwks.keys[${i}]: contains private key material; register the public key only`);
    else if (k.kty !== 'RSA' && k.kty !== 'EC') problems.push(`jwks.keys[${i}]: kty must be RSA or EC`);
    else {
      try {
        await importJWK(k, k.alg ?? (k.kty === 'RSA' ? 'RS384' : 'ES384'));
      } catch {
        problems.push(`jwks.keys[${i}]: not a valid ${k.kty} public key`);
      }
    }
  }
}

/**
 * Validates and stores app registrations: shared by the developer portal, RFC 7591 dynamic registration and the
 * operator CLI, so every path applies the same rules.
 */
@Injectable()
export class ClientRegistrationService {
  private readonly throttle: RegistrationThrottle;
  constructor(
    @Inject(FACADE_STORE) private readonly store: FacadeStore,
    @Optional() @Inject(AUTH_CONFIG) private readonly config?: AuthConfig,
  ) {
    this.throttle = new RegistrationThrottle(config?.auth.registrationsPerHour ?? 10);
  }

  /**
   * Counts a registration attempt from a client IP (RFC 7591 and the Connect portal). Returns undefined when it
   * may go ahead, else the seconds to wait (answer 429 with Retry-After).
   */
  admit(clientIp: string | undefined): number | undefined {
    return this.throttle.take(clientIp ?? 'unknown');
  }

  /** Validates a request; returns the normalized values or throws {@link ClientRegistrationError}. */
  async validate(input: ClientRegistrationInput): Promise<Omit<RegisteredClient, 'clientId' | 'secretHash' | 'createdAt' | 'updatedAt'>> {
    const problems: string[] = [];
    checkBounds(input, problems);
    // Bounds first: nothing below runs over a list of thousands of entries.
    if (problems.length) throw new ClientRegistrationError(problems);
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (!name || name.length > REGISTRATION_LIMITS.name) problems.push(`name: required, at most ${REGISTRATION_LIMITS.name} characters`);
    const backend = input.backendServices === true;
    const clientType = input.clientType;
    if (clientType !== 'public' && clientType !== 'confidential') problems.push('clientType: must be public or confidential');
    const authMethod = clientType === 'public' ? 'none' : input.authMethod ?? (backend ? 'private_key_jwt' : 'client_secret_basic');
    if (clientType === 'public' && input.authMethod && input.authMethod !== 'none') problems.push('authMethod: a public app authenticates with PKCE only (none)');
    if (clientType === 'confidential' && authMethod !== 'client_secret_basic' && authMethod !== 'private_key_jwt') problems.push('authMethod: must be client_secret_basic or private_key_jwt');
    if (backend && (clientType !== 'confidential' || authMethod !== 'private_key_jwt')) problems.push('backendServices: backend apps must be confidential and use private_key_jwt');

    const redirectUris = [...new Set(input.redirectUris ?? [])];
    let redirectProblem = false;
    if (!backend && redirectUris.length === 0) problems.push('redirectUris: at least one redirect URI is required');
    for (const uri of redirectUris) {
      const before = problems.length;
      checkAppUrl('redirectUris', uri, problems);
      if (problems.length > before) redirectProblem = true;
    }
    if (input.launchUri) checkAppUrl('launchUri', input.launchUri, problems);
    const allowedOrigins = [...new Set(input.allowedOrigins ?? [])];
    for (const o of allowedOrigins) {
      try {
        if (new URL(o).origin !== o) problems.push(`allowedOrigins: "${o}" is not an origin (scheme://host[:port])`);
      } catch {
        problems.push(`allowedOrigins: "${o}" is not an origin`);
      }
    }

    const jwks = input.jwks ?? null;
    const jwksUri = input.jwksUri ?? null;
    if (authMethod === 'private_key_jwt') {
      if (!jwks === !jwksUri) problems.push('jwks / jwksUri: give exactly one of them for private_key_jwt');
      if (jwks) await checkJwks(jwks, problems);
      if (jwksUri) {
        checkAppUrl('jwksUri', jwksUri, problems);
        if (isPrivateHost(jwksUri) && !this.config?.auth.allowPrivateJwksUri) problems.push('jwksUri: must be a public https URL');
      }
    } else if (jwks || jwksUri) {
      problems.push('jwks / jwksUri: only for private_key_jwt apps');
    }

    const requested = splitScopes(input.scope);
    for (const s of requested) {
      if (!isKnownScope(s)) problems.push(`scope: "${s}" is not a supported SMART scope`);
      const parsed = parseResourceScope(s);
      if (parsed && backend && parsed.context !== 'system') problems.push(`scope: backend apps get system/ scopes only ("${s}")`);
      if (parsed && !backend && parsed.context === 'system') problems.push(`scope: system/ scopes are for backend apps only ("${s}")`);
    }
    if (!requested.some((s) => parseResourceScope(s))) problems.push('scope: at least one resource scope is required');
    if (problems.length) throw new ClientRegistrationError(problems, redirectProblem && problems.length === 1 ? 'invalid_redirect_uri' : 'invalid_client_metadata');

    // Exactly what was asked: no identity, launch or refresh scope is added on the developer's behalf.
    const scope = requested;
    const metadata: Record<string, unknown> = {};
    if (input.contacts?.length) metadata.contacts = [...new Set(input.contacts)];
    if (input.practiceIds?.length) metadata.practiceIds = [...new Set(input.practiceIds)];
    return {
      name, developerAccountId: input.developerAccountId ?? null, clientType, authMethod, redirectUris: backend ? [] : redirectUris,
      launchUri: input.launchUri ?? null, jwks: jwks as RegisteredClient['jwks'], jwksUri, scope: scope.join(' '), backendServices: backend,
      allowedOrigins, metadata,
    };
  }

  /** Validates and registers an app. The secret (client_secret_basic) is returned once and stored hashed. */
  async register(input: ClientRegistrationInput, actor?: string): Promise<{ client: RegisteredClient; clientSecret?: string }> {
    const values = await this.validate(input);
    const out = await this.store.clients.create(values);
    await this.store.audit.record('client.registered', { actor: actor ?? null, clientId: out.client.clientId, detail: { backend: values.backendServices, authMethod: values.authMethod } });
    return out;
  }

  /** Updates an app's editable settings with the same validation (type and auth method cannot change). */
  async update(clientId: string, changes: Partial<ClientRegistrationInput>, actor?: string): Promise<RegisteredClient> {
    const current = await this.store.clients.find(clientId);
    if (!current) throw new ClientRegistrationError([`client ${clientId} does not exist`]);
    const merged: ClientRegistrationInput = {
      name: changes.name ?? current.name, clientType: current.clientType, authMethod: current.authMethod,
      redirectUris: changes.redirectUris ?? current.redirectUris, launchUri: changes.launchUri !== undefined ? changes.launchUri : current.launchUri,
      jwks: changes.jwks !== undefined ? changes.jwks : (current.jwks as { keys: JWK[] } | null), jwksUri: changes.jwksUri !== undefined ? changes.jwksUri : current.jwksUri,
      scope: changes.scope ?? current.scope, backendServices: current.backendServices, allowedOrigins: changes.allowedOrigins ?? current.allowedOrigins,
    };
    const v = await this.validate(merged);
    // Practices approved the app for the scopes it had: any scope they did not cover ends every approval (and,
    // with it, every grant) before the new scopes exist, so nothing wider is ever issued without a new approval.
    const added = widenedScopes(current.scope, v.scope);
    if (added.length) {
      for (const approval of (await this.store.approvals.listForClient(clientId)).filter((a) => a.status === 'approved')) {
        await this.store.approvals.revoke(clientId, approval.practiceId, actor ?? null);
        await this.store.audit.record('approval.revoked', { actor: actor ?? null, clientId, practiceId: approval.practiceId, detail: { reason: 'scopes_widened', added: added.length } });
      }
    }
    await this.store.clients.update(clientId, { name: v.name, redirectUris: v.redirectUris, launchUri: v.launchUri, jwks: v.jwks, jwksUri: v.jwksUri, scope: v.scope, allowedOrigins: v.allowedOrigins });
    await this.store.audit.record('client.updated', { actor: actor ?? null, clientId });
    return (await this.store.clients.find(clientId)) as RegisteredClient;
  }
}

/**
 * The scopes of `next` that no scope of `previous` covers (e.g. `system/*.rs` after `system/Patient.rs`): an edit
 * adding any of them needs every practice to approve the app again.
 */
export function widenedScopes(previous: string, next: string): string[] {
  const before = splitScopes(previous);
  return splitScopes(next).filter((s) => !before.some((r) => scopeCovers(r, s)));
}

/**
 * Test-only: a minimal oidc-provider (in-memory adapter, one public PKCE client) with the screens mounted in a
 * Nest app, so the interaction flow can be driven end to end without the production OIDC wiring.
 */
import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Provider from 'oidc-provider';
import { loadConfig } from '#facade/config';
import { openFacadeStore, type FacadeStore } from '#facade/facade-store';
import { authConfigFrom, type AuthConfig } from '../auth-config.js';
import { tempLegacyDb } from './legacy-fixtures.js';
import { AccountService } from '../accounts/account.service.js';
import { AccountStanding } from '../accounts/account-standing.js';
import { PatientLookupService } from '../interactions/patient-lookup.service.js';
import { FacadeGrantContextStore } from '../oidc/grant-context.store.js';
import type { OidcRuntime } from '../oidc/provider-factory.js';
import { EhrLaunchService } from '../launch/ehr-launch.service.js';
import { SmartInteractionService } from '../oidc/smart-interaction.service.js';
import { ClientRegistrationService } from '../registration/client-registration.service.js';
import { AUTH_CONFIG, FACADE_STORE, LEGACY_DATA_SOURCE, OIDC_PROVIDER, OIDC_RUNTIME } from '../tokens.js';
import { AuthScreensModule } from '../web/screens.module.js';

export const CLIENT_ID = 'test-app';
export const REDIRECT_URI = 'http://app.example.test/callback';

/** Every scope the kit's resource server accepts (a real server computes this per request). */
const RS_SCOPES = (req: string) => req;

export interface InteractionKit {
  app: INestApplication;
  config: AuthConfig;
  store: FacadeStore;
  legacy: Awaited<ReturnType<typeof tempLegacyDb>>;
  provider: Provider;
  close(): Promise<void>;
}

/** Starts the kit (not listening; use `app.getHttpServer()` with supertest). */
export async function startInteractionKit(): Promise<InteractionKit> {
  const dir = mkdtempSync(join(tmpdir(), 'authui-kit-'));
  const legacy = await tempLegacyDb();
  const store = await openFacadeStore({ kind: 'sqlite', path: join(dir, 'facade.sqlite') });
  const config = authConfigFrom(loadConfig({ DATA_DIR: dir, FHIR_PUBLIC_URL: 'http://fhir.example.test', AUTH_PUBLIC_URL: 'http://127.0.0.1' }), {});
  const records = new Map<string, Map<string, unknown>>();
  class MemoryAdapter {
    constructor(private readonly name: string) {}
    private get m() { let m = records.get(this.name); if (!m) records.set(this.name, (m = new Map())); return m; }
    async upsert(id: string, payload: unknown) { this.m.set(id, payload); }
    async find(id: string) { return this.m.get(id) as never; }
    async findByUid(uid: string) { return [...this.m.values()].find((p) => (p as { uid?: string }).uid === uid) as never; }
    async findByUserCode() { return undefined; }
    async consume(id: string) { const p = this.m.get(id) as Record<string, unknown> | undefined; if (p) p.consumed = Math.floor(Date.now() / 1000); }
    async destroy(id: string) { this.m.delete(id); }
    async revokeByGrantId(grantId: string) { for (const [k, v] of this.m) if ((v as { grantId?: string }).grantId === grantId) this.m.delete(k); }
  }
  const provider = new Provider('http://127.0.0.1/oidc', {
    adapter: MemoryAdapter as never,
    clients: [{ client_id: CLIENT_ID, client_name: 'Test Health App', token_endpoint_auth_method: 'none', redirect_uris: [REDIRECT_URI], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'] }],
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
    extraParams: ['aud', 'launch'],
    scopes: ['openid', 'offline_access', 'fhirUser', 'launch', 'launch/patient'],
    claims: { fhirUser: ['fhirUser'], openid: ['sub'] },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => config.fhirBases.provider,
        useGrantedResource: () => true,
        getResourceServerInfo: (ctx) => ({ scope: RS_SCOPES(String(ctx.oidc.params?.scope ?? ctx.oidc.entities?.AuthorizationCode?.scope ?? '')), accessTokenFormat: 'opaque' as const }),
      },
    },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
  });

  await store.clients.create({
    clientId: CLIENT_ID, name: 'Test Health App', developerAccountId: null, clientType: 'public', authMethod: 'none', redirectUris: [REDIRECT_URI],
    launchUri: null, jwks: null, jwksUri: null, scope: 'openid fhirUser launch launch/patient offline_access patient/*.rs user/*.rs',
    backendServices: false, allowedOrigins: [], metadata: {},
  });
  const standing = new AccountStanding(new AccountService(legacy.ds), new PatientLookupService(legacy.ds, config.legacyTimeZone));
  const runtime = { provider, grantContexts: new FacadeGrantContextStore(store), standing } as unknown as OidcRuntime;

  @Global()
  @Module({
    providers: [
      { provide: AUTH_CONFIG, useValue: config }, { provide: OIDC_PROVIDER, useValue: provider }, { provide: FACADE_STORE, useValue: store },
      { provide: LEGACY_DATA_SOURCE, useValue: legacy.ds }, { provide: OIDC_RUNTIME, useValue: runtime }, SmartInteractionService,
      ClientRegistrationService, EhrLaunchService,
    ],
    exports: [AUTH_CONFIG, OIDC_PROVIDER, FACADE_STORE, LEGACY_DATA_SOURCE, OIDC_RUNTIME, SmartInteractionService, ClientRegistrationService, EhrLaunchService],
  })
  class KitCoreModule {}
  @Module({ imports: [KitCoreModule, AuthScreensModule] })
  class KitModule {}
  const app = await NestFactory.create(KitModule, { bodyParser: false, logger: false });
  app.use('/oidc', provider.callback());
  await app.init();
  return {
    app, config, store, legacy, provider,
    close: async () => { await app.close(); await store.close(); await legacy.close(); rmSync(dir, { recursive: true, force: true }); },
  };
}

/** A PKCE pair (S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The value of the hidden CSRF field in a rendered page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF field in page');
  return m[1];
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DbUrl } from '#facade/config';
import { dropPostgresDatabase, splitPostgresUrl } from '#facade/legacy-db';
import { DataSource } from 'typeorm';
import { FACADE_MIGRATIONS_TABLE, facadeDataSourceOptions, openFacadeStore, type FacadeStore } from './facade-store.js';
import { InitialFacadeStore1764150000000 } from './migrations/1764150000000-initial-facade-store.js';
import { verifySecret } from './repositories/secret-hash.js';

async function newPostgresUrl(): Promise<string> {
  const base = process.env.TEST_PG_URL as string;
  const u = new URL(base);
  u.pathname = `/facade_test_${randomBytes(6).toString('hex')}`;
  const { adminUrl, database } = splitPostgresUrl(u.toString());
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  return u.toString();
}

const engines: [string, () => Promise<{ url: DbUrl; cleanup: () => Promise<void> }>][] = [
  ['sqlite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'facade-store-'));
    return { url: { kind: 'sqlite', path: join(dir, 'facade.sqlite') }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }],
  ['postgres', async () => {
    const url = await newPostgresUrl();
    return { url: { kind: 'postgres', url }, cleanup: () => dropPostgresDatabase(url) };
  }],
];

describe.each(engines)('facade store on %s', (_name, make) => {
  let store: FacadeStore;
  let url: DbUrl;
  let cleanup: () => Promise<void>;
  let clock = 1_800_000_000_000;

  beforeAll(async () => {
    ({ url, cleanup } = await make());
    store = await openFacadeStore(url, { now: () => clock });
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  it('applies the migrations once, records them, and the entity schemas match the migrated tables', async () => {
    const ran = await store.dataSource.query(`SELECT name FROM ${FACADE_MIGRATIONS_TABLE}`);
    expect(ran.map((r: { name: string }) => r.name).sort()).toEqual(['AppRequestLimits1764412000000', 'BulkExports1764600000000', 'GrantContextAccount1764200000000', 'InitialFacadeStore1764150000000', 'PhiAuditLeanIndexes1764800000000', 'PhiAuditTrail1764400000000', 'ReplayJtiIndex1764700000000', 'SignInState1764300000000']);
    const pending = await store.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    // Re-opening does not re-run anything.
    const again = await openFacadeStore(url);
    expect(await again.dataSource.showMigrations()).toBe(false);
    await again.close();
  });

  it('stores oidc-provider records, hides expired ones, consumes and revokes by grant', async () => {
    await store.oidc.upsert('AuthorizationCode', 'c1', { grantId: 'g1', accountId: 'user:1' }, 60);
    await store.oidc.upsert('RefreshToken', 'r1', { grantId: 'g1' }, 3600);
    await store.oidc.upsert('Interaction', 'i1', { uid: 'u1' }, 60);
    expect(await store.oidc.find('AuthorizationCode', 'c1')).toEqual({ grantId: 'g1', accountId: 'user:1' });
    expect(await store.oidc.findByUid('Interaction', 'u1')).toEqual({ uid: 'u1' });
    await store.oidc.consume('AuthorizationCode', 'c1');
    expect((await store.oidc.find('AuthorizationCode', 'c1'))?.consumed).toBe(Math.floor(clock / 1000));
    clock += 61_000;
    expect(await store.oidc.find('Interaction', 'i1')).toBeUndefined();
    expect(await store.oidc.find('RefreshToken', 'r1')).toBeDefined();
    await store.oidc.revokeByGrantId('g1');
    expect(await store.oidc.find('RefreshToken', 'r1')).toBeUndefined();
  });

  it('refuses a replayed jti until it expires', async () => {
    expect(await store.oidc.insertReplay('app', 'jti-1', clock + 300_000)).toBe(true);
    expect(await store.oidc.insertReplay('app', 'jti-1', clock + 300_000)).toBe(false);
    await store.oidc.upsert('ReplayDetection', 'jti-2', { iss: 'app', jti: 'jti-2' }, 300);
    expect(await store.oidc.find('ReplayDetection', 'jti-2')).toEqual({ jti: 'jti-2', iss: 'app' });
    clock += 301_000;
    expect(await store.oidc.insertReplay('app', 'jti-1', clock + 300_000)).toBe(true);
  });

  it('keeps only a hash of a client secret and soft-deletes clients', async () => {
    const { client, clientSecret } = await store.clients.create({
      name: 'App', developerAccountId: null, clientType: 'confidential', authMethod: 'client_secret_basic', redirectUris: ['https://app.example/cb'],
      launchUri: null, jwks: null, jwksUri: null, scope: 'openid patient/*.rs', backendServices: false, allowedOrigins: [], metadata: {},
    });
    expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const found = await store.clients.find(client.clientId);
    expect(found?.secretHash).not.toContain(clientSecret as string);
    expect(await verifySecret(clientSecret as string, found?.secretHash)).toBe(true);
    expect(await verifySecret('wrong', found?.secretHash)).toBe(false);
    const rotated = await store.clients.rotateSecret(client.clientId);
    expect(await verifySecret(clientSecret as string, (await store.clients.find(client.clientId))?.secretHash)).toBe(false);
    expect(await verifySecret(rotated, (await store.clients.find(client.clientId))?.secretHash)).toBe(true);
    await store.clients.delete(client.clientId);
    expect(await store.clients.find(client.clientId)).toBeUndefined();
  });

  it('approves and revokes apps per practice and feeds the revocations', async () => {
    const since = clock;
    await store.approvals.approve('app-a', 7, 'user:1', { accessTokenTtl: 600 });
    expect((await store.approvals.findActive('app-a', 7))?.accessTokenTtl).toBe(600);
    expect(await store.approvals.findActive('app-a', 8)).toBeUndefined();
    clock += 1000;
    await store.approvals.revoke('app-a', 7, 'user:1');
    await store.revocations.revokeJti('jti-x', 'app-a', clock + 3600_000);
    await store.revocations.revokeGrant('grant-y', 'app-a', 7);
    expect(await store.approvals.findActive('app-a', 7)).toBeUndefined();
    const feed = await store.revocations.revokedSince(since);
    expect(feed).toEqual({ jtis: ['jti-x'], grants: ['grant-y'], approvals: [{ clientId: 'app-a', practiceId: 7, revokedAt: clock }] });
    expect(await store.revocations.revokedSince(clock + 1)).toEqual({ jtis: [], grants: [], approvals: [] });
    await store.approvals.approve('app-a', 7, 'user:1');
    expect((await store.approvals.findActive('app-a', 7))?.accessTokenTtl).toBe(600);
  });

  it('revoking an approval ends every grant of the app at that practice for good, and only there', async () => {
    await store.approvals.approve('app-g', 7, 'user:1');
    await store.approvals.approve('app-g', 8, 'user:1');
    await store.grantContexts.save('g-7', 'app-g', { practiceId: 7 });
    await store.grantContexts.save('g-8', 'app-g', { practiceId: 8 });
    await store.oidc.upsert('RefreshToken', 'rt-7', { grantId: 'g-7' }, 600);
    await store.oidc.upsert('RefreshToken', 'rt-8', { grantId: 'g-8' }, 600);
    await store.oidc.upsert('Grant', 'g-7', { jti: 'g-7' }, 600);
    await store.approvals.revoke('app-g', 7, 'user:1');
    await store.approvals.approve('app-g', 7, 'user:1');
    expect(await store.revocations.isRevoked('grant', 'g-7')).toBe(true);
    expect(await store.oidc.find('RefreshToken', 'rt-7')).toBeUndefined();
    expect(await store.oidc.find('Grant', 'g-7')).toBeUndefined();
    expect(await store.grantContexts.load('g-7')).toBeUndefined();
    expect(await store.revocations.isRevoked('grant', 'g-8')).toBe(false);
    expect(await store.oidc.find('RefreshToken', 'rt-8')).toBeDefined();
    expect(await store.grantContexts.load('g-8')).toEqual({ practiceId: 8 });
  });

  it("lists an account's grants newest first, and only that account's", async () => {
    await store.grantContexts.save('acc-1', 'app-x', { practiceId: 7, accountId: 'portal:9' });
    clock += 1000;
    await store.grantContexts.save('acc-2', 'app-y', { practiceId: 8, accountId: 'portal:9' });
    await store.grantContexts.save('acc-3', 'app-x', { practiceId: 7, accountId: 'portal:10' });
    const mine = await store.grantContexts.listByAccount('portal:9');
    expect(mine.map((g) => [g.grantId, g.clientId, g.context.practiceId])).toEqual([['acc-2', 'app-y', 8], ['acc-1', 'app-x', 7]]);
    expect(await store.grantContexts.listByAccount('portal:11')).toEqual([]);
  });

  it('the account migration backfills account_id of grants saved before it', async () => {
    const fresh = await make();
    const old = new DataSource({ ...facadeDataSourceOptions(fresh.url), entities: [], migrations: [InitialFacadeStore1764150000000] } as never);
    await old.initialize();
    await old.runMigrations();
    await old.query(`INSERT INTO grant_contexts (grant_id, client_id, practice_id, context, created_at) VALUES ('old-g', 'app', 3, '{"practiceId":3,"accountId":"user:5"}', 1)`);
    await old.query(`INSERT INTO grant_contexts (grant_id, client_id, practice_id, context, created_at) VALUES ('bad-g', 'app', 3, 'not json', 2)`);
    await old.destroy();
    const migrated = await openFacadeStore(fresh.url);
    try {
      expect((await migrated.grantContexts.listByAccount('user:5')).map((g) => g.grantId)).toEqual(['old-g']);
      const bad = await migrated.dataSource.query(`SELECT account_id FROM grant_contexts WHERE grant_id = 'bad-g'`);
      expect(bad).toEqual([{ account_id: null }]);
    } finally {
      await migrated.close();
      await fresh.cleanup();
    }
  });

  it('launch contexts are single use and expire', async () => {
    const ctx = await store.launches.create({ clientId: 'app', accountId: 'user:1', practiceId: 1, patientId: 5, encounterId: null, needPatientBanner: true, smartStyleUrl: null, audience: 'http://x/fhir' }, 300);
    expect((await store.launches.findUsable(ctx.id))?.patientId).toBe(5);
    expect((await store.launches.findUsable(ctx.id))?.needPatientBanner).toBe(true);
    expect(await store.launches.consume(ctx.id)).toBe(true);
    expect(await store.launches.consume(ctx.id)).toBe(false);
    expect(await store.launches.findUsable(ctx.id)).toBeUndefined();
    const late = await store.launches.create({ clientId: 'app', accountId: null, practiceId: 1, patientId: 5, encounterId: null, needPatientBanner: false, smartStyleUrl: null, audience: 'http://x/fhir' }, 300);
    clock += 301_000;
    expect(await store.launches.findUsable(late.id)).toBeUndefined();
  });

  it('survives concurrent writes (several requests upserting at once)', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.oidc.upsert('Session', `s${i % 5}`, { uid: `u${i}`, n: i }, 600)));
    for (let k = 0; k < 5; k++) expect(await store.oidc.find('Session', `s${k}`)).toBeDefined();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.oidc.insertReplay('app', 'same-jti', clock + 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('counts sign-in attempts atomically, locks, releases and forgets stale counters', async () => {
    const key = 'login:ehr-user:dr.x';
    const counts = await Promise.all(Array.from({ length: 12 }, () => store.signInThrottle.countAttempt(key, clock, clock - 900_000)));
    expect(counts.map((r) => r.failures).sort((a, b) => a - b).at(-1)).toBe(12);
    expect((await store.signInThrottle.find(key))?.failures).toBe(12);
    await store.signInThrottle.lock(key, clock + 900_000);
    await store.signInThrottle.lock(key, clock + 10); // never shortened
    expect((await store.signInThrottle.find(key))?.lockedUntil).toBe(clock + 900_000);
    // Still locked: not reset even when stale.
    expect((await store.signInThrottle.countAttempt(key, clock + 1000, clock + 1000)).failures).toBe(13);
    // Lock over and stale: counting starts again.
    expect((await store.signInThrottle.countAttempt(key, clock + 2_000_000, clock + 1_000_000)).failures).toBe(1);
    await store.signInThrottle.release(key);
    await store.signInThrottle.release(key);
    expect((await store.signInThrottle.find(key))?.failures).toBe(0);
    await store.signInThrottle.clear(key);
    expect(await store.signInThrottle.find(key)).toBeUndefined();
    await store.signInThrottle.countAttempt('ip:192.0.2.1', clock, clock);
    expect(await store.signInThrottle.purge(clock + 1)).toBe(1);
  });

  it('keeps last sign-ins and server-side sessions (by subject, expiring)', async () => {
    await store.accountSignIns.record('user:7', clock);
    await store.accountSignIns.record('user:7', clock + 5);
    expect(await store.accountSignIns.lastSignIn('user:7')).toBe(clock + 5);
    const row = (idHash: string, subject: string, expiresAt: number) => ({ idHash, portal: 'admin', subject, fingerprint: 'f', createdAt: clock, lastSeenAt: clock, expiresAt });
    await store.webSessions.create(row('h1', '7', clock + 1000));
    await store.webSessions.create(row('h2', '7', clock + 1000));
    await store.webSessions.create(row('h3', '8', clock - 1));
    await store.webSessions.touch('h1', clock + 50);
    expect((await store.webSessions.find('h1'))?.lastSeenAt).toBe(clock + 50);
    expect(await store.webSessions.purgeExpired(clock)).toBe(1);
    expect(await store.webSessions.deleteForSubject('admin', '7')).toBe(2);
    expect(await store.webSessions.countForSubject('admin', '7')).toBe(0);
  });

  it('settings are created once', async () => {
    const a = await store.settings.getOrCreate('k', () => 'first');
    const b = await store.settings.getOrCreate('k', () => 'second');
    expect([a, b]).toEqual(['first', 'first']);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair } from 'jose';
import { openFacadeStore } from '#facade/facade-store';
import { createLegacyDataSource, createLegacySqliteDatabase } from '#facade/legacy-db';
import { addPractice } from '../testing/legacy-fixtures.js';
import { SigningKeyService } from '../oidc/signing-keys.js';
import { runCli } from './auth-cli.js';

describe('operator CLI', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let practiceId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'auth-cli-'));
    await createLegacySqliteDatabase(join(dir, 'legacy.sqlite'));
    const ds = createLegacyDataSource({ kind: 'sqlite', path: join(dir, 'legacy.sqlite') });
    await ds.initialize();
    practiceId = await addPractice(ds);
    await ds.destroy();
    env = { DATA_DIR: dir, LEGACY_DB_URL: `sqlite:${join(dir, 'legacy.sqlite')}`, FACADE_DB_URL: `sqlite:${join(dir, 'facade.sqlite')}`, AUTH_KEY_ENCRYPTION_SECRET: 'a-long-key-encryption-secret' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out, err: err.join('\n') };
  }

  it('registers a backend-services client from a JWKS file, approves it and prints its id', async () => {
    const { publicKey } = await generateKeyPair('RS384', { extractable: true });
    const jwksPath = join(dir, 'jwks.json');
    writeFileSync(jwksPath, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS384' }] }));
    const r = await run('register-client', '--name', 'Nightly export', '--backend', '--jwks-file', jwksPath, '--scope', 'system/*.rs', '--approve-practice', String(practiceId));
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    const store = await openFacadeStore({ kind: 'sqlite', path: join(dir, 'facade.sqlite') });
    try {
      const client = await store.clients.find(r.out[0]);
      expect(client).toMatchObject({ backendServices: true, authMethod: 'private_key_jwt', scope: 'system/*.rs' });
      expect(await store.approvals.findActive(r.out[0], practiceId)).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it('shows a symmetric secret once on stderr', async () => {
    const r = await run('register-client', '--name', 'Viewer', '--redirect-uri', 'https://viewer.example/cb', '--scope', 'patient/*.rs');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/client secret \(shown once/);
  });

  it('reports invalid registrations and unknown practices without a stack trace', async () => {
    const bad = await run('register-client', '--name', 'Bad', '--redirect-uri', 'ftp://x', '--scope', 'nonsense');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/redirectUris/);
    expect(bad.err).not.toMatch(/\n\s+at /);
    const created = await run('register-client', '--name', 'Ok', '--redirect-uri', 'https://ok.example/cb', '--scope', 'patient/*.rs');
    const approve = await run('approve', '--client-id', created.out[0], '--practice', '999999');
    expect(approve.code).toBe(1);
    expect(approve.err).toMatch(/no practice 999999/);
    expect((await run('approve', '--client-id', created.out[0])).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
  });

  it('refuses refresh-token lifetimes under 3 months for a patient-facing app (30 s used to be accepted, shown as 0 days)', async () => {
    const created = await run('register-client', '--name', 'Patient app', '--redirect-uri', 'https://pa.example/cb', '--scope', 'launch/patient openid patient/*.rs');
    const short = await run('approve', '--client-id', created.out[0], '--practice', String(practiceId), '--refresh-ttl', '30');
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/--refresh-ttl must be at least 7948800 seconds: Patients use this app/);
    expect((await run('approve', '--client-id', created.out[0], '--practice', String(practiceId), '--refresh-ttl', String(91 * 86400))).code).toBe(2);
    expect((await run('approve', '--client-id', created.out[0], '--practice', String(practiceId), '--refresh-ttl', String(92 * 86400))).code).toBe(0);
    const staff = await run('register-client', '--name', 'Staff app', '--redirect-uri', 'https://sa.example/cb', '--scope', 'openid user/*.rs');
    expect((await run('approve', '--client-id', staff.out[0], '--practice', String(practiceId), '--refresh-ttl', String(7 * 86400))).code).toBe(0);
    expect((await run('approve', '--client-id', staff.out[0], '--practice', String(practiceId), '--refresh-ttl', '30')).code).toBe(2);
  });

  it('rotates the signing key; the previous key stays published and keys are encrypted at rest', async () => {
    const store = await openFacadeStore({ kind: 'sqlite', path: join(dir, 'facade.sqlite') });
    try {
      const keys = new SigningKeyService(store, env.AUTH_KEY_ENCRYPTION_SECRET as string);
      const before = (await keys.loadOrCreate()).keys.map((k) => k.kid);
      const r = await run('rotate-keys');
      expect(r.code).toBe(0);
      const after = (await keys.loadOrCreate()).keys.map((k) => k.kid);
      expect(after[0]).toBe(r.out[0]);
      expect(after).toEqual(expect.arrayContaining(before));
      const rows = await store.dataSource.query('SELECT private_jwk, encrypted FROM signing_keys');
      for (const row of rows) {
        expect(row.encrypted).toBe(1);
        expect(JSON.parse(row.private_jwk)).not.toHaveProperty('d');
      }
      await expect(new SigningKeyService(store, 'another-wrong-secret!!').loadOrCreate()).rejects.toThrow('AUTH_KEY_ENCRYPTION_SECRET does not match');
    } finally {
      await store.close();
    }
  });
});

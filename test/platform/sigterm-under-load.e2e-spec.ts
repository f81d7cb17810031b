/**
 * Issue 12: SIGTERM under load. The built FHIR API process (`dist/apps/fhir-api/src/main.js`; `npm test` builds
 * first) on a PostgreSQL legacy database, with requests in flight (held by a lock the "EHR" holds): on SIGTERM the
 * requests in flight finish with their answers, no new connection is accepted, and the process exits 0 promptly
 * (the kept-alive connections do not hold it for Fastify's keep-alive timeout).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import pg from 'pg';
import { createLegacyDataSource, createLegacyPostgresDatabase, dropPostgresDatabase } from '#facade/legacy-db';
import { seedClinic, type Clinic } from '../fhir-api/support/clinic.js';
import { LegacyFactory } from '../fhir-api/support/legacy-factory.js';

const MAIN = resolve('dist/apps/fhir-api/src/main.js');

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

describe('the FHIR API process on SIGTERM under load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fhir-sigterm-'));
  let legacyUrl: string;
  let clinic: Clinic;
  let jwks: Server;
  let authUrl: string;
  let key: CryptoKey;
  let child: ChildProcess;
  let fhir: string;
  const out: string[] = [];

  beforeAll(async () => {
    const u = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    u.pathname = `/fhir_sigterm_${process.pid}_${Date.now()}`;
    legacyUrl = u.toString();
    await createLegacyPostgresDatabase(legacyUrl);
    const ds = createLegacyDataSource({ kind: 'postgres', url: legacyUrl }, 2);
    await ds.initialize();
    clinic = await seedClinic(new LegacyFactory(ds));
    await ds.destroy();

    const { privateKey, publicKey } = await generateKeyPair('RS256');
    key = privateKey;
    const set = JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k', alg: 'RS256', use: 'sig' }] });
    jwks = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(set));
    await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
    authUrl = `http://127.0.0.1:${(jwks.address() as { port: number }).port}`;

    const port = await freePort();
    fhir = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env, NODE_OPTIONS: '', DATA_DIR: dir, LEGACY_DB_URL: legacyUrl, FACADE_DB_URL: `sqlite:${join(dir, 'facade.sqlite')}`,
        FHIR_PORT: String(port), FHIR_PUBLIC_URL: fhir, AUTH_PUBLIC_URL: authUrl, LOG_LEVEL: 'info', LEGACY_DB_STATEMENT_TIMEOUT_MS: '10000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => out.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => out.push(d.toString()));
    const deadline = Date.now() + 60_000;
    while (!(await fetch(`${fhir}/readyz`).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null) throw new Error(`the FHIR API exited early:\n${out.join('')}`);
      if (Date.now() > deadline) throw new Error(`the FHIR API did not start:\n${out.join('')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await new Promise<void>((r) => (jwks ? jwks.close(() => r()) : r()));
    if (legacyUrl) await dropPostgresDatabase(legacyUrl);
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the requests in flight, refuses new connections and exits 0', async () => {
    const token = await new SignJWT({ scope: 'user/*.rs', client_id: 'sigterm-app', practice: clinic.practiceA })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' }).setIssuer(authUrl).setAudience(`${fhir}/fhir`).setSubject('user:1')
      .setJti(`jti-${Date.now()}`).setIssuedAt().setExpirationTime('5m').sign(key);
    const get = () => fetch(`${fhir}/fhir/Patient?family=Shaw`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get()).status).toBe(200);

    const ehr = new pg.Client({ connectionString: legacyUrl });
    await ehr.connect();
    await ehr.query('BEGIN');
    await ehr.query('LOCK TABLE "PATIENT" IN ACCESS EXCLUSIVE MODE');
    const inFlight = [get(), get(), get()];
    await new Promise((r) => setTimeout(r, 500));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const signalled = Date.now();
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    const port = Number(new URL(fhir).port);
    await expect(new Promise((res, rej) => connect(port, '127.0.0.1', () => res('connected')).on('error', rej))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await ehr.query('COMMIT');
    await ehr.end();
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    for (const a of answers) expect(((await a.json()) as { entry: unknown[] }).entry.length).toBeGreaterThan(0);
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(8000);
    expect(out.join('')).toContain('"shutdown"');
  }, 60_000);
});

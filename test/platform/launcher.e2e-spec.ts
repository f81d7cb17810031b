import { afterAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The README's start command, end to end: the built launcher (`npm test` builds first) on a fresh data
 * directory creates and seeds the demo EHR, starts both apps, answers, logs JSON without patient data, keeps
 * its keys across restarts, and stops cleanly on SIGTERM.
 */
const LAUNCHER = resolve('dist/apps/launcher/src/main.js');

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

interface Running {
  child: ChildProcess;
  out: string[];
  fhir: string;
  auth: string;
}

async function start(dataDir: string): Promise<Running> {
  const [fhirPort, authPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [LAUNCHER], {
    env: { ...process.env, DATA_DIR: dataDir, DEMO_PATIENTS: '60', FHIR_PORT: String(fhirPort), AUTH_PORT: String(authPort), LOG_LEVEL: 'info', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  child.stdout!.on('data', (d: Buffer) => out.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => out.push(d.toString()));
  const deadline = Date.now() + 90_000;
  while (!out.join('').includes('FHIR facade is running')) {
    if (child.exitCode !== null) throw new Error(`launcher exited early:\n${out.join('')}`);
    if (Date.now() > deadline) throw new Error(`launcher did not start:\n${out.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, out, fhir: `http://127.0.0.1:${fhirPort}`, auth: `http://127.0.0.1:${authPort}` };
}

async function stop(r: Running): Promise<number | null> {
  const exited = new Promise<number | null>((res) => r.child.once('exit', (code) => res(code)));
  r.child.kill('SIGTERM');
  return Promise.race([exited, new Promise<number | null>((res) => setTimeout(() => res(-1), 15_000))]);
}

describe('npm start on a fresh data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'facade-start-'));
  let running: Running | undefined;
  afterAll(() => {
    if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates the demo EHR, serves both apps, logs JSON without patient data, and stops on SIGTERM', async () => {
    expect(existsSync(LAUNCHER)).toBe(true);
    running = await start(dataDir);
    expect(existsSync(join(dataDir, 'demo-ehr.sqlite'))).toBe(true);
    expect(running.out.join('')).toContain('patient.demo');

    const metadata = await fetch(`${running.fhir}/fhir/metadata`);
    expect(metadata.status).toBe(200);
    expect(((await metadata.json()) as { resourceType: string }).resourceType).toBe('CapabilityStatement');
    expect((await fetch(`${running.fhir}/healthz`)).status).toBe(200);
    expect((await fetch(`${running.fhir}/readyz`)).status).toBe(200);
    expect((await fetch(`${running.auth}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${running.auth}/readyz`)).json()).toEqual({ status: 'ok', checks: { facadeStore: 'ok', legacyDb: 'ok' } });
    const discovery = await fetch(`${running.auth}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const jwks = (await (await fetch(`${running.auth}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.length).toBeGreaterThan(0);

    // A search carrying a name and a birth date: refused without a token, and never echoed into the logs.
    const search = await fetch(`${running.fhir}/fhir/Patient?family=Whitfield&birthdate=1961-04-02`, { headers: { 'X-Request-Id': 'launcher-e2e-1' } });
    expect(search.status).toBe(401);
    expect(search.headers.get('x-request-id')).toBe('launcher-e2e-1');

    expect(await stop(running)).toBe(0);
    const logText = running.out.join('');
    expect(logText).not.toMatch(/Whitfield|1961-04-02/);
    const jsonLines = logText.split('\n').filter((l) => l.startsWith('{'));
    const access = jsonLines.map((l) => JSON.parse(l)).filter((e) => e.event === 'http_request');
    expect(access.length).toBeGreaterThan(3);
    expect(access.find((e) => e.requestId === 'launcher-e2e-1')).toMatchObject({ status: 401, method: 'GET' });

    // Second start: same database (not regenerated) and the same signing keys.
    running = await start(dataDir);
    expect(running.out.join('')).not.toContain('demo_ehr_create');
    const jwks2 = (await (await fetch(`${running.auth}/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks2.keys.map((k) => k.kid)).toEqual(expect.arrayContaining(jwks.keys.map((k) => k.kid)));
    expect(await stop(running)).toBe(0);
  }, 180_000);
});

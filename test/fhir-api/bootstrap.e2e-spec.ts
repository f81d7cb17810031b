/** createFhirApp with production defaults: the facade store is opened for revocations and readiness. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig } from '#facade/config';
import { createLegacySqliteDatabase } from '#facade/legacy-db';
import { createFhirApp } from '../../apps/fhir-api/src/bootstrap.js';

describe('createFhirApp defaults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fhir-boot-'));
  let app: INestApplication;

  beforeAll(async () => {
    await createLegacySqliteDatabase(join(dir, 'legacy.sqlite'));
    const config = loadConfig({ LEGACY_DB_URL: `sqlite:${join(dir, 'legacy.sqlite')}`, FACADE_DB_URL: `sqlite:${join(dir, 'facade.sqlite')}`, LOG_LEVEL: 'error' });
    app = await createFhirApp(config);
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks the legacy database, the facade store and the audit trail for readiness, and is live', async () => {
    const ready = await request(app.getHttpServer()).get('/readyz').expect(200);
    expect(ready.body.checks).toEqual({ legacyDb: 'ok', facadeStore: 'ok', auditTrail: 'ok', accepting: 'ok' });
    await request(app.getHttpServer()).get('/healthz').expect(200);
  });

  it('refuses to start on a missing SQLite legacy database instead of creating one', async () => {
    const missing = join(dir, 'missing.sqlite');
    const config = loadConfig({ LEGACY_DB_URL: `sqlite:${missing}`, FACADE_DB_URL: `sqlite:${join(dir, 'facade2.sqlite')}`, LOG_LEVEL: 'error' });
    await expect(createFhirApp(config)).rejects.toThrow(/does not exist/);
    expect(existsSync(missing)).toBe(false);
  });

  it('serves the SMART configuration of the configured auth app on both bases', async () => {
    for (const base of ['fhir', 'open']) {
      const res = await request(app.getHttpServer()).get(`/${base}/.well-known/smart-configuration`).expect(200);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.body.jwks_uri).toBe('http://localhost:8081/jwks');
      expect(res.body.code_challenge_methods_supported).toEqual(['S256']);
      // Plain-http auth app without AUTH_AUTHORIZE_POST: POST authorize is off, so it is not advertised.
      expect(res.body.capabilities).toEqual(expect.arrayContaining(['launch-standalone', 'permission-patient']));
      // Per base (issue 13): /open does not advertise the EHR launch, user or system scopes it does not serve.
      if (base === 'fhir') expect(res.body.capabilities).toEqual(expect.arrayContaining(['launch-ehr', 'permission-user']));
      else expect(res.body.capabilities.filter((c: string) => ['launch-ehr', 'permission-user', 'context-ehr-patient'].includes(c))).toEqual([]);
      expect(res.body.capabilities).not.toContain('authorize-post');
    }
  });
});

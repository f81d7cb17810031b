import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('configuration', () => {
  it('has an embedded default: demo SQLite EHR and facade store under ./data, documented ports and URLs', () => {
    const c = loadConfig({});
    expect(c.legacyDb).toEqual({ kind: 'sqlite', path: resolve('data/demo-ehr.sqlite') });
    expect(c.legacyDbIsDemo).toBe(true);
    expect(c.facadeDb).toEqual({ kind: 'sqlite', path: resolve('data/facade.sqlite') });
    expect(c.legacyTimeZone).toBe('America/New_York');
    expect(c.redisUrl).toBeNull();
    expect([c.fhirPort, c.authPort]).toEqual([8080, 8081]);
    expect([c.fhirPublicUrl, c.authPublicUrl]).toEqual(['http://localhost:8080', 'http://localhost:8081']);
    expect(c.resourceCacheMb).toBe(256);
  });

  it('runs bulk exports in a thread with bounded heap limits by default; BULK_EXPORT_THREAD* are validated', () => {
    expect(loadConfig({}).bulkExport).toMatchObject({ thread: true, threadHeapMb: 64, threadYoungMb: 16 });
    expect(loadConfig({ BULK_EXPORT_THREAD: 'off', BULK_EXPORT_THREAD_HEAP_MB: '256', BULK_EXPORT_THREAD_YOUNG_MB: '8' }).bulkExport).toMatchObject({ thread: false, threadHeapMb: 256, threadYoungMb: 8 });
    expect(problemsOf({ BULK_EXPORT_THREAD: 'yes', BULK_EXPORT_THREAD_HEAP_MB: '8', BULK_EXPORT_THREAD_YOUNG_MB: 'x' })).toEqual([
      'BULK_EXPORT_THREAD: "yes" must be on or off',
      'BULK_EXPORT_THREAD_HEAP_MB: "8" must be a whole number between 32 and 16384',
      'BULK_EXPORT_THREAD_YOUNG_MB: "x" must be a whole number between 2 and 1024',
    ]);
  });

  it('sizes the mapped-resource cache from FHIR_RESOURCE_CACHE_MB (0 disables it) and refuses other values', () => {
    expect(loadConfig({ FHIR_RESOURCE_CACHE_MB: '64' }).resourceCacheMb).toBe(64);
    expect(loadConfig({ FHIR_RESOURCE_CACHE_MB: '0' }).resourceCacheMb).toBe(0);
    for (const bad of ['-1', '1.5', 'lots']) {
      expect(() => loadConfig({ FHIR_RESOURCE_CACHE_MB: bad })).toThrow(/FHIR_RESOURCE_CACHE_MB/);
    }
  });

  it('switches SMART authorize-post on for an https auth URL, off for http, and lets AUTH_AUTHORIZE_POST decide', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/cfg-spec' }).authorizePost).toBe(false);
    expect(loadConfig({ DATA_DIR: '/tmp/cfg-spec', AUTH_PUBLIC_URL: 'https://auth.clinic.example' }).authorizePost).toBe(true);
    expect(loadConfig({ DATA_DIR: '/tmp/cfg-spec', AUTH_AUTHORIZE_POST: 'true' }).authorizePost).toBe(true);
    expect(loadConfig({ DATA_DIR: '/tmp/cfg-spec', AUTH_PUBLIC_URL: 'https://auth.clinic.example', AUTH_AUTHORIZE_POST: 'false' }).authorizePost).toBe(false);
    expect(() => loadConfig({ DATA_DIR: '/tmp/cfg-spec', AUTH_AUTHORIZE_POST: 'yes' })).toThrow(/AUTH_AUTHORIZE_POST: "yes" must be true or false/);
  });

  it('parses every supported database URL form', () => {
    const c = loadConfig({
      LEGACY_DB_URL: 'mssql://svc_fhir:p%40ss@ehr-sql.clinic.local:14330/MOFEHR',
      FACADE_DB_URL: 'postgres://facade@db.local:5432/facade',
    });
    expect(c.legacyDb).toMatchObject({ kind: 'mssql', host: 'ehr-sql.clinic.local', port: 14330, user: 'svc_fhir', password: 'p@ss', database: 'MOFEHR' });
    expect(c.legacyDbIsDemo).toBe(false);
    expect(c.facadeDb).toEqual({ kind: 'postgres', url: 'postgres://facade@db.local:5432/facade' });
    expect(loadConfig({ LEGACY_DB_URL: 'sqlite:/var/ehr/x.sqlite' }).legacyDb).toEqual({ kind: 'sqlite', path: '/var/ehr/x.sqlite' });
  });

  it('derives public URLs from the ports and trims trailing slashes', () => {
    const c = loadConfig({ FHIR_PORT: '9000', AUTH_PORT: '9001', AUTH_PUBLIC_URL: 'https://auth.clinic.example/' });
    expect(c.fhirPublicUrl).toBe('http://localhost:9000');
    expect(c.authPublicUrl).toBe('https://auth.clinic.example');
  });

  it('reports every problem at once, each naming its variable', () => {
    const problems = problemsOf({
      LEGACY_DB_URL: 'oracle://x/y',
      LEGACY_DB_TIMEZONE: 'Mars/Olympus_Mons',
      FACADE_DB_URL: 'not a url',
      REDIS_URL: 'http://localhost:6379',
      FHIR_PORT: '70000',
      AUTH_PORT: 'abc',
      FHIR_PUBLIC_URL: 'ftp://x',
      LOG_LEVEL: 'loud',
    });
    for (const name of ['LEGACY_DB_URL', 'LEGACY_DB_TIMEZONE', 'FACADE_DB_URL', 'REDIS_URL', 'FHIR_PORT', 'AUTH_PORT', 'FHIR_PUBLIC_URL', 'LOG_LEVEL']) {
      expect(problems.some((p) => p.startsWith(`${name}:`))).toBe(true);
    }
    expect(problems).toHaveLength(8);
  });

  it('refuses an mssql URL without a database and equal ports', () => {
    expect(problemsOf({ LEGACY_DB_URL: 'mssql://sa:x@host' })).toEqual(['LEGACY_DB_URL: mssql URL needs a database name (mssql://user:pass@host:port/db)']);
    expect(problemsOf({ FHIR_PORT: '9000', AUTH_PORT: '9000' })).toEqual(['FHIR_PORT and AUTH_PORT must differ (both 9000)']);
  });

  it('formats the error for operators as a list', () => {
    expect(() => loadConfig({ LEGACY_DB_TIMEZONE: 'Nowhere' })).toThrow(/Invalid configuration:\n {2}- LEGACY_DB_TIMEZONE/);
  });
});

/**
 * The engine over a fresh legacy database (SQLite or PostgreSQL) for the mapped-resource cache tests: a database,
 * the registry and a request scope of a system token (engine-cache*.e2e-spec.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { DbUrl } from '#facade/config';
import { createLegacyDataSource, createLegacyPostgresDatabase, createLegacySqliteDatabase, dropPostgresDatabase } from '#facade/legacy-db';
import { parseScopes } from '#facade/security';
import { ResourceRegistry } from '../../../apps/fhir-api/src/engine/registry/resource-registry.js';
import { resourceDefinitions } from '../../../apps/fhir-api/src/resources/index.js';
import type { RequestScope } from '../../../apps/fhir-api/src/service/fhir.service.js';
import type { Caller } from '../../../apps/fhir-api/src/service/request-auth.js';

export const ZONE = 'America/New_York';
const BASE = 'http://fhir.test/fhir';
const ctx = { baseUrl: BASE, timeZone: ZONE, identifierSystems: { mrn: 'urn:oid:1.2.3', ssn: 'http://hl7.org/fhir/sid/us-ssn', npi: 'http://hl7.org/fhir/sid/us-npi', practice: 'http://fhir.test/sid/practice-id' }, report: () => undefined };
export const registry = new ResourceRegistry(resourceDefinitions({ mrnSystem: 'urn:oid:1.2.3', ssnSystem: 'http://hl7.org/fhir/sid/us-ssn' }));

export function scope(claims: Record<string, unknown>): RequestScope {
  const caller = { base: 'fhir', claims: { scope: 'system/*.rs', ...claims }, scopes: parseScopes(String(claims.scope ?? 'system/*.rs')) } as unknown as Caller;
  return { caller, baseUrl: BASE, ctx };
}

export type Engine = 'sqlite' | 'postgres';

export async function openDatabase(engine: Engine): Promise<{ ds: DataSource; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'engine-cache-'));
  let url: DbUrl;
  if (engine === 'sqlite') {
    url = { kind: 'sqlite', path: join(dir, 'legacy.sqlite') };
    await createLegacySqliteDatabase(url.path);
  } else {
    const u = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    u.pathname = `/enginecache_${process.pid}_${Date.now()}`;
    url = { kind: 'postgres', url: u.toString() };
    await createLegacyPostgresDatabase(url.url);
  }
  const ds = createLegacyDataSource(url, 2);
  await ds.initialize();
  return {
    ds,
    async close() {
      await ds.destroy();
      if (url.kind === 'postgres') await dropPostgresDatabase(url.url);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Issue 12: the facade changes no setting of the customer's database. SQLite: the file (header, journal mode,
 * PRAGMAs stored in it) is byte-for-byte the same after the FHIR API served reads and searches, and no `-wal` or
 * `-shm` file appears. (PostgreSQL: protect-legacy-timeout.e2e-spec.ts checks that our statement timeout lives only
 * in our own sessions and nothing is set on the database or its roles.)
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import request from 'supertest';
import { createLegacySqliteDatabase } from '#facade/legacy-db';
import { seedClinic, type Clinic } from './support/clinic.js';
import { startFhirTestApp, type FhirTestApp } from './support/fhir-test-app.js';

const PRAGMAS = ['journal_mode', 'user_version', 'application_id', 'page_size', 'auto_vacuum', 'encoding', 'locking_mode', 'synchronous'];

function fileState(path: string) {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const pragmas = Object.fromEntries(PRAGMAS.map((p) => [p, db.pragma(p, { simple: true })]));
  db.close();
  return { pragmas, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
}

describe('the customer SQLite file keeps its settings', () => {
  let t: FhirTestApp;
  let clinic: Clinic;
  let path: string;
  beforeAll(async () => {
    t = await startFhirTestApp({
      legacyLimits: true,
      create: async (url) => {
        path = (url as { path: string }).path;
        await createLegacySqliteDatabase(path);
        const db = new Database(path);
        db.pragma('journal_mode = DELETE');
        db.close();
      },
    });
    clinic = await seedClinic(t.factory);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  it('is byte-for-byte unchanged after reads and searches, in rollback-journal mode, with no -wal/-shm file', async () => {
    const before = fileState(path);
    expect(before.pragmas.journal_mode).toBe('delete');
    const token = await t.mint({ scope: 'user/*.rs', practice: clinic.practiceA });
    for (const p of ['/fhir/Patient?family=Shaw', `/fhir/Patient/${clinic.amy}`, `/fhir/Observation?patient=${clinic.amy}&category=laboratory`, `/fhir/Condition?patient=${clinic.amy}`, '/readyz']) {
      const res = await request(t.server as never).get(p).set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
    }
    // Our own connection's settings are per connection: the busy timeout we asked for is in force there.
    const conn = (t.ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
    expect(conn.pragma('busy_timeout', { simple: true })).toBe(8000);
    expect(fileState(path)).toEqual(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
  });
});

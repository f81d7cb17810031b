import { describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createLegacySqliteDatabase } from '../provision/create-legacy-database.js';
import { createLegacyDataSource } from './legacy-data-source.js';

/** The customer's SQLite file keeps the journal mode it has: opening it must not switch it to WAL (a persistent change). */
describe('legacy SQLite data source', () => {
  it('leaves a rollback-journal EHR file in its mode and writes no -wal file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'legacy-journal-')), 'ehr.sqlite');
    await createLegacySqliteDatabase(path);
    const ehr = new Database(path);
    ehr.pragma('journal_mode = DELETE');
    ehr.close();

    const ds = createLegacyDataSource({ kind: 'sqlite', path });
    await ds.initialize();
    await ds.query('SELECT COUNT(*) AS n FROM PATIENT');
    await ds.destroy();

    const check = new Database(path, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});

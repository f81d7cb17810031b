import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLegacySqliteDatabase, createLegacyPostgresDatabase, dropPostgresDatabase } from './create-legacy-database.js';
import { createLegacyDataSource } from '../datasource/legacy-data-source.js';
import type { LegacyPractice } from '../entities/index.js';

const pgUrl = (name: string) => {
  const u = new URL(process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  u.pathname = `/${name}`;
  return u.toString();
};

const practice: LegacyPractice = {
  PRACTICE_ID: 1, PRACTICE_NAME: 'Harbor Family Medicine', NPI: '1234567893', TAX_ID: null, ADDR1: null, ADDR2: null,
  CITY: null, STATE: null, ZIP: null, PHONE: null, FAX: null, EMAIL: null, ACTIVE_YN: 'Y',
  CREATED_AT: '2024-03-10T02:30:00', UPDATED_AT: '2024-11-03T01:30:00', ROW_VER: 1,
};

describe('creating the legacy schema for demos and tests', () => {
  const created: string[] = [];
  afterAll(async () => {
    for (const url of created) await dropPostgresDatabase(url);
  });

  it('creates every table in a new SQLite file and refuses an existing file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'legacy-')), 'ehr.sqlite');
    await createLegacySqliteDatabase(path);
    await expect(createLegacySqliteDatabase(path)).rejects.toThrow(/already exists/);
    const ds = await createLegacyDataSource({ kind: 'sqlite', path }).initialize();
    await ds.getRepository<LegacyPractice>('PRACTICE').insert(practice);
    const row = await ds.getRepository<LegacyPractice>('PRACTICE').findOneByOrFail({ PRACTICE_ID: 1 });
    expect(row.CREATED_AT).toBe('2024-03-10T02:30:00');
    expect(row.UPDATED_AT).toBe('2024-11-03T01:30:00');
    await ds.destroy();
  });

  it('creates a new PostgreSQL database and refuses an existing one', async () => {
    const url = pgUrl(`legacy_create_${process.pid}_${Date.now()}`);
    created.push(url);
    await createLegacyPostgresDatabase(url);
    await expect(createLegacyPostgresDatabase(url)).rejects.toThrow(/already exists/);
    const ds = await createLegacyDataSource({ kind: 'postgres', url }).initialize();
    await ds.getRepository<LegacyPractice>('PRACTICE').insert(practice);
    const row = await ds.getRepository<LegacyPractice>('PRACTICE').findOneByOrFail({ PRACTICE_ID: 1 });
    expect(row.CREATED_AT).toBe('2024-03-10T02:30:00');
    const raw = await ds.query('SELECT "UPDATED_AT" FROM "PRACTICE"');
    expect(raw[0].UPDATED_AT).toBe('2024-11-03 01:30:00');
    await ds.destroy();
  });
});

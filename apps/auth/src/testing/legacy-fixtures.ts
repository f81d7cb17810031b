/**
 * Test-only builders of minimal legacy rows (practices, providers, users, patients, portal accounts, proxies)
 * in a NEW SQLite database created with the legacy schema. Passwords are hashed here with node:crypto following
 * the README's two formats, independently of the product's verifier.
 */
import { createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { tempLegacyDb as tempLegacySqlite, tempLegacyPgDb as tempLegacyPostgres } from '#facade/legacy-db/src/testing/temp-legacy-db.js';

const T = '2024-01-02 09:00:00';

/** A temporary legacy SQLite database with an initialized DataSource; `close()` removes it. */
export const tempLegacyDb = () => tempLegacySqlite('authui-');

/** A NEW PostgreSQL database (under TEST_PG_URL) with the legacy schema; `close()` drops it. */
export const tempLegacyPgDb = () => tempLegacyPostgres('authui_');

/** SHA256 legacy format: hex SHA-256 of salt + password. */
export function sha256Row(password: string, salt = randomBytes(8).toString('hex')) {
  return { PWD_ALGO: 'SHA256', PWD_SALT: salt, PWD_HASH: createHash('sha256').update(salt + password, 'utf8').digest('hex') };
}

/** PBKDF2 format: `pbkdf2_sha256$<iterations>$<salt b64>$<key b64>`. */
export function pbkdf2Row(password: string, iterations = 1000) {
  const salt = randomBytes(12);
  const key = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  return { PWD_ALGO: 'PBKDF2', PWD_SALT: null, PWD_HASH: `pbkdf2_sha256$${iterations}$${salt.toString('base64')}$${key.toString('base64')}` };
}

async function insert(ds: DataSource, table: string, row: Record<string, unknown>): Promise<number> {
  const result = await ds.createQueryBuilder().insert().into(table).values(row).execute();
  return Number(result.identifiers[0] ? Object.values(result.identifiers[0])[0] : result.raw);
}

export async function addPractice(ds: DataSource, over: Record<string, unknown> = {}): Promise<number> {
  return insert(ds, 'PRACTICE', { PRACTICE_NAME: 'Riverside Family Medicine', NPI: '1234567893', ADDR1: '10 Main St', CITY: 'Springfield', STATE: 'MA', ZIP: '01101', ACTIVE_YN: 'Y', CREATED_AT: T, UPDATED_AT: T, ROW_VER: 1, ...over });
}

export async function addProvider(ds: DataSource, practiceId: number, over: Record<string, unknown> = {}): Promise<number> {
  return insert(ds, 'PROVIDER', { PRACTICE_ID: practiceId, LAST_NAME: 'Carter', FIRST_NAME: 'Dana', CREDENTIAL: 'MD', ACTIVE_YN: 'Y', CREATED_AT: T, UPDATED_AT: T, ROW_VER: 1, ...over });
}

export async function addUser(ds: DataSource, practiceId: number, login: string, password: string, over: Record<string, unknown> = {}): Promise<number> {
  return insert(ds, 'USERS', { PRACTICE_ID: practiceId, LOGIN_NAME: login, ...pbkdf2Row(password), FULL_NAME: 'Dana Carter', ROLE_CODE: 'PROV', ACTIVE_YN: 'Y', LOCKED_YN: 'N', FAILED_LOGINS: 0, CREATED_AT: T, UPDATED_AT: T, ROW_VER: 1, ...over });
}

let mrn = 1000;
export async function addPatient(ds: DataSource, practiceId: number, over: Record<string, unknown> = {}): Promise<number> {
  return insert(ds, 'PATIENT', { PRACTICE_ID: practiceId, MRN: `MRN${mrn++}`, LAST_NAME: 'Lopez', FIRST_NAME: 'Maria', DOB: '1980-05-17', SEX: 'F', DECEASED_YN: 'N', INACTIVE_YN: 'N', CREATED_AT: T, UPDATED_AT: T, ROW_VER: 1, ...over });
}

export async function addPortalAccount(ds: DataSource, patId: number, username: string, password: string, over: Record<string, unknown> = {}): Promise<number> {
  return insert(ds, 'PORTAL_ACCOUNT', { USERNAME: username, ...sha256Row(password), PAT_ID: patId, ACTIVE_YN: 'Y', LOCKED_YN: 'N', FAILED_LOGINS: 0, CREATED_AT: T, UPDATED_AT: T, ROW_VER: 1, ...over });
}

export async function addProxy(ds: DataSource, portalId: number, patId: number, start: string, end: string | null, relation = 'MTH'): Promise<void> {
  await ds.createQueryBuilder().insert().into('PORTAL_PROXY').values({ PORTAL_ID: portalId, PAT_ID: patId, RELATION_CODE: relation, START_DATE: start, END_DATE: end }).execute();
}

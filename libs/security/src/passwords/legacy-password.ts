import { createHash, pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The customer EHR's password formats (`USERS` and `PORTAL_ACCOUNT`, see the schema README "Password formats"):
 *
 * - `SHA256` (legacy accounts): `PWD_HASH` = lowercase hex SHA-256 of the UTF-8 bytes of `PWD_SALT` + password.
 * - `PBKDF2`: `PWD_HASH` = `pbkdf2_sha256$<iterations>$<salt, base64>$<derived key, base64>` (HMAC-SHA-256,
 *   32-byte key); `PWD_SALT` is NULL.
 */
export type LegacyPasswordAlgo = 'SHA256' | 'PBKDF2';

/** The password columns of a `USERS` or `PORTAL_ACCOUNT` row. */
export interface LegacyPasswordRow {
  PWD_ALGO: string;
  PWD_HASH: string;
  PWD_SALT: string | null;
}

/** Options of {@link hashLegacyPassword}. Pass `salt` for reproducible output (demo data, tests). */
export interface HashLegacyPasswordOptions {
  /** SHA256: the PWD_SALT text; PBKDF2: the salt bytes (a string is taken as UTF-8). Random when omitted. */
  salt?: string | Buffer;
  /** PBKDF2 iteration count (default {@link DEFAULT_PBKDF2_ITERATIONS}). */
  iterations?: number;
}

/** Iterations used for new PBKDF2 hashes unless told otherwise. */
export const DEFAULT_PBKDF2_ITERATIONS = 210_000;
/** Hashes claiming more iterations than this are refused (a crafted row must not stall the login server). */
export const MAX_PBKDF2_ITERATIONS = 5_000_000;
const KEY_LENGTH = 32;
const PBKDF2_RE = /^pbkdf2_sha256\$(\d{1,7})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

/** Builds the `PWD_HASH` / `PWD_SALT` / `PWD_ALGO` column values for a password in the given format. */
export function hashLegacyPassword(algo: LegacyPasswordAlgo, password: string, opts: HashLegacyPasswordOptions = {}): LegacyPasswordRow {
  if (algo === 'SHA256') {
    const salt = opts.salt === undefined ? randomBytes(16).toString('hex') : opts.salt.toString();
    if (salt.length > 64) throw new RangeError('PWD_SALT holds at most 64 characters');
    return { PWD_ALGO: 'SHA256', PWD_SALT: salt, PWD_HASH: sha256Hex(salt, password) };
  }
  if (algo === 'PBKDF2') {
    const iterations = opts.iterations ?? DEFAULT_PBKDF2_ITERATIONS;
    if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
      throw new RangeError(`PBKDF2 iterations must be an integer between 1 and ${MAX_PBKDF2_ITERATIONS}`);
    }
    const salt = opts.salt === undefined ? randomBytes(16) : Buffer.isBuffer(opts.salt) ? opts.salt : Buffer.from(opts.salt, 'utf8');
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, KEY_LENGTH, 'sha256');
    return {
      PWD_ALGO: 'PBKDF2',
      PWD_SALT: null,
      PWD_HASH: `pbkdf2_sha256$${iterations}$${salt.toString('base64')}$${key.toString('base64')}`,
    };
  }
  throw new RangeError(`Unknown password algorithm: ${String(algo)}`);
}

type ParsedHash =
  | { algo: 'SHA256'; salt: string; expected: Buffer }
  | { algo: 'PBKDF2'; iterations: number; salt: Buffer; expected: Buffer };

/** The stored hash of a row, or undefined when the row cannot log in (unknown algorithm, malformed hash). */
function parseStoredHash(row: LegacyPasswordRow): ParsedHash | undefined {
  const algo = (row.PWD_ALGO ?? '').trim().toUpperCase();
  const stored = (row.PWD_HASH ?? '').trim();
  if (algo === 'SHA256') {
    if (row.PWD_SALT === null || row.PWD_SALT === undefined || !/^[0-9a-fA-F]{64}$/.test(stored)) return undefined;
    return { algo, salt: row.PWD_SALT, expected: Buffer.from(stored.toLowerCase(), 'hex') };
  }
  if (algo === 'PBKDF2') {
    const m = PBKDF2_RE.exec(stored);
    if (!m) return undefined;
    const iterations = Number(m[1]);
    if (iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) return undefined;
    const salt = Buffer.from(m[2], 'base64');
    const expected = Buffer.from(m[3], 'base64');
    if (expected.length !== KEY_LENGTH || salt.length === 0) return undefined;
    return { algo, iterations, salt, expected };
  }
  return undefined;
}

/**
 * Checks a password against a `USERS` / `PORTAL_ACCOUNT` row. Constant-time comparison of the digests; false
 * (never an exception) for an unknown algorithm or a malformed hash, so a bad row simply cannot log in.
 * Synchronous: blocks the event loop for the PBKDF2 work; servers use {@link verifyLegacyPasswordAsync}.
 */
export function verifyLegacyPassword(row: LegacyPasswordRow, password: string): boolean {
  const h = parseStoredHash(row);
  if (!h) return false;
  const pw = Buffer.from(password, 'utf8');
  const actual = h.algo === 'SHA256'
    ? createHash('sha256').update(Buffer.from(h.salt + password, 'utf8')).digest()
    : pbkdf2Sync(pw, h.salt, h.iterations, KEY_LENGTH, 'sha256');
  return timingSafeEqual(h.expected, actual);
}

/** Same as {@link verifyLegacyPassword}, with PBKDF2 on libuv's thread pool so logins never stall the server. */
export async function verifyLegacyPasswordAsync(row: LegacyPasswordRow, password: string): Promise<boolean> {
  const h = parseStoredHash(row);
  if (!h) return false;
  if (h.algo === 'SHA256') return verifyLegacyPassword(row, password);
  const actual = await new Promise<Buffer>((resolve, reject) =>
    pbkdf2(Buffer.from(password, 'utf8'), h.salt, h.iterations, KEY_LENGTH, 'sha256', (err, key) => (err ? reject(err) : resolve(key))),
  );
  return timingSafeEqual(h.expected, actual);
}

/** PBKDF2 iterations a row's check costs (0 for SHA256 and for rows that cannot log in). */
export function legacyPasswordCost(row: LegacyPasswordRow): number {
  const h = parseStoredHash(row);
  return h?.algo === 'PBKDF2' ? h.iterations : 0;
}

/**
 * Spends `iterations` of PBKDF2-HMAC-SHA-256 on libuv's thread pool and throws the result away: the padding that
 * makes every sign-in attempt cost the same whatever the account's hash format (or whether it exists at all).
 */
export async function spendPbkdf2Work(password: string, iterations: number): Promise<void> {
  if (iterations <= 0) return;
  await new Promise<void>((resolve, reject) =>
    pbkdf2(Buffer.from(password, 'utf8'), PADDING_SALT, Math.min(iterations, MAX_PBKDF2_ITERATIONS), KEY_LENGTH, 'sha256', (err) => (err ? reject(err) : resolve())),
  );
}
const PADDING_SALT = randomBytes(16);

function sha256Hex(salt: string, password: string): string {
  return createHash('sha256').update(Buffer.from(salt + password, 'utf8')).digest('hex');
}

/**
 * The HMAC key of the FHIR API's paging cursors. `FHIR_CURSOR_KEY` when set (the same value on every instance behind
 * one URL); otherwise a key generated once and kept in `DATA_DIR/fhir-cursor.key` (mode 0600, like the signing keys),
 * so `next` links survive a restart and agree between processes sharing the data directory.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File name of the persisted key inside DATA_DIR. */
export const CURSOR_KEY_FILE = 'fhir-cursor.key';

/**
 * The cursor key: the configured one, else the persisted one, else a new random key persisted first (created
 * exclusively, so concurrent first starts end up with the one key that was written).
 */
export function resolveCursorKey(env: { FHIR_CURSOR_KEY?: string }, dataDir: string): string {
  const configured = env.FHIR_CURSOR_KEY?.trim();
  if (configured) {
    if (configured.length < 32) throw new Error('FHIR_CURSOR_KEY must be at least 32 characters');
    return configured;
  }
  const file = join(dataDir, CURSOR_KEY_FILE);
  const read = () => readFileSync(file, 'utf8').trim();
  try {
    return valid(read(), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return valid(read(), file);
}

function valid(key: string, file: string): string {
  if (key.length < 32) throw new Error(`${file} does not hold a cursor key (at least 32 characters); delete it to generate one`);
  return key;
}

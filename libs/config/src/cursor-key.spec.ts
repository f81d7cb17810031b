import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURSOR_KEY_FILE, resolveCursorKey } from './cursor-key.js';

describe('resolveCursorKey', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'cursor-key-'));

  it('generates a key once, keeps it private in DATA_DIR and returns it after a restart', () => {
    const d = join(dir(), 'data');
    const first = resolveCursorKey({}, d);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(resolveCursorKey({}, d)).toBe(first);
    expect(readFileSync(join(d, CURSOR_KEY_FILE), 'utf8').trim()).toBe(first);
    expect(statSync(join(d, CURSOR_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(resolveCursorKey({}, dir())).not.toBe(first);
    rmSync(d, { recursive: true, force: true });
  });

  it('prefers FHIR_CURSOR_KEY and refuses short or corrupt keys', () => {
    const d = dir();
    expect(resolveCursorKey({ FHIR_CURSOR_KEY: 'k'.repeat(40) }, d)).toBe('k'.repeat(40));
    expect(() => resolveCursorKey({ FHIR_CURSOR_KEY: 'short' }, d)).toThrow(/at least 32/);
    writeFileSync(join(d, CURSOR_KEY_FILE), 'x\n');
    expect(() => resolveCursorKey({}, d)).toThrow(/delete it/);
  });
});

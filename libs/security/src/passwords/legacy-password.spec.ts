import { describe, expect, it } from '@jest/globals';
import { createHash, pbkdf2Sync } from 'node:crypto';
import { hashLegacyPassword, verifyLegacyPassword, verifyLegacyPasswordAsync } from './legacy-password.js';

// Known vectors computed here, independently of the module, with node:crypto.
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

describe('legacy EHR password formats', () => {
  it('SHA256: lowercase hex of SHA-256(PWD_SALT + password), UTF-8', () => {
    const row = hashLegacyPassword('SHA256', 'Pässword!1', { salt: 'a1b2c3' });
    expect(row).toEqual({ PWD_ALGO: 'SHA256', PWD_SALT: 'a1b2c3', PWD_HASH: sha('a1b2c3Pässword!1') });
    expect(verifyLegacyPassword(row, 'Pässword!1')).toBe(true);
    expect(verifyLegacyPassword(row, 'password!1')).toBe(false);
    expect(verifyLegacyPassword(row, 'Pässword!1 ')).toBe(false);
  });

  it('SHA256: verifies a row written by the EHR (upper-case hex accepted) and needs the salt', () => {
    const hash = sha('saltySecret-9').toUpperCase();
    expect(verifyLegacyPassword({ PWD_ALGO: 'SHA256', PWD_SALT: 'salty', PWD_HASH: hash }, 'Secret-9')).toBe(true);
    expect(verifyLegacyPassword({ PWD_ALGO: 'SHA256', PWD_SALT: null, PWD_HASH: hash }, 'Secret-9')).toBe(false);
    expect(verifyLegacyPassword({ PWD_ALGO: 'SHA256', PWD_SALT: 'other', PWD_HASH: hash }, 'Secret-9')).toBe(false);
  });

  it('PBKDF2: pbkdf2_sha256$<iterations>$<salt b64>$<32-byte key b64>, PWD_SALT NULL', () => {
    const salt = Buffer.from('0123456789abcdef', 'utf8');
    const key = pbkdf2Sync('Demo!2345', salt, 1000, 32, 'sha256').toString('base64');
    const row = hashLegacyPassword('PBKDF2', 'Demo!2345', { salt, iterations: 1000 });
    expect(row).toEqual({ PWD_ALGO: 'PBKDF2', PWD_SALT: null, PWD_HASH: `pbkdf2_sha256$1000$${salt.toString('base64')}$${key}` });
    expect(verifyLegacyPassword(row, 'Demo!2345')).toBe(true);
    expect(verifyLegacyPassword(row, 'demo!2345')).toBe(false);
  });

  it('PBKDF2: verifies an independently built hash and honours its iteration count', () => {
    const salt = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const key = pbkdf2Sync('correct horse', salt, 4321, 32, 'sha256').toString('base64');
    const hash = `pbkdf2_sha256$4321$${salt.toString('base64')}$${key}`;
    expect(verifyLegacyPassword({ PWD_ALGO: 'PBKDF2', PWD_SALT: null, PWD_HASH: hash }, 'correct horse')).toBe(true);
    const wrongIterations = hash.replace('$4321$', '$4320$');
    expect(verifyLegacyPassword({ PWD_ALGO: 'PBKDF2', PWD_SALT: null, PWD_HASH: wrongIterations }, 'correct horse')).toBe(false);
  });

  it('random salts by default: two hashes of one password differ and both verify', () => {
    const a = hashLegacyPassword('PBKDF2', 'x', { iterations: 10 });
    const b = hashLegacyPassword('PBKDF2', 'x', { iterations: 10 });
    expect(a.PWD_HASH).not.toBe(b.PWD_HASH);
    expect(verifyLegacyPassword(a, 'x') && verifyLegacyPassword(b, 'x')).toBe(true);
    const c = hashLegacyPassword('SHA256', 'x');
    expect(c.PWD_SALT).toMatch(/^[0-9a-f]{32}$/);
  });

  it('malformed rows and unknown algorithms never verify and never throw', () => {
    const bad = [
      { PWD_ALGO: 'MD5', PWD_SALT: 's', PWD_HASH: sha('sx') },
      { PWD_ALGO: 'SHA256', PWD_SALT: 's', PWD_HASH: 'zz' },
      { PWD_ALGO: 'PBKDF2', PWD_SALT: null, PWD_HASH: 'pbkdf2_sha256$abc$AA==$AA==' },
      { PWD_ALGO: 'PBKDF2', PWD_SALT: null, PWD_HASH: 'pbkdf2_sha256$1000$AAAA$AAAA' },
      { PWD_ALGO: 'PBKDF2', PWD_SALT: null, PWD_HASH: `pbkdf2_sha256$9999999$AAAA$${Buffer.alloc(32).toString('base64')}` },
    ];
    for (const row of bad) expect(verifyLegacyPassword(row, 'x')).toBe(false);
    for (const row of bad) expect(verifyLegacyPasswordAsync(row, 'x')).resolves.toBe(false);
    expect(() => hashLegacyPassword('PBKDF2', 'x', { iterations: 0 })).toThrow(/iterations/);
  });

  it('the async check agrees with the sync one for both formats, right and wrong passwords', async () => {
    const key = pbkdf2Sync(Buffer.from('Grün!pw', 'utf8'), Buffer.from('salt-bytes'), 1200, 32, 'sha256');
    const pbkdf2Row = { PWD_ALGO: 'PBKDF2', PWD_SALT: null, PWD_HASH: `pbkdf2_sha256$1200$${Buffer.from('salt-bytes').toString('base64')}$${key.toString('base64')}` };
    const shaRow = { PWD_ALGO: 'SHA256', PWD_SALT: 'abc', PWD_HASH: sha('abcGrün!pw') };
    for (const row of [pbkdf2Row, shaRow]) {
      await expect(verifyLegacyPasswordAsync(row, 'Grün!pw')).resolves.toBe(true);
      await expect(verifyLegacyPasswordAsync(row, 'grün!pw')).resolves.toBe(false);
    }
  });
});

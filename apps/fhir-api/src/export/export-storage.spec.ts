/** The local export store's file writer: what is written is exactly the text given, in order, whatever the sizes. */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalExportStorage } from './export-storage.js';

describe('LocalExportStorage.open', () => {
  it('writes small and large pieces (multi-byte UTF-8 included) in order, and reports the size in bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-storage-'));
    try {
      const storage = new LocalExportStorage(dir);
      const writer = await storage.open('a1/000001-Patient.ndjson');
      const pieces: string[] = [];
      // Many pieces that fill both buffers several times, one larger than a buffer, and characters of 2-4 bytes.
      for (let i = 0; i < 3000; i++) pieces.push(`{"i":${i},"name":"Zoë 😀 ${'北'.repeat(i % 700)}"}\n`);
      pieces.splice(1500, 0, `${'é'.repeat(600_000)}\n`);
      for (const p of pieces) await writer.write(p);
      const bytes = await writer.close();
      const expected = pieces.join('');
      const file = readFileSync(join(dir, 'bulk-export', 'a1', '000001-Patient.ndjson'), 'utf8');
      expect(file.length).toBe(expected.length);
      expect(file === expected).toBe(true);
      expect(bytes).toBe(Buffer.byteLength(expected));
      // Overwriting a file (a retried chunk) replaces it.
      const again = await storage.open('a1/000001-Patient.ndjson');
      await again.write('{}\n');
      expect(await again.close()).toBe(3);
      expect(readFileSync(join(dir, 'bulk-export', 'a1', '000001-Patient.ndjson'), 'utf8')).toBe('{}\n');
      await expect(storage.open('../x')).rejects.toThrow('Invalid export storage key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * Where export files live. `ExportStorage` is the seam an object store (S3-style: multipart upload, ranged get)
 * can implement; `LocalExportStorage` keeps them under `DATA_DIR/bulk-export/` (one folder per export).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Storage of export files by key (`<export id>/<file>`). */
export interface ExportStorage {
  /** Writes (or overwrites) a file from a stream; resolves with its size in bytes. */
  put(key: string, data: Readable): Promise<number>;
  /** A stream of a stored file, or undefined when it does not exist. */
  get(key: string): Promise<Readable | undefined>;
  /** Deletes every file under a prefix (an export's folder). */
  deletePrefix(prefix: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9-]+(\/[A-Za-z0-9.-]+)*$/;

/** Files on the local disk. */
export class LocalExportStorage implements ExportStorage {
  private readonly root: string;
  constructor(dataDir: string) {
    this.root = resolve(dataDir, 'bulk-export');
  }

  private path(key: string): string {
    if (!KEY.test(key) || key.includes('..')) throw new Error(`Invalid export storage key ${key}`);
    const p = join(this.root, key);
    if (!p.startsWith(this.root + sep)) throw new Error(`Invalid export storage key ${key}`);
    return p;
  }

  async put(key: string, data: Readable): Promise<number> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    await pipeline(data, createWriteStream(path));
    return (await stat(path)).size;
  }

  async get(key: string): Promise<Readable | undefined> {
    const path = this.path(key);
    try {
      await stat(path);
    } catch {
      return undefined;
    }
    return createReadStream(path);
  }

  async deletePrefix(prefix: string): Promise<void> {
    await rm(this.path(prefix), { recursive: true, force: true });
  }
}

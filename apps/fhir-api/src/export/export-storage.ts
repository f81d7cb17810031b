/**
 * Where export files live. `ExportStorage` is the seam an object store (S3-style: multipart upload, ranged get)
 * can implement; `LocalExportStorage` keeps them under `DATA_DIR/bulk-export/` (one folder per export) and writes
 * them through two reused buffers (`open`), so writing allocates no memory per page; a file's buffers go back to a
 * small pool of the storage when it closes, so a long export allocates them a few times, not twice per file (a
 * 1 MiB allocation per file left the allocator's memory fragmented: RSS of an export thread grew by tens of MB).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rm, stat, type FileHandle } from 'node:fs/promises';
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
  /** Optional fast path: a file written piece by piece (without it, the processor streams into `put`). */
  open?(key: string): Promise<ExportFileWriter>;
}

/** A file being written (or overwritten) piece by piece. */
export interface ExportFileWriter {
  /** Appends text; resolves when the writer takes more (back-pressure: at most one buffer waits for the disk). */
  write(text: string): Promise<void>;
  /** Completes the file; resolves with its size in bytes. */
  close(): Promise<number>;
  /** Stops writing (the partial file stays until it is overwritten or its export deleted). */
  abort(): Promise<void>;
}

/** Bytes of each of a local file writer's two buffers. */
const WRITE_BUFFER = 1 << 20;
/** Buffers a storage keeps for its next files (two per file being written: one chunk's two files). */
const POOLED = 4;

/** Write buffers handed from closed files to new ones. */
class BufferPool {
  private readonly free: Buffer[] = [];
  take(): Buffer {
    return this.free.pop() ?? Buffer.allocUnsafeSlow(WRITE_BUFFER);
  }
  give(b: Buffer): void {
    if (this.free.length < POOLED) this.free.push(b);
  }
}

/** Fills one buffer while the other is being written (UTF-8 is at most 3 bytes per UTF-16 unit). */
class LocalFileWriter implements ExportFileWriter {
  private readonly buffers: Buffer[];
  private used = 0;
  private bytes = 0;
  private pending: Promise<unknown> = Promise.resolve();
  constructor(private readonly fh: FileHandle, private readonly pool: BufferPool) {
    this.buffers = [pool.take(), pool.take()];
  }

  /** Returns the buffers to the pool (once nothing is being written from them). */
  private release(): void {
    for (const b of this.buffers.splice(0)) this.pool.give(b);
  }

  private async flush(): Promise<void> {
    await this.pending;
    if (this.used === 0) return;
    const full = this.buffers[0];
    const length = this.used;
    this.buffers.reverse();
    this.used = 0;
    this.bytes += length;
    this.pending = this.fh.write(full, 0, length);
  }

  async write(text: string): Promise<void> {
    if (this.used + text.length * 3 > WRITE_BUFFER) await this.flush();
    if (text.length * 3 <= WRITE_BUFFER) {
      this.used += this.buffers[0].write(text, this.used);
      return;
    }
    // Larger than a buffer: written on its own, after what is buffered.
    await this.pending;
    const big = Buffer.from(text);
    this.bytes += big.length;
    this.pending = this.fh.write(big);
  }

  async close(): Promise<number> {
    try {
      await this.flush();
      await this.pending;
    } finally {
      await this.pending.catch(() => undefined);
      this.release();
      await this.fh.close();
    }
    return this.bytes;
  }

  async abort(): Promise<void> {
    await this.pending.catch(() => undefined);
    this.release();
    await this.fh.close();
  }
}

const KEY = /^[A-Za-z0-9-]+(\/[A-Za-z0-9.-]+)*$/;

/** Files on the local disk. */
export class LocalExportStorage implements ExportStorage {
  private readonly root: string;
  private readonly pool = new BufferPool();
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

  async open(key: string): Promise<ExportFileWriter> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    return new LocalFileWriter(await open(path, 'w'), this.pool);
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

/**
 * The export processor, the same in every runner (embedded or bullmq, API process or worker process):
 * - `plan`: splits every exported type into chunks by primary-key range of each of its sources (MIN/MAX of the
 *   key; `BULK_EXPORT_CHUNK_KEYS` keys per chunk), stored in the facade store;
 * - `runChunk`: walks one chunk in key order, `BULK_EXPORT_BATCH` resources per statement, through the search
 *   engine (the registry's sources, mappers and the caller's access: the same SQL and resources as a search),
 *   streaming NDJSON lines to one file of the type (and one of their Provenance) with back-pressure, so memory
 *   holds one batch, never a whole type; the chunk's completion (files, counts) is recorded in the store, so a
 *   crashed worker's retry starts from the first chunk not recorded (a retried chunk overwrites its own files);
 * - `finish`: `running` -> `complete` once every chunk is done.
 * `plan` and `runChunk` (every legacy statement of an export) run in the export thread by default
 * (`export-thread.ts`); the runners call the rest (store updates) on the main thread.
 */
import { PassThrough } from 'node:stream';
import type { DataSource } from 'typeorm';
import { shapeResource, type FhirResource } from '#facade/fhir';
import type { BulkExportFile, BulkExportRepository, BulkExportRow, PlannedChunk } from '#facade/facade-store';
import type { MapperContext } from '#facade/mappers';
import type { ResourceRegistry } from '../engine/registry/resource-registry.js';
import type { Cursor } from '../engine/search/cursor.js';
import type { SearchExecutor, SearchPage, SearchPlan } from '../engine/search/search-executor.js';
import { ProvenanceBuilder } from '../service/provenance.js';
import { buildExportJob, type ExportClaims, type ExportJob } from './export-job.js';
import type { ExportRequest } from './export-request.js';
import type { ExportFileWriter, ExportStorage } from './export-storage.js';
import type { GroupMembers } from './group-members.js';
import type { StatementLimiter } from './statement-limiter.js';

/** Settings of the processor (config `bulkExport`). */
export interface ProcessorSettings {
  chunkKeys: number;
  batch: number;
  expiryHours: number;
  timeZone: string;
}

/** Thrown inside a chunk when its export was cancelled meanwhile. */
export class ExportCancelled extends Error {}

/** Bytes a file's stream buffers before a page waits (stores without `open`: the text goes through a stream into `put`). */
const FILE_BUFFER = 1 << 20;
/** How often a running chunk checks the store for a cancellation. */
const CANCEL_CHECK_MS = 1000;

/** A file being written: the store's writer (`open`), or a stream into `put`; and its line count. */
class NdjsonOut {
  count = 0;
  private constructor(readonly key: string, private readonly writer: ExportFileWriter) {}

  static async open(storage: ExportStorage, key: string): Promise<NdjsonOut> {
    if (storage.open) return new NdjsonOut(key, await storage.open(key));
    const stream = new PassThrough({ highWaterMark: FILE_BUFFER });
    const done = storage.put(key, stream);
    done.catch(() => undefined);
    return new NdjsonOut(key, {
      write: async (text) => {
        if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
      },
      close: async () => {
        stream.end();
        return done;
      },
      abort: async () => {
        stream.destroy();
        await done.catch(() => undefined);
      },
    });
  }

  /** Writes a page of resources as one string (each resource stringified once); waits when the writer is full. */
  async writePage(resources: readonly FhirResource[]): Promise<void> {
    if (resources.length === 0) return;
    let text = '';
    for (const r of resources) text += `${JSON.stringify(r)}\n`;
    this.count += resources.length;
    await this.writer.write(text);
  }

  end(): Promise<number> {
    return this.writer.close();
  }

  abort(): Promise<void> {
    return this.writer.abort();
  }
}

export class ExportProcessor {
  private readonly provenance: ProvenanceBuilder;

  constructor(
    private readonly registry: ResourceRegistry,
    private readonly engine: SearchExecutor,
    private readonly legacy: DataSource,
    readonly store: BulkExportRepository,
    readonly storage: ExportStorage,
    readonly limiter: StatementLimiter,
    private readonly groups: GroupMembers,
    private readonly ctx: MapperContext,
    private readonly settings: ProcessorSettings,
  ) {
    this.provenance = new ProvenanceBuilder(engine);
  }

  /** The export's job, rebuilt from its stored request and caller. */
  jobOf(row: BulkExportRow): ExportJob {
    const request = JSON.parse(row.request) as ExportRequest;
    return buildExportJob(this.registry, JSON.parse(row.caller) as ExportClaims, request, { timeZone: this.settings.timeZone, groups: this.groups, lenient: true });
  }

  /** Plans the export's chunks (once; a re-plan returns the stored chunks) and marks it running. */
  async plan(id: string): Promise<number[]> {
    const row = await this.store.get(id);
    if (!row || row.status !== 'queued' && row.status !== 'running') return [];
    const existing = await this.store.chunksOf(id);
    if (existing.length > 0) return existing.filter((c) => c.status === 'pending').map((c) => c.chunkNo);
    const job = this.jobOf(row);
    const planned: PlannedChunk[] = [];
    for (const t of job.types.values()) {
      for (const source of t.entry.def.sources) {
        const range = await this.limiter.run(() => this.keyRange(source.table, source.alias, source.pk));
        if (!range) continue;
        for (let from = range.lo - 1; from < range.hi; from += this.settings.chunkKeys) {
          planned.push({ type: t.type, sourceKey: source.key, keyFrom: from, keyTo: Math.min(from + this.settings.chunkKeys, range.hi) });
        }
      }
    }
    const chunks = await this.store.plan(id, planned);
    if (chunks.length === 0) await this.finish(id);
    return chunks.filter((c) => c.status === 'pending').map((c) => c.chunkNo);
  }

  /** The table's key range (the whole table: a source's `baseWhere` may name its joins; chunks apply it). */
  private async keyRange(table: string, alias: string, pk: string): Promise<{ lo: number; hi: number } | undefined> {
    const qb = this.legacy.createQueryBuilder().select(`MIN(${alias}.${pk})`, 'lo').addSelect(`MAX(${alias}.${pk})`, 'hi').from(table, alias);
    const raw = (await qb.getRawOne()) as { lo: unknown; hi: unknown } | undefined;
    if (!raw || raw.lo === null || raw.lo === undefined) return undefined;
    return { lo: Number(raw.lo), hi: Number(raw.hi) };
  }

  /** Runs one chunk (a no-op when it is already done or the export is gone). */
  async runChunk(id: string, chunkNo: number): Promise<void> {
    const row = await this.store.get(id);
    if (!row || row.status !== 'running') return;
    const chunk = await this.store.chunk(id, chunkNo);
    if (!chunk || chunk.status === 'done') return;
    const job = this.jobOf(row);
    const t = job.types.get(chunk.type);
    const sourceIndex = t ? t.entry.def.sources.findIndex((s) => s.key === chunk.sourceKey) : -1;
    if (!t || sourceIndex < 0) {
      await this.store.completeChunk(id, chunkNo, []);
      return;
    }
    const access = { ...t.access, restrict: { ...t.access.restrict, range: { sourceKey: chunk.sourceKey, keyFrom: chunk.keyFrom, keyTo: chunk.keyTo } } };
    const main = await NdjsonOut.open(this.storage, `${id}/${String(chunkNo).padStart(6, '0')}-${chunk.type}.ndjson`);
    const prov = job.provenance ? await NdjsonOut.open(this.storage, `${id}/${String(chunkNo).padStart(6, '0')}-Provenance.ndjson`) : undefined;
    let cursor: Cursor | undefined = { s: null, i: sourceIndex, k: chunk.keyFrom, x: Number.MAX_SAFE_INTEGER };
    let checked = Date.now();
    try {
      while (cursor) {
        const plan: SearchPlan = { def: t.entry.def, clauses: t.clauses, access, count: this.settings.batch, cursor, wholeRows: true, uncached: true };
        const page: SearchPage = await this.limiter.run(() => this.engine.search(plan, this.ctx));
        cursor = page.next;
        if (page.found.length === 0) continue;
        await main.writePage(t.elements ? page.found.map((f) => shapeResource(f.resource, { elements: t.elements })) : page.found.map((f) => f.resource));
        if (prov) await prov.writePage(await this.limiter.run(() => this.provenance.build(page.found, this.ctx)));
        if (Date.now() - checked >= CANCEL_CHECK_MS) {
          checked = Date.now();
          if ((await this.store.get(id))?.status !== 'running') throw new ExportCancelled();
        }
      }
    } catch (e) {
      await Promise.allSettled([main.abort(), prov?.abort()]);
      throw e;
    }
    const files: BulkExportFile[] = [];
    for (const [out, type] of [[main, chunk.type], [prov, 'Provenance']] as const) {
      if (!out) continue;
      const bytes = await out.end();
      if (out.count > 0) files.push({ type, key: out.key, count: out.count, bytes });
    }
    await this.store.completeChunk(id, chunkNo, files);
  }

  /** Completes the export when every chunk is done; true for the caller that completed it. */
  async finish(id: string): Promise<boolean> {
    return this.store.finish(id, Date.now() + this.settings.expiryHours * 3600_000);
  }

  /** Marks the export failed (the error text holds no patient data: engine and storage errors only). */
  async fail(id: string, e: unknown): Promise<void> {
    await this.store.fail(id, e instanceof Error ? e.message : String(e), Date.now() + this.settings.expiryHours * 3600_000);
  }

  /** Deletes the files and rows of expired and cancelled exports. */
  async cleanup(): Promise<number> {
    const due = await this.store.due();
    for (const row of due) {
      await this.storage.deletePrefix(row.id);
      await this.store.remove(row.id);
    }
    return due.length;
  }
}

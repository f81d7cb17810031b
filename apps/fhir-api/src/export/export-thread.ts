/**
 * The main-thread side of the export thread (`export-thread.worker.ts`): a process's export work (planning and
 * running chunks: every legacy statement, mapping and file write of an export) runs in one `worker_threads` Worker
 * with its own V8 heap, bounded by `resourceLimits` (BULK_EXPORT_THREAD_HEAP_MB, BULK_EXPORT_THREAD_YOUNG_MB), so an
 * export neither grows the API's heap nor pauses its event loop with its collections.
 * - Started on the first call, ended after {@link IDLE_MS} without work (its memory goes back to the system); it
 *   holds the process open only while a call is in flight.
 * - A thread that dies (out of memory: ERR_WORKER_OUT_OF_MEMORY, or any crash) rejects its calls in flight with an
 *   error; the runners retry the chunk (in a new thread) and fail the export only after their attempts, so a chunk is
 *   never lost silently and the API process lives on. A cancellation inside the thread arrives as {@link ExportCancelled}.
 * - `close` lets calls in flight finish, then ends the thread (terminated if it does not end within 5 s).
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { AppConfig } from '#facade/config';
import { ExportCancelled } from './export-processor.js';

/** What a runner needs done: the processor itself (in process) or an {@link ExportThread}. */
export interface ExportWork {
  plan(id: string): Promise<number[]>;
  runChunk(id: string, chunkNo: number): Promise<void>;
}

/** The thread's answer to one call. */
export type ThreadAnswer = { id: number; result?: unknown; error?: string; cancelled?: boolean; peak: number };
export type ThreadCall = { id: number; op: 'plan' | 'runChunk'; args: [string] | [string, number] };

/** A thread without work for this long is ended. */
const IDLE_MS = 30_000;
const CLOSE_MS = 5_000;

/** The module file next to this one, as it exists here (dist/: .js; the sources under the tests: .ts). */
function sibling(name: string): URL {
  const js = new URL(`./${name}.js`, import.meta.url);
  return existsSync(js) ? js : new URL(`./${name}.ts`, import.meta.url);
}

export class ExportThread implements ExportWork {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private idle: NodeJS.Timeout | undefined;
  /** Resolved when no call is in flight any more (`close` waits for it). */
  private drained: (() => void)[] = [];
  /** The most legacy statements the thread's processor ran at once (BULK_EXPORT_MAX_STATEMENTS bounds it). */
  peakStatements = 0;
  /** Threads started so far (a dead thread is replaced by the next call). */
  started = 0;

  constructor(private readonly config: AppConfig, private readonly limits = { heapMb: config.bulkExport.threadHeapMb, youngMb: config.bulkExport.threadYoungMb }) {}

  plan(id: string): Promise<number[]> {
    return this.call('plan', [id]) as Promise<number[]>;
  }

  async runChunk(id: string, chunkNo: number): Promise<void> {
    await this.call('runChunk', [id, chunkNo]);
  }

  /** The thread's V8 heap (undefined while no thread runs): the bench reports its peak beside the process's. */
  async heapStatistics(): Promise<{ used_heap_size: number; total_heap_size: number } | undefined> {
    return this.worker?.getHeapStatistics();
  }

  /** Ends the thread at once, as a crash would (its calls in flight are rejected). */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Waits for the calls in flight, then ends the thread. */
  async close(): Promise<void> {
    if (this.waiting.size > 0) await new Promise<void>((r) => this.drained.push(r));
    await this.stop();
  }

  private call(op: ThreadCall['op'], args: ThreadCall['args']): Promise<unknown> {
    const worker = this.worker ?? this.start();
    clearTimeout(this.idle);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, op, args } satisfies ThreadCall);
    });
  }

  private async stop(): Promise<void> {
    clearTimeout(this.idle);
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise((r) => worker.once('exit', r));
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), CLOSE_MS);
    await exited;
    clearTimeout(timer);
  }

  private start(): Worker {
    const entry = sibling('export-thread.worker');
    // Under the tests the thread runs the TypeScript sources: the test set-up names a loader for them.
    const loader = entry.pathname.endsWith('.ts') ? process.env.FACADE_THREAD_TS_LOADER : undefined;
    if (entry.pathname.endsWith('.ts') && !loader) throw new Error('The export thread runs from dist/ (npm run build), or from the sources with FACADE_THREAD_TS_LOADER set');
    const worker = new Worker(entry, {
      workerData: { config: this.config },
      resourceLimits: { maxOldGenerationSizeMb: this.limits.heapMb, maxYoungGenerationSizeMb: this.limits.youngMb },
      execArgv: loader ? [...process.execArgv, '--import', loader] : undefined,
      name: 'bulk-export',
    });
    this.started++;
    worker.unref();
    worker.on('message', (m: ThreadAnswer) => this.answer(worker, m));
    const fail = (e: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
      this.settled();
    };
    worker.on('error', (e: Error & { code?: string }) => fail(new Error(`the export thread failed: ${e.code ? `${e.code}: ` : ''}${e.message}`, { cause: e })));
    worker.on('exit', (code) => fail(new Error(`the export thread exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Wakes the `close` calls waiting for the calls in flight. */
  private settled(): void {
    for (const r of this.drained.splice(0)) r();
  }

  private answer(worker: Worker, m: ThreadAnswer): void {
    this.peakStatements = Math.max(this.peakStatements, m.peak);
    const w = this.waiting.get(m.id);
    if (!w) return;
    this.waiting.delete(m.id);
    if (this.waiting.size === 0) {
      worker.unref();
      this.idle = setTimeout(() => void this.stop(), IDLE_MS);
      this.idle.unref();
      this.settled();
    }
    if (m.cancelled) w.reject(new ExportCancelled(m.error));
    else if (m.error !== undefined) w.reject(new Error(m.error));
    else w.resolve(m.result);
  }
}

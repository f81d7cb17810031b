/**
 * The main-thread side of the SQLite append worker (phi-audit.append-worker.ts): one worker per store file, made
 * on the first append; each batch is one message, answered after its commit. The worker holds the process open
 * only while a batch is in flight (a graceful shutdown still waits for the last commit). A worker that fails is
 * replaced on the next append; its waiting batches are refused (the outbox answers 503: fail closed).
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { canonicalFactsText, type StoredBatch } from './phi-audit.chain.js';
import type { PhiAuditFacts } from './phi-audit.rows.js';
import type { AuditColumn } from './phi-audit.sqlite-append.js';

/** The worker's answer to one batch. */
type Answer = { id: number; firstSeq?: number; firstPrev?: string; hashes?: string[]; error?: string; settings?: AppendSettings };

/** The append connection's durability settings. */
export interface AppendSettings {
  journalMode: unknown;
  synchronous: unknown;
}

interface Waiting {
  recorded: number;
  resolve: (stored: StoredBatch) => void;
  /** Set for a settings query instead of a batch. */
  settings?: (s: AppendSettings) => void;
  reject: (e: Error) => void;
}

/** The module file next to this one, as it exists here (dist/: .js; the sources under the tests: .ts). */
function sibling(name: string): string {
  const js = new URL(`./${name}.js`, import.meta.url);
  return existsSync(js) ? js.href : new URL(`./${name}.ts`, import.meta.url).href;
}

export class SqliteAppendThread {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  /** The last batch handed to the worker (settled or not): the worker answers in order. */
  private last: Promise<unknown> = Promise.resolve();

  constructor(private readonly init: { path: string; table: string; chainTable: string; columns: () => AuditColumn[] }) {}

  /** Appends one batch in the worker; resolves with what was chained, after the commit. */
  append(facts: readonly PhiAuditFacts[], recorded: number): Promise<StoredBatch> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    const stored = new Promise<StoredBatch>((resolve, reject) => {
      this.waiting.set(id, { recorded, resolve, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, texts: facts.map(canonicalFactsText), recorded });
    });
    this.last = stored;
    return stored;
  }

  /** Settles when every batch handed over so far has been committed or refused (not those handed over later). */
  handedOver(): Promise<void> {
    return this.last.then(
      () => undefined,
      () => undefined,
    );
  }

  /** The worker connection's journal mode and synchronous level (2 = FULL). */
  settings(): Promise<AppendSettings> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<AppendSettings>((resolve, reject) => {
      this.waiting.set(id, { recorded: 0, resolve: () => undefined, settings: resolve, reject });
      if (this.waiting.size === 1) worker.ref();
      worker.postMessage({ id, settings: true });
    });
  }

  /** Stops the worker (after the batches in flight). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    while (this.waiting.size > 0) await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((r) => worker.once('exit', r));
    worker.ref();
    worker.postMessage('close');
    // Closes its connection and ends; if it does not within 2 s (a hung statement), it is terminated.
    const timer = setTimeout(() => void worker.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }

  private start(): Worker {
    const worker = new Worker(new URL(sibling('phi-audit.append-worker')), {
      workerData: { path: this.init.path, table: this.init.table, chainTable: this.init.chainTable, columns: this.init.columns(), chainModule: sibling('phi-audit.chain'), appendModule: sibling('phi-audit.sqlite-append') },
    });
    worker.unref();
    worker.on('message', (m: Answer) => this.answer(worker, m));
    const fail = (e: Error) => {
      worker.unref();
      if (this.worker === worker) this.worker = undefined;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the audit append worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private answer(worker: Worker, m: Answer): void {
    const w = this.waiting.get(m.id);
    if (!w) return;
    this.waiting.delete(m.id);
    if (this.waiting.size === 0) worker.unref();
    if (w.settings && m.settings) {
      w.settings(m.settings);
      return;
    }
    if (m.error !== undefined || m.firstSeq === undefined || !m.hashes) {
      w.reject(new Error(m.error ?? 'the audit append worker sent no rows'));
      return;
    }
    w.resolve({ firstSeq: m.firstSeq, firstPrev: m.firstPrev ?? '', hashes: m.hashes, recorded: w.recorded });
  }
}

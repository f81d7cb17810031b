/**
 * The patient of a `Binary` read's event. A Binary (the content of a DocumentReference: `doc-<DOC_ID>` a stored
 * file, `note-<NOTE_ID>` a note's text) names no patient, but its row has one: DOCUMENT.PAT_ID /
 * CLINICAL_NOTE.PAT_ID. One indexed statement per answered Binary read, before a small cache (`ttlMs`, default
 * 60 s; at most `maxEntries`, default 10,000 ids: numbers only). A refused read (4xx) is not resolved: its event
 * would tell the refused token's practice whose document the id is.
 */
import type { DataSource } from 'typeorm';
import type { PhiAuditFacts } from '#facade/facade-store';
import { pathSegments } from './audit-facts.js';

const TABLES = { doc: ['DOCUMENT', 'DOC_ID'], note: ['CLINICAL_NOTE', 'NOTE_ID'] } as const;
type Prefix = keyof typeof TABLES;

type Statement = { get(...params: unknown[]): { PAT_ID: number } | undefined };

/** `doc-12` / `note-3` of a `Binary/<id>` read or vread path, or undefined. */
export function binaryTargetOf(url: string): { prefix: Prefix; key: number; id: string } | undefined {
  const p = pathSegments(url);
  if (!p || p.segments[0] !== 'Binary' || (p.segments.length !== 2 && p.segments.length !== 4)) return undefined;
  const m = /^(doc|note)-(\d{1,15})$/.exec(p.segments[1]);
  return m ? { prefix: m[1] as Prefix, key: Number(m[2]), id: m[0] } : undefined;
}

export class BinaryPatients {
  private readonly cache = new Map<string, { patient: string | null; at: number }>();
  private readonly statements = new Map<Prefix, Statement>();
  lookups = 0;

  constructor(
    private readonly legacy: DataSource,
    private readonly options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {}

  /** Gives the events of a Binary read that carry no patient the patient of its row. */
  async assign(url: string, events: PhiAuditFacts[]): Promise<void> {
    if (!events.some((e) => e.patientId === null && e.resourceType === 'Binary' && e.status < 400)) return;
    const target = binaryTargetOf(url);
    if (!target) return;
    const now = (this.options.now ?? Date.now)();
    let hit = this.cache.get(target.id);
    if (!hit || now - hit.at >= (this.options.ttlMs ?? 60_000)) {
      hit = { patient: await this.patientOf(target.prefix, target.key), at: now };
      this.cache.delete(target.id);
      this.cache.set(target.id, hit);
      if (this.cache.size > (this.options.maxEntries ?? 10_000)) this.cache.delete(this.cache.keys().next().value as string);
    }
    for (const e of events) if (e.patientId === null && e.resourceType === 'Binary' && e.status < 400) e.patientId = hit.patient;
  }

  private async patientOf(prefix: Prefix, key: number): Promise<string | null> {
    this.lookups++;
    const [table, column] = TABLES[prefix];
    if (this.legacy.options.type === 'better-sqlite3') {
      let s = this.statements.get(prefix);
      if (!s) {
        const db = (this.legacy.driver as unknown as { databaseConnection: { prepare(sql: string): Statement } }).databaseConnection;
        this.statements.set(prefix, (s = db.prepare(`SELECT "PAT_ID" FROM "${table}" WHERE "${column}" = ?`)));
      }
      const row = s.get(key);
      return row ? String(row.PAT_ID) : null;
    }
    const ph = this.legacy.options.type === 'mssql' ? '@0' : '$1';
    const rows = (await this.legacy.query(`SELECT "PAT_ID" FROM "${table}" WHERE "${column}" = ${ph}`, [key])) as Array<{ PAT_ID: number }>;
    return rows.length > 0 ? String(rows[0].PAT_ID) : null;
  }
}

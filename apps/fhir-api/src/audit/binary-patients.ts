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
import { LegacyLookup, TtlCache } from './legacy-lookup.js';

const TABLES = { doc: ['DOCUMENT', 'DOC_ID'], note: ['CLINICAL_NOTE', 'NOTE_ID'] } as const;
type Prefix = keyof typeof TABLES;

/** `doc-12` / `note-3` of a `Binary/<id>` read or vread path, or undefined. */
export function binaryTargetOf(url: string): { prefix: Prefix; key: number; id: string } | undefined {
  const p = pathSegments(url);
  if (!p || p.segments[0] !== 'Binary' || (p.segments.length !== 2 && p.segments.length !== 4)) return undefined;
  const m = /^(doc|note)-(\d{1,15})$/.exec(p.segments[1]);
  return m ? { prefix: m[1] as Prefix, key: Number(m[2]), id: m[0] } : undefined;
}

/** An event of an answered Binary read that names no patient yet. */
const unnamed = (e: PhiAuditFacts) => e.patientId === null && e.resourceType === 'Binary' && e.status < 400;

function name(events: PhiAuditFacts[], patient: string | null): undefined {
  for (const e of events) if (unnamed(e)) e.patientId = patient;
  return undefined;
}

export class BinaryPatients {
  private readonly cache: TtlCache<string | null>;
  private readonly statements: Record<Prefix, LegacyLookup<{ PAT_ID: number }>>;
  lookups = 0;

  constructor(
    legacy: DataSource,
    private readonly options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {
    this.cache = new TtlCache(options.ttlMs ?? 60_000, options.maxEntries ?? 10_000);
    const by = ([table, column]: readonly [string, string]) => new LegacyLookup<{ PAT_ID: number }>(legacy, (_n, ph) => `SELECT "PAT_ID" FROM "${table}" WHERE "${column}" = ${ph(0)}`);
    this.statements = { doc: by(TABLES.doc), note: by(TABLES.note) };
  }

  /**
   * Gives the events of a Binary read that carry no patient the patient of its row. Synchronous (undefined) unless
   * the statement has to run: every other request passes without a promise.
   */
  assign(url: string, events: PhiAuditFacts[]): Promise<void> | undefined {
    if (!events.some(unnamed)) return undefined;
    const target = binaryTargetOf(url);
    if (!target) return undefined;
    const now = (this.options.now ?? Date.now)();
    const cached = this.cache.get(target.id, now);
    if (cached) return name(events, cached.value);
    this.lookups++;
    return this.statements[target.prefix].run([target.key]).then(([row]) => {
      const patient = row ? String(row.PAT_ID) : null;
      this.cache.set(target.id, patient, now);
      name(events, patient);
    });
  }
}

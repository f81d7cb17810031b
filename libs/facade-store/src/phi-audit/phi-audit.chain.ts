/**
 * The hash chain of the PHI access trail: a row's hash is SHA-256 over its canonical content (every stored field
 * in a fixed order, the previous row's hash included), so changing, inserting or removing a row breaks the chain
 * from that row on. Pure functions: the repository uses them to append and to verify.
 */
import { hash } from 'node:crypto';
import type { PhiAuditFacts, PhiAuditRow } from './phi-audit.rows.js';

/** The hash before the first row ever appended. */
export const GENESIS_HASH = '0'.repeat(64);

/** The facts' fields in the canonical order: a row's canonical content is `[seq, recorded, ...these, prevHash]`. */
export const CANONICAL_FACTS = [
  'requestId', 'base', 'interaction', 'action', 'resourceType', 'operation', 'queryParams', 'status', 'outcome',
  'clientId', 'subject', 'fhirUser', 'tokenId', 'contextPatient', 'practiceId', 'patientId', 'recordedUser', 'entities', 'sourceIp',
] as const satisfies ReadonlyArray<keyof PhiAuditFacts>;

/**
 * The facts' values in {@link CANONICAL_FACTS} order (absent = null, as stored). Named property reads, not a loop
 * over the names (a keyed read with a changing key is megamorphic: a dictionary look-up per field); the spec checks
 * the order against CANONICAL_FACTS.
 */
export function canonicalValues(f: PhiAuditFacts): unknown[] {
  return [
    f.requestId ?? null, f.base ?? null, f.interaction ?? null, f.action ?? null, f.resourceType ?? null, f.operation ?? null,
    f.queryParams ?? null, f.status ?? null, f.outcome ?? null, f.clientId ?? null, f.subject ?? null, f.fhirUser ?? null,
    f.tokenId ?? null, f.contextPatient ?? null, f.practiceId ?? null, f.patientId ?? null, f.recordedUser ?? null,
    f.entities ?? null, f.sourceIp ?? null,
  ];
}

/**
 * The middle of the canonical text: the facts' values as JSON array items without the brackets. Computed once per
 * event where the event is made; the SQLite append worker receives this text (a string clones cheaply, where an
 * object is walked field by field) and parses its values back from it.
 */
export function canonicalFactsText(f: PhiAuditFacts): string {
  const json = JSON.stringify(canonicalValues(f));
  return json.slice(1, -1);
}

/** SHA-256 (hex) of `[seq, recorded, <factsText>, prevHash]`: the same text as {@link canonicalAuditContent}. */
export function linkHash(seq: number, recorded: number, factsText: string, prevHash: string): string {
  // seq and recorded are numbers: String() is JSON.stringify's text for a finite number.
  return hash('sha256', '[' + String(seq) + ',' + String(recorded) + ',' + factsText + ',' + JSON.stringify(prevHash) + ']', 'hex');
}

/** The canonical text of a row (a JSON array of its fields in a fixed order; the row's own hash excluded). */
export function canonicalAuditContent(r: Omit<PhiAuditRow, 'hash'>): string {
  return JSON.stringify([
    r.seq, r.recorded, r.requestId, r.base, r.interaction, r.action, r.resourceType, r.operation, r.queryParams, r.status, r.outcome,
    r.clientId, r.subject, r.fhirUser, r.tokenId, r.contextPatient, r.practiceId, r.patientId, r.recordedUser, r.entities, r.sourceIp, r.prevHash,
  ]);
}

/** SHA-256 (hex) of a row's canonical content (node's one-shot `hash`: the same digest as `createHash`, half the cost). */
export function auditRowHash(r: Omit<PhiAuditRow, 'hash'>): string {
  return hash('sha256', canonicalAuditContent(r), 'hex');
}

/** What an append stored: the first seq, the hash it chained onto, and every row's hash in order. */
export interface ChainedBatch {
  firstSeq: number;
  firstPrev: string;
  hashes: string[];
}

/** A committed batch: what was chained, and the time recorded on its rows. */
export interface StoredBatch extends ChainedBatch {
  recorded: number;
}

/** The stored rows of `facts` from what their append chained. */
export function rowsOf(facts: readonly PhiAuditFacts[], chained: ChainedBatch, recorded: number): PhiAuditRow[] {
  let prevHash = chained.firstPrev;
  return facts.map((f, i): PhiAuditRow => {
    const row = { ...f, seq: chained.firstSeq + i, recorded, prevHash, hash: chained.hashes[i] };
    prevHash = row.hash;
    return row;
  });
}

/** Chains `facts` onto the head: the stored rows (seq, time, links and hashes), and the new head. */
export function chainRows(facts: readonly PhiAuditFacts[], lastSeq: number, lastHash: string, recorded: number): PhiAuditRow[] {
  let prevHash = lastHash;
  const out = new Array<PhiAuditRow>(facts.length);
  for (let i = 0; i < facts.length; i++) {
    const row = { ...facts[i], seq: lastSeq + i + 1, recorded, prevHash, hash: '' };
    row.hash = auditRowHash(row);
    prevHash = row.hash;
    out[i] = row;
  }
  return out;
}

/** What a chain walk found. */
export type ChainVerdict =
  | { ok: true; rows: number; lastSeq: number; lastHash: string }
  | { ok: false; rows: number; badSeq: number; reason: string };

/** Walks rows in seq order from the anchor: the first row that breaks the chain is named. */
export class ChainWalker {
  private expectedSeq: number;
  private prevHash: string;
  private count = 0;

  constructor(anchorSeq: number, anchorHash: string) {
    this.expectedSeq = anchorSeq + 1;
    this.prevHash = anchorHash;
  }

  /** Checks the next row; a verdict when it is bad, undefined when it continues the chain. */
  next(row: PhiAuditRow): ChainVerdict | undefined {
    const bad = (reason: string): ChainVerdict => ({ ok: false, rows: this.count, badSeq: row.seq, reason });
    if (row.seq !== this.expectedSeq) return { ok: false, rows: this.count, badSeq: this.expectedSeq, reason: `row ${this.expectedSeq} is missing (next row is ${row.seq})` };
    if (row.prevHash !== this.prevHash) return bad('its previous-row hash does not match the row before it');
    if (auditRowHash(row) !== row.hash) return bad('its content does not match its hash');
    this.count++;
    this.expectedSeq = row.seq + 1;
    this.prevHash = row.hash;
    return undefined;
  }

  /** The verdict after the last row: the chain must end at the head recorded in `phi_audit_chain`. */
  end(headSeq: number, headHash: string): ChainVerdict {
    if (headSeq !== this.expectedSeq - 1) return { ok: false, rows: this.count, badSeq: this.expectedSeq, reason: `the chain ends at row ${this.expectedSeq - 1} but its head is row ${headSeq}` };
    if (headHash !== this.prevHash) return { ok: false, rows: this.count, badSeq: headSeq, reason: 'the last row does not match the head hash' };
    return { ok: true, rows: this.count, lastSeq: headSeq, lastHash: headHash };
  }
}

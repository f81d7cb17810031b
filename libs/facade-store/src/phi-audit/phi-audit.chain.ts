/**
 * The hash chain of the PHI access trail: a row's hash is SHA-256 over its canonical content (every stored field
 * in a fixed order, the previous row's hash included), so changing, inserting or removing a row breaks the chain
 * from that row on. Pure functions: the repository uses them to append and to verify.
 */
import { hash } from 'node:crypto';
import type { PhiAuditFacts, PhiAuditRow } from './phi-audit.rows.js';

/** The hash before the first row ever appended. */
export const GENESIS_HASH = '0'.repeat(64);

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

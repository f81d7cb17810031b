/** The canonical text of the hash chain, as the append builds it, against the verifier's (canonicalAuditContent). */
import { describe, expect, it } from '@jest/globals';
import { CANONICAL_FACTS, auditRowHash, canonicalAuditContent, canonicalFactsText, canonicalValues, linkHash } from './phi-audit.chain.js';
import type { PhiAuditFacts } from './phi-audit.rows.js';

const facts: PhiAuditFacts = {
  requestId: 'r"1', base: 'fhir', interaction: 'read', action: 'R', resourceType: 'Patient', operation: null, queryParams: 'a,b',
  status: 200, outcome: 0, clientId: 'c\\1', subject: 's', fhirUser: 'Practitioner/9', tokenId: 'j', contextPatient: '7', practiceId: 3,
  patientId: '13', recordedUser: 42, entities: '["Patient/13"]', sourceIp: '127.0.0.1',
};

describe('phi-audit chain text', () => {
  it('lists the values in CANONICAL_FACTS order, absent as null', () => {
    expect(canonicalValues(facts)).toEqual(CANONICAL_FACTS.map((k) => facts[k]));
    const sparse = { ...facts, operation: undefined, recordedUser: undefined } as unknown as PhiAuditFacts;
    expect(canonicalValues(sparse)).toEqual(CANONICAL_FACTS.map((k) => sparse[k] ?? null));
  });

  it('hashes the same text the verifier recomputes', () => {
    for (const prevHash of ['0'.repeat(64), 'ab'.repeat(32), 'odd"\\hash']) {
      const row = { ...facts, seq: 12345678901, recorded: 1764700000123, prevHash };
      expect(linkHash(row.seq, row.recorded, canonicalFactsText(facts), prevHash)).toBe(auditRowHash(row));
      expect(canonicalAuditContent(row)).toBe(`[${row.seq},${row.recorded},${canonicalFactsText(facts)},${JSON.stringify(prevHash)}]`);
    }
  });
});

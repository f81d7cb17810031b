import { describe, expect, it } from '@jest/globals';
import { JsonLogger } from '#facade/observability';
import { writeActorSink, type WriteEvent } from './write-audit.js';

const event: WriteEvent = {
  interaction: 'update', type: 'Patient', id: '12', version: '5', outcome: 'success', sub: 'portal:3', clientId: 'app', fhirUser: 'RelatedPerson/proxy-3-12',
  practiceId: 1, patientId: '12', recordedUser: 900, jti: 'j1',
};

describe('writeActorSink', () => {
  const logger = () => {
    const lines: Record<string, unknown>[] = [];
    return { lines, log: new JsonLogger('fhir-api', 'info', (l) => lines.push(JSON.parse(l))) };
  };

  it('stores the actor as a fhir.write audit row and logs the write', async () => {
    const rows: unknown[][] = [];
    const { lines, log } = logger();
    await writeActorSink(log, { record: async (...args) => void rows.push(args) })(event);
    expect(rows).toEqual([['fhir.write', { actor: 'portal:3', clientId: 'app', practiceId: 1, detail: { interaction: 'update', resourceType: 'Patient', id: '12', version: '5', outcome: 'success', patient: '12', fhirUser: 'RelatedPerson/proxy-3-12', recordedUser: 900, jti: 'j1' } }]]);
    expect(lines.map((l) => l.event)).toEqual(['fhir_write']);
  });

  it('logs a refusal as fhir_write_refused, and a failing audit store as an error without failing the write', async () => {
    const { lines, log } = logger();
    const sink = writeActorSink(log, { record: async () => { throw new TypeError('SQLITE_BUSY: database is locked at /data/facade.sqlite'); } });
    await expect(sink({ ...event, outcome: 412, version: undefined })).resolves.toBeUndefined();
    expect(lines.map((l) => l.event)).toEqual(['fhir_write_refused', 'fhir_write_audit_failed']);
    expect(lines[1]).toMatchObject({ level: 'error', interaction: 'update', type: 'Patient', id: '12', error: 'TypeError' });
    expect(JSON.stringify(lines[1])).not.toContain('/data/facade.sqlite');
  });
});

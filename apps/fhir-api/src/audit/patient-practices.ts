/**
 * The practice of each event of a `system/` token that reaches several practices (its `practices` claim): the
 * token names no single practice, so each event takes its patient's PATIENT.PRACTICE_ID (one statement per request,
 * only for such tokens), kept only when it is one of the token's practices. Events without a patient keep none.
 */
import type { DataSource } from 'typeorm';
import type { PhiAuditFacts } from '#facade/facade-store';
import type { Caller } from '../service/request-auth.js';

export class PatientPractices {
  constructor(private readonly legacy: DataSource) {}

  /** Fills `practiceId` of the events in place (no-op for tokens with one practice). */
  async assign(caller: Caller | undefined, events: PhiAuditFacts[]): Promise<void> {
    const practices = caller?.claims.practices;
    if (!practices || practices.length < 2 || caller?.claims.practice !== undefined) return;
    const ids = [...new Set(events.filter((e) => e.practiceId === null && e.patientId !== null).map((e) => Number(e.patientId)))].filter(Number.isSafeInteger);
    if (ids.length === 0) return;
    const rows: Array<{ PAT_ID: number; PRACTICE_ID: number }> = await this.legacy
      .createQueryBuilder()
      .select(['p.PAT_ID AS "PAT_ID"', 'p.PRACTICE_ID AS "PRACTICE_ID"'])
      .from('PATIENT', 'p')
      .where('p.PAT_ID IN (:...ids)', { ids })
      .getRawMany();
    const practiceOf = new Map(rows.map((r) => [String(r.PAT_ID), Number(r.PRACTICE_ID)]));
    for (const e of events) {
      const p = e.patientId === null ? undefined : practiceOf.get(e.patientId);
      if (e.practiceId === null && p !== undefined && practices.includes(p)) e.practiceId = p;
    }
  }
}

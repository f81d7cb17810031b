/**
 * Who may read the PHI access trail through `/fhir`: the one place of that rule. A clinic administrator's token:
 * - on `/fhir` (never `/open`), with a `user/AuditEvent` scope that grants the interaction (read or search);
 *   wildcards (`user/*.rs`) do not grant the trail;
 * - for a practice (`practice` claim), signed in as an EHR user (`sub` = `user:<USERS.USER_ID>`) whose account is
 *   active, belongs to that practice and has ROLE_CODE ADMIN (read from the EHR's USERS table per request).
 * Everything the trail answers is confined to that practice.
 */
import { forbidden } from '#facade/fhir';
import type { DataSource } from 'typeorm';
import type { Caller } from '../service/request-auth.js';

/** What an allowed caller may reach: one practice's events. */
export interface AuditAccess {
  practiceId: number;
}

const USER_SUB = /^user:(\d{1,10})$/;

export class AuditAccessRule {
  constructor(private readonly legacy: DataSource) {}

  /** @throws FhirError 403 when the caller may not read the trail. */
  async check(caller: Caller, interaction: 'read' | 'search'): Promise<AuditAccess> {
    if (caller.base !== 'fhir') throw forbidden('The audit trail is served on /fhir only');
    const granted = caller.scopes.some((s) => s.context === 'user' && s.resourceType === 'AuditEvent' && (interaction === 'read' ? s.read : s.search) && !s.filters);
    if (!granted) throw forbidden(`The token grants no ${interaction} access to AuditEvent (user/AuditEvent.rs)`);
    const practiceId = caller.claims.practice;
    const m = USER_SUB.exec(caller.claims.sub ?? '');
    if (practiceId === undefined || !m) throw forbidden('The audit trail needs a clinic administrator signed in for a practice');
    const rows: Array<{ PRACTICE_ID: number; ROLE_CODE: string; ACTIVE_YN: string }> = await this.legacy
      .createQueryBuilder()
      .select(['u.PRACTICE_ID AS "PRACTICE_ID"', 'u.ROLE_CODE AS "ROLE_CODE"', 'u.ACTIVE_YN AS "ACTIVE_YN"'])
      .from('USERS', 'u')
      .where('u.USER_ID = :id', { id: Number(m[1]) })
      .getRawMany();
    const user = rows[0];
    if (!user || Number(user.PRACTICE_ID) !== practiceId || user.ROLE_CODE?.trim() !== 'ADMIN' || user.ACTIVE_YN?.trim() !== 'Y') {
      throw forbidden('The audit trail is for the practice administrators');
    }
    return { practiceId };
  }
}

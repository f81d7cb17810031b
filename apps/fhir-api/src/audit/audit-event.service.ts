/**
 * `AuditEvent` read and search on `/fhir`: the PHI access trail of the caller's practice (audit-access.ts decides
 * who), newest first, paged by sequence number, each row as a BALP-shaped AuditEvent (balp-audit-event.ts).
 */
import { notFound } from '#facade/fhir';
import type { PhiAuditRepository } from '#facade/facade-store';
import type { FhirResource } from '../engine/registry/resource-definition.js';
import type { Caller } from '../service/request-auth.js';
import type { AuditAccessRule } from './audit-access.js';
import { parseAuditSearch } from './audit-event-query.js';
import { toBalpAuditEvent } from './balp-audit-event.js';

export class AuditEventService {
  constructor(
    private readonly repository: PhiAuditRepository,
    private readonly access: AuditAccessRule,
  ) {}

  async read(caller: Caller, baseUrl: string, id: string): Promise<FhirResource> {
    const { practiceId } = await this.access.check(caller, 'read');
    const row = /^\d{1,15}$/.test(id) ? await this.repository.find(Number(id), practiceId) : undefined;
    if (!row) throw notFound('AuditEvent', id);
    return toBalpAuditEvent(row, baseUrl);
  }

  async search(caller: Caller, baseUrl: string, params: Array<[string, string]>): Promise<FhirResource> {
    const { practiceId } = await this.access.check(caller, 'search');
    const q = parseAuditSearch(params);
    const rows = await this.repository.search({ ...q, practiceId });
    const page = rows.slice(0, q.limit);
    const kept = params.filter(([k]) => k !== '_cursor');
    const url = (cursor?: number) => {
      const sp = new URLSearchParams(kept);
      if (cursor !== undefined) sp.append('_cursor', String(cursor));
      const qs = sp.toString();
      return `${baseUrl}/AuditEvent${qs ? `?${qs}` : ''}`;
    };
    const link = [{ relation: 'self', url: url(q.beforeSeq) }];
    if (rows.length > q.limit) link.push({ relation: 'next', url: url(page[page.length - 1].seq) });
    return {
      resourceType: 'Bundle',
      type: 'searchset',
      link,
      entry: page.map((row) => ({ fullUrl: `${baseUrl}/AuditEvent/${row.seq}`, resource: toBalpAuditEvent(row, baseUrl), search: { mode: 'match' } })),
    } as unknown as FhirResource;
  }
}

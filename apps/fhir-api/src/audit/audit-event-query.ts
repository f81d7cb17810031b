/**
 * The search parameters of `AuditEvent` on `/fhir` (a small, own parser: the trail is not a registry type):
 * `patient` (id or `Patient/<id>`), `agent` (a client id, or the user: `user:<id>`, `portal:<id>` or a fhirUser
 * reference/URL), `date` (prefixes eq/ge/gt/le/lt; a date without a zone is UTC), `_count` (default 50, at most
 * 1,000) and `_cursor` (the paging position the server's links carry). Anything else is a 400.
 */
import { invalid } from '#facade/fhir';
import type { PhiAuditQuery } from '#facade/facade-store';

export type AuditSearch = Omit<PhiAuditQuery, 'practiceId'> & { limit: number };

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$/;

/** The half-open instant range [start, end) a FHIR date value covers (its precision), in epoch ms. */
export function dateRange(value: string): [number, number] | undefined {
  const m = DATE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone] = m;
  if (h !== undefined) {
    const start = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone}`);
    return Number.isNaN(start) ? undefined : [start, start + (s === undefined ? 60_000 : 1000)];
  }
  const Y = Number(y);
  if (mo === undefined) return [Date.UTC(Y, 0, 1), Date.UTC(Y + 1, 0, 1)];
  const M = Number(mo) - 1;
  if (M > 11) return undefined;
  if (d === undefined) return [Date.UTC(Y, M, 1), Date.UTC(Y, M + 1, 1)];
  const start = Date.UTC(Y, M, Number(d));
  return new Date(start).getUTCDate() === Number(d) ? [start, start + 86_400_000] : undefined;
}

/** Parses the query; @throws FhirError 400 on an unknown parameter or a malformed value. */
export function parseAuditSearch(params: Iterable<[string, string]>): AuditSearch {
  const q: AuditSearch = { limit: 50 };
  for (const [name, value] of params) {
    if (name === 'patient') {
      const id = value.replace(/^Patient\//, '');
      if (!/^[A-Za-z0-9\-.]{1,64}$/.test(id)) throw invalid(`'${value}' is not a patient reference`, { expression: 'patient' });
      q.patientId = id;
    } else if (name === 'agent') {
      if (value === '' || value.length > 300) throw invalid('agent needs a client id or a user', { expression: 'agent' });
      if (/^(user|portal):|\//.test(value)) q.subject = value;
      else q.clientId = value;
    } else if (name === 'date') {
      const m = /^(eq|ge|gt|le|lt)?(.*)$/.exec(value) as RegExpExecArray;
      const range = dateRange(m[2]);
      if (!range) throw invalid(`'${value}' is not a date`, { expression: 'date' });
      const prefix = m[1] ?? 'eq';
      const from = prefix === 'eq' || prefix === 'ge' ? range[0] : prefix === 'gt' ? range[1] : undefined;
      const to = prefix === 'eq' || prefix === 'le' ? range[1] : prefix === 'lt' ? range[0] : undefined;
      if (from !== undefined) q.from = Math.max(q.from ?? from, from);
      if (to !== undefined) q.to = Math.min(q.to ?? to, to);
    } else if (name === '_count') {
      const n = Number(value);
      if (!/^\d{1,4}$/.test(value) || n < 1) throw invalid('_count must be a whole number from 1', { expression: '_count' });
      q.limit = Math.min(n, 1000);
    } else if (name === '_cursor') {
      if (!/^\d{1,15}$/.test(value)) throw invalid('Invalid paging cursor', { expression: '_cursor' });
      q.beforeSeq = Number(value);
    } else if (name !== '_format' && name !== '_pretty') {
      throw invalid(`Unknown search parameter '${name}' for AuditEvent (patient, agent, date, _count)`, { messageCode: 'SEARCH_PARAM_UNKNOWN', expression: name });
    }
  }
  return q;
}

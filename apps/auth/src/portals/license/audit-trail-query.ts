/**
 * The filters of the `/admin/audit` page and its CSV export: patient (Patient id), app (client id), user (`user:<id>`,
 * `portal:<id>` or a fhirUser URL), and a day range in UTC (`from` .. `to`, both inclusive); `before` is the paging
 * position (a sequence number). Invalid values are dropped with a message, never an error page.
 */
import type { PhiAuditQuery } from '#facade/facade-store';

export interface AuditTrailFilters {
  patient: string;
  app: string;
  user: string;
  from: string;
  to: string;
  before?: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function text(q: Record<string, unknown>, name: string, max: number): string {
  const v = q[name];
  return typeof v === 'string' ? v.trim().slice(0, max) : '';
}

function dayStart(day: string): number | undefined {
  if (!DAY.test(day)) return undefined;
  const ms = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? undefined : ms;
}

/** Reads the filters from a query string; `problems` lists what was ignored. */
export function readAuditFilters(q: Record<string, unknown>): { filters: AuditTrailFilters; problems: string[] } {
  const problems: string[] = [];
  const filters: AuditTrailFilters = {
    patient: text(q, 'patient', 80).replace(/^Patient\//, ''),
    app: text(q, 'app', 100),
    user: text(q, 'user', 300),
    from: text(q, 'from', 10),
    to: text(q, 'to', 10),
  };
  if (filters.patient && !/^\d{1,20}$/.test(filters.patient)) {
    problems.push('The patient must be a patient id (a number).');
    filters.patient = '';
  }
  for (const k of ['from', 'to'] as const) {
    if (filters[k] && dayStart(filters[k]) === undefined) {
      problems.push(`The ${k === 'from' ? 'first' : 'last'} day must be a date (YYYY-MM-DD).`);
      filters[k] = '';
    }
  }
  const before = text(q, 'before', 16);
  if (/^\d{1,15}$/.test(before)) filters.before = Number(before);
  return { filters, problems };
}

/** The repository query of the filters, confined to the administrator's practice. */
export function auditQueryOf(f: AuditTrailFilters, practiceId: number, limit: number): PhiAuditQuery {
  const from = f.from ? dayStart(f.from) : undefined;
  const toDay = f.to ? dayStart(f.to) : undefined;
  return {
    practiceId,
    limit,
    ...(f.patient ? { patientId: f.patient } : {}),
    ...(f.app ? { clientId: f.app } : {}),
    ...(f.user ? { subject: f.user } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(toDay !== undefined ? { to: toDay + 86_400_000 } : {}),
    ...(f.before !== undefined ? { beforeSeq: f.before } : {}),
  };
}

/** The filters as a query string (paging and export links keep them). */
export function filterQueryString(f: AuditTrailFilters, before?: number): string {
  const p = new URLSearchParams();
  for (const k of ['patient', 'app', 'user', 'from', 'to'] as const) if (f[k]) p.set(k, f[k]);
  if (before !== undefined) p.set('before', String(before));
  return p.toString();
}

/**
 * The PHI access trail as CSV (RFC 4180: quoted fields, CRLF lines). A cell that a spreadsheet would read as a
 * formula (starting with = + - @, tab or CR) is prefixed with an apostrophe (OWASP CSV injection).
 */
import type { PhiAuditRow } from '#facade/facade-store';

export const AUDIT_CSV_COLUMNS = [
  'seq', 'recorded_utc', 'interaction', 'action', 'resource_type', 'operation', 'search_parameters', 'http_status', 'outcome', 'client_id',
  'user', 'fhir_user', 'token_id', 'recorded_ehr_user', 'patient_id', 'resources', 'source_ip', 'request_id',
] as const;

function cell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n']/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (with CRLF) of a row. */
export function auditCsvLine(r: PhiAuditRow): string {
  const resources = (JSON.parse(r.entities) as string[]).join(' ');
  return [
    r.seq, new Date(r.recorded).toISOString(), r.interaction, r.action, r.resourceType, r.operation, r.queryParams, r.status,
    r.outcome === 0 ? 'allowed' : `denied/failed (${r.outcome})`, r.clientId, r.subject, r.fhirUser, r.tokenId, r.recordedUser, r.patientId, resources, r.sourceIp, r.requestId,
  ].map(cell).join(',') + '\r\n';
}

export const AUDIT_CSV_HEADER = AUDIT_CSV_COLUMNS.join(',') + '\r\n';

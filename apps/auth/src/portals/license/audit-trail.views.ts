/** The `/admin/audit` page: the practice's PHI access trail, filtered, newest first, with CSV export. */
import type { PhiAuditRow } from '#facade/facade-store';
import { CSRF_FIELD } from '../../web/csrf.js';
import { html, type SafeHtml } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';
import { portalNav } from '../portal-session.js';
import { filterQueryString, type AuditTrailFilters } from './audit-trail-query.js';

const INTERACTIONS: Record<string, string> = {
  read: 'Read', vread: 'Read (version)', 'search-type': 'Search', create: 'Create', update: 'Update', operation: 'Operation', export: 'Export', unknown: 'Other',
};

function filterForm(f: AuditTrailFilters): SafeHtml {
  const input = (name: keyof AuditTrailFilters, label: string, hint: string, type = 'text') =>
    html`<div><label for="f-${name}">${label} <span class="hint">${hint}</span></label><input id="f-${name}" name="${name}" type="${type}" value="${String(f[name] ?? '')}"></div>`;
  return html`<form class="card" method="get" action="/admin/audit" role="search"><div class="grid2">
${input('patient', 'Patient', 'patient id')}${input('app', 'App', 'client ID')}
${input('user', 'User', 'user:<id>, portal:<id> or FHIR user URL')}<div></div>
${input('from', 'From', 'first day, UTC', 'date')}${input('to', 'To', 'last day, UTC', 'date')}</div>
<div class="actions"><button type="submit" class="secondary">Show</button><a class="btn secondary" href="/admin/audit">Clear</a>
<a class="btn secondary" href="/admin/audit.csv${filterQueryString(f) ? `?${filterQueryString(f)}` : ''}" download>Export CSV</a></div></form>`;
}

function outcome(r: PhiAuditRow): SafeHtml {
  return r.outcome === 0 ? html`<span class="badge ok">Allowed</span>` : html`<span class="badge err">Denied</span> <span class="muted">HTTP ${r.status}</span>`;
}

function rowOf(r: PhiAuditRow): SafeHtml {
  const resources = JSON.parse(r.entities) as string[];
  const what = r.operation ? `${r.resourceType ?? ''} ${r.operation}` : r.resourceType ?? '';
  return html`<tr data-seq="${r.seq}"><td>${new Date(r.recorded).toISOString().replace('T', ' ').slice(0, 19)}</td>
<td><code>${r.clientId ?? '—'}</code></td><td>${r.subject ?? '—'}${r.fhirUser ? html`<br><span class="hint">${r.fhirUser}</span>` : html``}</td>
<td>${r.patientId ? html`<a href="/admin/audit?patient=${r.patientId}">Patient ${r.patientId}</a>` : html`<span class="muted">none</span>`}</td>
<td>${INTERACTIONS[r.interaction] ?? r.interaction} ${what}${r.queryParams ? html`<br><span class="hint">by ${r.queryParams}</span>` : html``}</td>
<td>${outcome(r)}</td><td>${resources.length}</td><td><code>${r.requestId}</code></td></tr>`;
}

export function renderAuditTrailPage(m: {
  csrf: string; userName: string; practiceName: string; rows: PhiAuditRow[]; filters: AuditTrailFilters; nextBefore?: number; problems: string[];
}): string {
  const next = m.nextBefore === undefined ? html`` : html`<a class="btn secondary small" rel="next" href="/admin/audit?${filterQueryString(m.filters, m.nextBefore)}">Older</a>`;
  const body = html`<div class="app-head"><div><h1>Audit trail</h1><p class="lead tight">${m.practiceName} · signed in as ${m.userName}</p></div>
<form class="inline push" method="post" action="/admin/signout"><input type="hidden" name="${CSRF_FIELD}" value="${m.csrf}"><button class="secondary small" type="submit">Sign out</button></form></div>
<p class="muted">Every access of your practice's data through the FHIR API: who (app and user), which patient, what, when, and whether it was allowed. <a href="/admin">Back to app licenses</a></p>
${m.problems.map((p) => alertBox('warn', p))}
${filterForm(m.filters)}
${m.rows.length === 0 ? html`<div class="card"><p class="muted">No access matches these filters.</p></div>` : html`<div class="card"><table class="audit" aria-label="Audit trail">
<thead><tr><th scope="col">Time (UTC)</th><th scope="col">App</th><th scope="col">User</th><th scope="col">Patient</th><th scope="col">Access</th><th scope="col">Outcome</th><th scope="col">Resources</th><th scope="col">Request</th></tr></thead>
<tbody>${m.rows.map(rowOf)}</tbody></table></div>`}
<nav class="actions" aria-label="Pages">${next}</nav>`;
  return renderPage({ title: 'Audit trail', body, area: 'License Management portal', nav: portalNav('/admin') });
}

import type { LicenseEntry, LicenseQuery } from './license-listing.js';
import { CSRF_FIELD } from '../../web/csrf.js';
import { html, type SafeHtml } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';
import { isPatientFacing, PATIENT_FACING_MIN_REFRESH_DAYS } from '../../registration/token-lifetimes.js';
import { portalNav } from '../portal-session.js';
import type { AppRequestLimits } from '#facade/facade-store';
import type { RequestLimits } from '#facade/config';
import { appLimitsForm } from './app-limits.views.js';

/** One app row of the License Management page. */
export interface LicenseRow extends LicenseEntry {
  /** Grants (people who connected the app) in this practice. */
  connections: number;
  /** The request limits this practice set for the app (app-limits.form.ts); undefined = defaults. */
  limits?: AppRequestLimits;
}

const STATUS_OPTIONS: [LicenseQuery['status'], string][] = [['all', 'All'], ['pending', 'Not approved'], ['approved', 'Approved'], ['revoked', 'Revoked']];

function listingUrl(q: LicenseQuery, page: number): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.status !== 'all') p.set('status', q.status);
  if (page > 1) p.set('page', String(page));
  const s = p.toString();
  return s ? `/admin?${s}` : '/admin';
}

function searchForm(q: LicenseQuery): SafeHtml {
  return html`<form class="card" method="get" action="/admin" role="search"><div class="grid2">
<div><label for="q">Search every registered app <span class="hint">name, client ID, developer or contact</span></label><input id="q" name="q" type="search" maxlength="100" value="${q.q}"></div>
<div><label for="status">Status</label><select id="status" name="status">${STATUS_OPTIONS.map(([v, label]) => html`<option value="${v}"${q.status === v ? html` selected` : html``}>${label}</option>`)}</select></div></div>
<div class="actions"><button type="submit" class="secondary">Show</button>${q.q || q.status !== 'all' ? html`<a class="btn secondary" href="/admin">Clear</a>` : html``}</div></form>`;
}

function pager(q: LicenseQuery, page: number, pages: number, total: number): SafeHtml {
  return html`<nav class="actions" aria-label="Pages"><span class="muted">${total} app${total === 1 ? '' : 's'} · page ${page} of ${pages}</span>
${page > 1 ? html`<a class="btn secondary small" href="${listingUrl(q, page - 1)}" rel="prev">Previous</a>` : html``}
${page < pages ? html`<a class="btn secondary small" href="${listingUrl(q, page + 1)}" rel="next">Next</a>` : html``}</nav>`;
}

function vetting(row: LicenseRow): SafeHtml {
  const who = row.developer ? html`${row.developer.name} &lt;${row.developer.email}&gt;` : html`<span class="muted">Registered through the API (no developer account)</span>`;
  return html`<dl class="kv"><dt>Developer</dt><dd>${who}</dd>
<dt>Contacts</dt><dd>${row.contacts.length ? row.contacts.join(', ') : html`<span class="muted">none given</span>`}</dd>
${row.app.backendServices ? html`` : html`<dt>Redirect URIs</dt><dd><ul class="compact">${row.app.redirectUris.map((u) => html`<li><code>${u}</code></li>`)}</ul></dd>`}</dl>`;
}

const hidden = (csrf: string) => html`<input type="hidden" name="${CSRF_FIELD}" value="${csrf}">`;

function lifetimeInputs(row: LicenseRow, i: number): SafeHtml {
  const at = row.approval?.accessTokenTtl;
  const rt = row.approval?.refreshTokenTtl;
  const minDays = isPatientFacing(row.app) ? PATIENT_FACING_MIN_REFRESH_DAYS : 1;
  return html`<div class="grid2"><div><label for="at-${i}">Access token lifetime <span class="hint">seconds, 60–3600; blank = default</span></label>
<input id="at-${i}" name="accessTokenTtl" type="number" min="60" max="3600" value="${at ?? ''}"></div>
<div><label for="rt-${i}">Refresh token lifetime <span class="hint">days, ${minDays}–3650${minDays > 1 ? ' (patients use this app)' : ''}; blank = default</span></label>
<input id="rt-${i}" name="refreshTokenDays" type="number" min="${minDays}" max="3650" value="${rt ? Math.round(rt / 86400) : ''}"></div></div>`;
}

function status(row: LicenseRow): SafeHtml {
  if (row.approval?.status === 'approved') return html`<span class="badge ok">Approved</span>`;
  if (row.approval?.status === 'revoked') return html`<span class="badge err">Revoked</span>`;
  return html`<span class="badge">Not approved</span>`;
}

/** Every registered app with this practice's decision and lifetimes. */
export function renderLicensePage(m: {
  csrf: string; userName: string; practiceName: string; rows: LicenseRow[]; notice?: string; error?: string;
  query: LicenseQuery; total: number; page: number; pages: number; limitDefaults: RequestLimits;
}): string {
  const body = html`<div class="app-head"><div><h1>App licenses</h1><p class="lead tight">${m.practiceName} · signed in as ${m.userName}</p></div>
<a class="btn secondary small push" href="/admin/exports">Bulk data exports</a><form class="inline" method="post" action="/admin/signout">${hidden(m.csrf)}<button class="secondary small" type="submit">Sign out</button></form></div>
<p class="muted">Apps can reach your practice's data only after you approve them. Revoking an approval ends every token the app holds for your practice. <a href="/admin/audit">Audit trail</a>: who accessed which patient's data, through which app.</p>
${alertBox('ok', m.notice)}${alertBox('error', m.error)}
${searchForm(m.query)}
${m.rows.length === 0 ? html`<div class="card"><p class="muted">${m.query.q ? 'No registered app matches your search.' : 'No app asked for your practice yet. Search to find a registered app.'}</p></div>` : html``}
${m.rows.map((row, i) => {
    const id = encodeURIComponent(row.app.clientId);
    const approved = row.approval?.status === 'approved';
    return html`<section class="card" aria-labelledby="app-${i}"><div class="app-head"><div class="app-logo" aria-hidden="true">${(row.app.name[0] ?? '?').toUpperCase()}</div>
<div><h2 id="app-${i}" class="flush tight">${row.app.name} ${status(row)}</h2><span class="muted">Client ID <code>${row.app.clientId}</code>${row.app.backendServices ? ' · backend service' : ''} · ${row.connections} connection${row.connections === 1 ? '' : 's'} in your practice</span></div></div>
<p class="hint">May request: <code>${row.app.scope}</code></p>
${vetting(row)}
<form method="post" action="/admin/apps/${id}/${approved ? 'lifetimes' : 'approve'}">${hidden(m.csrf)}${lifetimeInputs(row, i)}
<div class="actions"><button type="submit"${approved ? html` class="secondary"` : html``}>${approved ? 'Save lifetimes' : 'Approve for my practice'}</button>
${approved ? html`<button type="submit" class="danger" formaction="/admin/apps/${id}/revoke">Revoke approval</button>` : html``}</div></form>
${approved ? appLimitsForm({ clientId: row.app.clientId, index: i, csrf: m.csrf, limits: row.limits, defaults: m.limitDefaults }) : html``}</section>`;
  })}
${m.total > 0 ? pager(m.query, m.page, m.pages, m.total) : html``}`;
  return renderPage({ title: 'License Management', body, area: 'License Management portal', nav: portalNav('/admin') });
}

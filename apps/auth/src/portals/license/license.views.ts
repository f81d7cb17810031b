import type { PracticeApprovalRow, RegisteredClient } from '../../../../../libs/facade-store/src/index.js';
import { CSRF_FIELD } from '../../web/csrf.js';
import { html, type SafeHtml } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';
import { isPatientFacing, PATIENT_FACING_MIN_REFRESH_DAYS } from '../../registration/token-lifetimes.js';
import { portalNav } from '../portal-session.js';

/** One app row of the License Management page. */
export interface LicenseRow {
  app: RegisteredClient;
  approval?: PracticeApprovalRow;
  /** Grants (people who connected the app) in this practice. */
  connections: number;
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
export function renderLicensePage(m: { csrf: string; userName: string; practiceName: string; rows: LicenseRow[]; notice?: string; error?: string }): string {
  const body = html`<div class="app-head"><div><h1>App licenses</h1><p class="lead tight">${m.practiceName} · signed in as ${m.userName}</p></div>
<form class="inline push" method="post" action="/admin/signout">${hidden(m.csrf)}<button class="secondary small" type="submit">Sign out</button></form></div>
<p class="muted">Apps can reach your practice's data only after you approve them. Revoking an approval ends every token the app holds for your practice.</p>
${alertBox('ok', m.notice)}${alertBox('error', m.error)}
${m.rows.length === 0 ? html`<div class="card"><p class="muted">No apps are registered yet.</p></div>` : html``}
${m.rows.map((row, i) => {
    const id = encodeURIComponent(row.app.clientId);
    const approved = row.approval?.status === 'approved';
    return html`<section class="card" aria-labelledby="app-${i}"><div class="app-head"><div class="app-logo" aria-hidden="true">${(row.app.name[0] ?? '?').toUpperCase()}</div>
<div><h2 id="app-${i}" class="flush tight">${row.app.name} ${status(row)}</h2><span class="muted">Client ID <code>${row.app.clientId}</code>${row.app.backendServices ? ' · backend service' : ''} · ${row.connections} connection${row.connections === 1 ? '' : 's'} in your practice</span></div></div>
<p class="hint">May request: <code>${row.app.scope}</code></p>
<form method="post" action="/admin/apps/${id}/${approved ? 'lifetimes' : 'approve'}">${hidden(m.csrf)}${lifetimeInputs(row, i)}
<div class="actions"><button type="submit"${approved ? html` class="secondary"` : html``}>${approved ? 'Save lifetimes' : 'Approve for my practice'}</button>
${approved ? html`<button type="submit" class="danger" formaction="/admin/apps/${id}/revoke">Revoke approval</button>` : html``}</div></form></section>`;
  })}`;
  return renderPage({ title: 'License Management', body, area: 'License Management portal', nav: portalNav('/admin') });
}

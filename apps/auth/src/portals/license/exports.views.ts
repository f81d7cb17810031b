import type { BulkExportRow } from '#facade/facade-store';
import { CSRF_FIELD } from '../../web/csrf.js';
import { html } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';
import { portalNav } from '../portal-session.js';

/** One export row of the operator view, with the app's name when it is registered. */
export interface ExportListRow {
  row: BulkExportRow;
  appName?: string;
}

const LIVE = new Set(['queued', 'running', 'complete']);

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function badge(status: string) {
  const kind = status === 'complete' ? 'ok' : status === 'failed' ? 'err' : '';
  return html`<span class="badge ${kind}">${status}</span>`;
}

/** The practice's Bulk Data exports: client, when, status, resources, size, and a cancel button for live ones. */
export function renderExportsPage(m: { csrf: string; userName: string; practiceName: string; rows: ExportListRow[]; notice?: string; error?: string }): string {
  const body = html`<div class="app-head"><div><h1>Bulk data exports</h1><p class="lead tight">${m.practiceName} · signed in as ${m.userName}</p></div>
<a class="btn secondary small push" href="/admin">App licenses</a></div>
<p class="muted">Exports that approved backend apps ran over your practice's patients. Cancelling one stops it and deletes its files.</p>
${alertBox('ok', m.notice)}${alertBox('error', m.error)}
${m.rows.length === 0 ? html`<div class="card"><p class="muted">No export has been run for your practice.</p></div>` : html`<div class="card"><table data-testid="exports">
<thead><tr><th scope="col">Client</th><th scope="col">Started</th><th scope="col">Level</th><th scope="col">Status</th><th scope="col">Resources</th><th scope="col">Size</th><th scope="col"></th></tr></thead>
<tbody>${m.rows.map(({ row, appName }) => html`<tr><td>${appName ?? row.clientId} <span class="hint"><code>${row.clientId}</code></span></td>
<td>${new Date(row.createdAt).toISOString().replace('T', ' ').slice(0, 19)} UTC</td><td>${row.level}${row.groupId ? html` <code>${row.groupId}</code>` : html``}</td>
<td>${badge(row.status)}${row.status === 'running' ? html` <span class="hint">${row.chunksDone}/${row.chunksTotal}</span>` : html``}</td>
<td>${row.resources}</td><td>${size(row.bytes)}</td>
<td>${LIVE.has(row.status) ? html`<form method="post" action="/admin/exports/${row.id}/cancel"><input type="hidden" name="${CSRF_FIELD}" value="${m.csrf}"><button type="submit" class="danger small">Cancel</button></form>` : html``}</td></tr>`)}</tbody></table></div>`}`;
  return renderPage({ title: 'Bulk data exports', body, area: 'License Management portal', nav: portalNav('/admin') });
}

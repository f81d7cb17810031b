import { CSRF_FIELD } from '../../web/csrf.js';
import { html } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';
import { portalNav } from '../portal-session.js';

/** One app's access to one chart. */
export interface ConnectedApp {
  grantId: string;
  appName: string;
  chartName: string;
  access: string[];
  since: string;
  offline: boolean;
}

/** The patient's "connected apps" page. */
export function renderConnectedApps(m: { csrf: string; userName: string; apps: ConnectedApp[]; notice?: string; error?: string }): string {
  const hidden = html`<input type="hidden" name="${CSRF_FIELD}" value="${m.csrf}">`;
  const body = html`<div class="app-head"><div><h1>Connected apps</h1><p class="lead tight">Signed in as ${m.userName}</p></div>
<form class="inline push" method="post" action="/portal/patient/signout">${hidden}<button class="secondary small" type="submit">Sign out</button></form></div>
<p class="muted">These apps can read health records you shared with them. Revoke access at any time; the app is cut off within a minute.</p>
${alertBox('ok', m.notice)}${alertBox('error', m.error)}
${m.apps.length === 0 ? html`<div class="card"><p class="muted">No apps have access to your records.</p></div>` : html``}
${m.apps.map((a) => html`<section class="card"><h2 class="flush">${a.appName}</h2>
<dl class="kv"><dt>Record</dt><dd>${a.chartName}</dd><dt>Since</dt><dd>${a.since}</dd>
<dt>Can see</dt><dd>${a.access.length ? html`<ul class="compact">${a.access.map((x) => html`<li>${x}</li>`)}</ul>` : html`<span class="muted">Identity only</span>`}</dd>
${a.offline ? html`<dt>Offline access</dt><dd><span class="badge warn">Keeps access while you are away</span></dd>` : html``}</dl>
<form method="post" action="/portal/patient/grants/${encodeURIComponent(a.grantId)}/revoke">${hidden}
<div class="actions"><button type="submit" class="danger">Revoke access</button></div></form></section>`)}`;
  return renderPage({ title: 'Connected apps', body, area: 'Patient portal', nav: portalNav('/portal/patient') });
}

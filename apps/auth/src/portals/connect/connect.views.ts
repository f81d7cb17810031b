import type { RegisteredClient } from '#facade/facade-store';
import { CSRF_FIELD } from '../../web/csrf.js';
import { html, type SafeHtml } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';
import { portalNav } from '../portal-session.js';

const page = (title: string, body: SafeHtml) => renderPage({ title, body, area: 'Connect portal', nav: portalNav('/connect') });
const hidden = (csrf: string) => html`<input type="hidden" name="${CSRF_FIELD}" value="${csrf}">`;

/** Sign-in and sign-up for developers. */
export function renderConnectSignedOut(csrf: string, error?: string, email?: string): string {
  return page('Connect portal', html`<h1>Connect portal</h1>
<p class="lead">Register apps that connect to clinics' health records with SMART on FHIR.</p>
${alertBox('error', error)}
<div class="grid2">
<div class="card"><h2>Sign in</h2><form method="post" action="/connect/signin">${hidden(csrf)}
<label for="si-email">Email</label><input id="si-email" name="email" type="email" autocomplete="username" required maxlength="200" value="${email ?? ''}">
<label for="si-password">Password</label><input id="si-password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<div class="actions"><button type="submit">Sign in</button></div></form></div>
<div class="card"><h2>Create a developer account</h2><form method="post" action="/connect/signup">${hidden(csrf)}
<label for="su-name">Your name or company</label><input id="su-name" name="displayName" type="text" required maxlength="120">
<label for="su-email">Email</label><input id="su-email" name="email" type="email" autocomplete="username" required maxlength="200">
<label for="su-password">Password <span class="hint">At least 10 characters</span></label><input id="su-password" name="password" type="password" autocomplete="new-password" required minlength="10" maxlength="200">
<div class="actions"><button type="submit" class="secondary">Create account</button></div></form></div>
</div>`);
}

function typeBadge(c: RegisteredClient): SafeHtml {
  if (c.backendServices) return html`<span class="badge">Backend service</span>`;
  return c.clientType === 'public' ? html`<span class="badge">Public (PKCE)</span>` : html`<span class="badge">Confidential · ${c.authMethod === 'private_key_jwt' ? 'JWT key' : 'secret'}</span>`;
}

/** The developer's apps. */
export function renderAppList(name: string, csrf: string, apps: RegisteredClient[], notice?: string): string {
  return page('Your apps', html`<div class="app-head"><div><h1>Your apps</h1><p class="lead tight">Signed in as ${name}</p></div>
<form class="inline push" method="post" action="/connect/signout">${hidden(csrf)}<button class="secondary small" type="submit">Sign out</button></form></div>
${alertBox('ok', notice)}
<div class="card">${apps.length
    ? html`<table><thead><tr><th>App</th><th>Client ID</th><th>Type</th><th>Registered</th></tr></thead><tbody>${apps.map(
        (a) => html`<tr><td><a href="/connect/apps/${encodeURIComponent(a.clientId)}">${a.name}</a></td><td><code>${a.clientId}</code></td><td>${typeBadge(a)}</td><td>${new Date(a.createdAt).toISOString().slice(0, 10)}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">You have not registered an app yet.</p>`}
<div class="actions"><a class="btn" href="/connect/apps/new">Register a new app</a></div></div>`);
}

/** Values of the registration form (sticky on errors). */
export interface AppFormValues {
  name: string;
  kind: 'public' | 'confidential-secret' | 'confidential-jwt' | 'backend';
  redirectUris: string;
  launchUri: string;
  jwksUri: string;
  jwks: string;
  scope: string;
  allowedOrigins: string;
  /** Practice ids (as in the public directory) whose administrators are asked to approve the app. */
  practices: string;
}

export const DEFAULT_APP_FORM: AppFormValues = {
  name: '', kind: 'public', redirectUris: '', launchUri: '', jwksUri: '', jwks: '', allowedOrigins: '', practices: '',
  scope: 'launch launch/patient openid fhirUser offline_access patient/*.rs',
};

const KINDS: [AppFormValues['kind'], string, string][] = [
  ['public', 'Public app (browser or mobile)', 'No secret; proves itself with PKCE on every sign-in.'],
  ['confidential-secret', 'Confidential app with a client secret', 'Runs on a server that can keep a secret (HTTP Basic at the token endpoint).'],
  ['confidential-jwt', 'Confidential app with a key pair', 'Signs a short JWT with its private key (RS384 or ES384); register the public key.'],
  ['backend', 'Backend service (no user)', 'System-to-system access with system/ scopes and a key pair.'],
];

/** The registration form; with `editing`, the form of an existing app (its type cannot change). */
export function renderAppForm(csrf: string, v: AppFormValues, problems: string[] = [], editing?: RegisteredClient): string {
  const action = editing ? `/connect/apps/${encodeURIComponent(editing.clientId)}` : '/connect/apps';
  const title = editing ? `Edit ${editing.name}` : 'Register an app';
  const kinds = editing
    ? html`<p class="hint">Type: ${typeBadge(editing)} (to change the type, register a new app)</p><input type="hidden" name="kind" value="${v.kind}">`
    : html`<fieldset><legend>Type of app</legend>${KINDS.map(([value, label, hint]) => html`<label class="check"><input type="radio" name="kind" value="${value}"${v.kind === value ? html` checked` : html``}><span><span class="what">${label}</span><br><span class="muted">${hint}</span></span></label>`)}</fieldset>`;
  return page(title, html`<h1>${title}</h1><p class="lead">The clinic's administrator must approve your app before it can connect to that clinic.</p>
${problems.length ? alertBox('error', html`Please fix the following:<ul>${problems.map((p) => html`<li>${p}</li>`)}</ul>`) : html``}
<form method="post" action="${action}" class="card">${hidden(csrf)}
<label for="name">App name</label><input id="name" name="name" type="text" required maxlength="200" value="${v.name}">
${kinds}
<label for="redirectUris">Redirect URIs <span class="hint">One per line; https (http only for localhost). Not needed for backend services.</span></label>
<textarea id="redirectUris" name="redirectUris">${v.redirectUris}</textarea>
<label for="launchUri">Launch URL <span class="hint">Where the EHR opens your app for an EHR launch (optional).</span></label>
<input id="launchUri" name="launchUri" type="url" value="${v.launchUri}">
<label for="scope">Scopes the app may request <span class="hint">Space or line separated, e.g. patient/Observation.rs user/*.rs system/*.rs</span></label>
<textarea id="scope" name="scope">${v.scope}</textarea>
<div class="grid2"><div><label for="jwksUri">JWKS URL <span class="hint">For key-pair apps: where your public keys are published</span></label><input id="jwksUri" name="jwksUri" type="url" value="${v.jwksUri}"></div>
<div><label for="allowedOrigins">Allowed browser origins <span class="hint">For CORS, one per line (optional)</span></label><textarea id="allowedOrigins" name="allowedOrigins" class="short">${v.allowedOrigins}</textarea></div></div>
${editing ? html`` : html`<label for="practices">Clinics to ask for approval <span class="hint">Practice ids from the <a href="/directory">directory</a>, comma separated; your app is listed for their administrators</span></label>
<input id="practices" name="practices" type="text" maxlength="200" value="${v.practices}">`}
<label for="jwks">Or paste the public JWK Set <span class="hint">JSON: {"keys":[...]} — public keys only</span></label>
<textarea id="jwks" name="jwks">${v.jwks}</textarea>
<div class="actions"><button type="submit">${editing ? 'Save changes' : 'Register app'}</button><a class="btn secondary" href="${editing ? action : '/connect'}">Cancel</a></div>
</form>`);
}

/** The form values of an existing app. */
export function formValuesOf(c: RegisteredClient): AppFormValues {
  const kind: AppFormValues['kind'] = c.backendServices ? 'backend' : c.clientType === 'public' ? 'public' : c.authMethod === 'private_key_jwt' ? 'confidential-jwt' : 'confidential-secret';
  return {
    name: c.name, kind, redirectUris: c.redirectUris.join('\n'), launchUri: c.launchUri ?? '', jwksUri: c.jwksUri ?? '',
    jwks: c.jwks ? JSON.stringify(c.jwks, null, 2) : '', scope: c.scope, allowedOrigins: c.allowedOrigins.join('\n'), practices: '',
  };
}

/** One app: its client id, settings, the secret (only right after creation or rotation), rotate and delete. */
export function renderAppDetail(csrf: string, c: RegisteredClient, secret?: string, notice?: string): string {
  const id = encodeURIComponent(c.clientId);
  return page(c.name, html`<p><a href="/connect">← Your apps</a></p><h1>${c.name}</h1>
${alertBox('ok', notice)}
${secret ? html`<div class="alert warn" role="status"><strong>Copy the client secret now.</strong> It is shown only this once; we keep only a hash of it.
<code class="secret" data-testid="client-secret">${secret}</code></div>` : html``}
<div class="card"><dl class="kv">
<dt>Client ID</dt><dd><code data-testid="client-id">${c.clientId}</code></dd>
<dt>Type</dt><dd>${typeBadge(c)}</dd>
<dt>Redirect URIs</dt><dd>${c.redirectUris.length ? c.redirectUris.map((u) => html`<code>${u}</code><br>`) : html`<span class="muted">none</span>`}</dd>
<dt>Launch URL</dt><dd>${c.launchUri ? html`<code>${c.launchUri}</code>` : html`<span class="muted">none</span>`}</dd>
<dt>Scopes</dt><dd><code>${c.scope}</code></dd>
${c.jwksUri ? html`<dt>JWKS URL</dt><dd><code>${c.jwksUri}</code></dd>` : html``}
${c.jwks ? html`<dt>Public keys</dt><dd>${c.jwks.keys.length} key(s) registered</dd>` : html``}
</dl></div>
<div class="card"><h2>Manage</h2><div class="actions">
<a class="btn secondary" href="/connect/apps/${id}/edit">Edit settings</a>
${c.authMethod === 'client_secret_basic' ? html`<form class="inline" method="post" action="/connect/apps/${id}/rotate">${hidden(csrf)}<button type="submit" class="secondary">Rotate secret</button></form>` : html``}
<form class="inline" method="post" action="/connect/apps/${id}/delete">${hidden(csrf)}<button type="submit" class="danger">Delete app</button></form>
</div><p class="hint">Deleting an app ends every token it holds at every clinic.</p></div>`);
}

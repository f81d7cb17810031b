import { CSRF_FIELD } from '../../web/csrf.js';
import { html } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';
import { appHeader, type ClientSummary } from './app-header.view.js';

/** Inputs of the sign-in page of an authorization request. */
export interface LoginViewModel {
  uid: string;
  csrf: string;
  client: ClientSummary;
  /** EHR users (clinic staff) or portal accounts (patients). */
  audience: 'provider' | 'patient';
  error?: string;
  loginName?: string;
}

/** The sign-in form; the password is never echoed back. */
export function renderLoginPage(m: LoginViewModel): string {
  const staff = m.audience === 'provider';
  const body = html`<div class="card">
${appHeader(m.client, staff ? 'wants to connect to the clinic EHR' : 'wants to connect to your health record')}
<h2>${staff ? 'Sign in with your EHR account' : 'Sign in to your patient portal'}</h2>
<p class="muted">${staff ? 'Use the user name and password you use for the clinic EHR.' : 'Use the user name and password of your patient portal account.'}</p>
${alertBox('error', m.error)}
<form method="post" action="/interaction/${m.uid}/login" autocomplete="on">
<input type="hidden" name="${CSRF_FIELD}" value="${m.csrf}">
<label for="login">User name</label>
<input id="login" name="login" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="60" value="${m.loginName ?? ''}"${m.loginName ? html`` : html` autofocus`}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256"${m.loginName ? html` autofocus` : html``}>
<div class="actions"><button type="submit">Sign in</button>
<button type="submit" class="secondary" formaction="/interaction/${m.uid}/abort" formnovalidate>Cancel</button></div>
</form></div>
<p class="muted">Only sign in if you trust this app. You will see exactly what it asks for before anything is shared.</p>`;
  return renderPage({ title: 'Sign in', body, width: 'narrow' });
}

import { CSRF_FIELD } from '../web/csrf.js';
import { html } from '../web/html.js';
import { alertBox, renderPage } from '../web/layout.js';
import { portalNav } from './portal-session.js';

/** Inputs of a portal's sign-in page (EHR users or portal accounts, same rules as the app sign-in). */
export interface PortalSignInModel {
  area: string;
  navPath: string;
  heading: string;
  intro: string;
  action: string;
  csrf: string;
  error?: string;
  loginName?: string;
}

/** A portal's sign-in page. */
export function renderPortalSignIn(m: PortalSignInModel): string {
  const body = html`<div class="card"><h1>${m.heading}</h1><p class="lead">${m.intro}</p>
${alertBox('error', m.error)}
<form method="post" action="${m.action}"><input type="hidden" name="${CSRF_FIELD}" value="${m.csrf}">
<label for="login">User name</label><input id="login" name="login" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="60" value="${m.loginName ?? ''}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
<div class="actions"><button type="submit">Sign in</button></div></form></div>`;
  return renderPage({ title: m.heading, body, width: 'narrow', area: m.area, nav: portalNav(m.navPath) });
}

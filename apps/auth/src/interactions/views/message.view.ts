import { CSRF_FIELD } from '../../web/csrf.js';
import { html } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';

/** A follow-up offered on a message page: a plain link, or a CSRF-protected POST button. */
export type MessageAction = { href: string; label: string; csrf?: string };

/** A full page with a heading and one explanatory message (errors, refusals, expired requests). */
export function renderMessagePage(title: string, message: string, kind: 'error' | 'warn' | 'info' = 'error', action?: MessageAction): string {
  const follow = !action
    ? html``
    : action.csrf
      ? html`<form method="post" action="${action.href}"><input type="hidden" name="${CSRF_FIELD}" value="${action.csrf}"><button type="submit" class="secondary">${action.label}</button></form>`
      : html`<p><a class="btn secondary" href="${action.href}">${action.label}</a></p>`;
  const body = html`<div class="card"><h1>${title}</h1>${alertBox(kind, message)}
${follow}</div>`;
  return renderPage({ title, body, width: 'narrow' });
}

import { html } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';

/** A full page with a heading and one explanatory message (errors, refusals, expired requests). */
export function renderMessagePage(title: string, message: string, kind: 'error' | 'warn' | 'info' = 'error', link?: { href: string; label: string }): string {
  const body = html`<div class="card"><h1>${title}</h1>${alertBox(kind, message)}
${link ? html`<p><a class="btn secondary" href="${link.href}">${link.label}</a></p>` : html``}</div>`;
  return renderPage({ title, body, width: 'narrow' });
}

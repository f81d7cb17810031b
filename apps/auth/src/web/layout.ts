import { html, type SafeHtml } from './html.js';
import { STYLESHEET_PATH } from './styles.js';

/** A link in the page header. */
export interface NavLink {
  href: string;
  label: string;
  current?: boolean;
}

/** What a page is made of. */
export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** `narrow` for sign-in style forms, `medium` for consent, `wide` (default) for tables. */
  width?: 'narrow' | 'medium' | 'wide';
  nav?: NavLink[];
  /** Product area shown next to the logo, e.g. "Connect portal". */
  area?: string;
}

/** A flash message box (error, success, warning, information), announced to screen readers. */
export function alertBox(kind: 'error' | 'ok' | 'warn' | 'info', message: string | SafeHtml | undefined): SafeHtml {
  if (!message) return html``;
  const role = kind === 'error' ? 'alert' : 'status';
  return html`<div class="alert ${kind}" role="${role}">${message}</div>`;
}

/** Renders a complete HTML document around `body` with the shared header, styles and accessibility landmarks. */
export function renderPage(opts: PageOptions): string {
  const width = opts.width === 'narrow' ? 'narrow' : opts.width === 'medium' ? 'medium' : '';
  const nav = opts.nav?.length
    ? html`<nav aria-label="Main">${opts.nav.map(
        (l) => html`<a href="${l.href}"${l.current ? html` aria-current="page"` : html``}>${l.label}</a>`,
      )}</nav>`
    : html``;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${opts.title} · Medical Office Force</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><div class="inner">
<a class="brand" href="/"><span class="mark" aria-hidden="true">MO</span><span>Medical Office Force${opts.area ? html` · ${opts.area}` : html``}</span></a>
${nav}
</div></header>
<main id="main" class="${width}">
${opts.body}
</main>
<footer class="site">Secured sign-in for apps that connect to your health record (SMART on FHIR).</footer>
</body>
</html>`.value;
}

import { html, type SafeHtml } from '../../web/html.js';

/** What the screens show about the app asking for access. */
export interface ClientSummary {
  clientId: string;
  name: string;
  /** Where the app lives (its redirect host), so people can tell look-alike apps apart. */
  host?: string;
}

/** The app's name, initial and origin at the top of login and consent pages. */
export function appHeader(client: ClientSummary, subtitle: string): SafeHtml {
  const initial = (client.name.trim()[0] ?? '?').toUpperCase();
  return html`<div class="app-head"><div class="app-logo" aria-hidden="true">${initial}</div>
<div><h1>${client.name}</h1><p class="lead tight">${subtitle}${client.host ? html` · <span class="mono">${client.host}</span>` : html``}</p></div></div>`;
}

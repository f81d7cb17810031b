import type { LegacyPractice } from '#facade/legacy-db';
import { html } from '../../web/html.js';
import { renderPage } from '../../web/layout.js';
import { portalNav } from '../portal-session.js';
import type { DirectoryBases } from './directory-bundle.js';

/** The public endpoint directory page. */
export function renderDirectoryPage(practices: LegacyPractice[], bases: DirectoryBases, bundlePath: string): string {
  const active = practices.filter((p) => p.ACTIVE_YN !== 'N');
  const body = html`<h1>FHIR endpoint directory</h1>
<p class="lead">Service base URLs of the practices on this EHR, for patients and app developers (ONC HTI-1). Also available as a
<a href="${bundlePath}">FHIR R4 Bundle</a>.</p>
<div class="card"><h2>FHIR base URLs</h2><table><thead><tr><th>For</th><th>Base URL</th><th>Capabilities</th></tr></thead><tbody>
<tr><td>Clinicians and backend services</td><td><code>${bases.provider}</code></td><td><a href="${bases.provider}/metadata">metadata</a> · <a href="${bases.provider}/.well-known/smart-configuration">SMART configuration</a></td></tr>
<tr><td>Patients</td><td><code>${bases.patient}</code></td><td><a href="${bases.patient}/metadata">metadata</a> · <a href="${bases.patient}/.well-known/smart-configuration">SMART configuration</a></td></tr>
</tbody></table></div>
<div class="card"><h2>Practices</h2><table><thead><tr><th>Practice</th><th>Address</th><th>NPI</th></tr></thead><tbody>
${active.map((p) => html`<tr><td>${p.PRACTICE_NAME}</td><td>${[p.ADDR1, p.ADDR2, [p.CITY, p.STATE].filter(Boolean).join(', '), p.ZIP].filter(Boolean).join(' · ')}</td><td><code>${p.NPI ?? ''}</code></td></tr>`)}
</tbody></table></div>`;
  return renderPage({ title: 'Endpoint directory', body, nav: portalNav('/directory') });
}

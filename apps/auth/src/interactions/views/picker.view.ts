import { CSRF_FIELD } from '../../web/csrf.js';
import { html } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';
import { appHeader, type ClientSummary } from './app-header.view.js';

/** A chart offered in a picker. */
export interface PatientChoice {
  patientId: number;
  name: string;
  birthDate: string;
  mrn?: string;
  sex?: string;
  /** For portal proxies: "Your own record", "Mother of", ... */
  relation?: string;
  inactive?: boolean;
}

/** Inputs of the provider's patient picker. */
export interface ProviderPickerModel {
  uid: string;
  csrf: string;
  client: ClientSummary;
  query: { name?: string; birthDate?: string; mrn?: string };
  results?: PatientChoice[];
  error?: string;
}

function choiceList(uid: string, csrf: string, choices: PatientChoice[], showMrn: boolean) {
  return html`<ul class="patient-list">${choices.map(
    (c) => html`<li><form method="post" action="/interaction/${uid}/patient">
<input type="hidden" name="${CSRF_FIELD}" value="${csrf}"><input type="hidden" name="patient" value="${c.patientId}">
<button type="submit" aria-label="Select ${c.name}"><span><span class="name">${c.name}</span>${c.relation ? html` <span class="badge">${c.relation}</span>` : html``}${c.inactive ? html` <span class="badge warn">inactive chart</span>` : html``}<br>
<span class="muted">Born ${c.birthDate}${c.sex ? html` · ${c.sex}` : html``}</span></span>
${showMrn && c.mrn ? html`<span class="mono muted">MRN ${c.mrn}</span>` : html``}</button></form></li>`,
  )}</ul>`;
}

/** "Cancel": ends the authorization; the app receives `error=access_denied`. */
function cancelForm(uid: string, csrf: string) {
  return html`<form method="post" action="/interaction/${uid}/abort" class="actions"><input type="hidden" name="${CSRF_FIELD}" value="${csrf}">
<button type="submit" class="secondary">Cancel and return to the app</button></form>`;
}

/** Patient search (name, birth date, MRN) within the signed-in user's practice. */
export function renderProviderPicker(m: ProviderPickerModel): string {
  const q = m.query;
  const body = html`<div class="card">${appHeader(m.client, 'needs a patient to work with')}
<h2>Choose a patient</h2>
<p class="muted">Search your practice by name, date of birth or medical record number.</p>
${alertBox('error', m.error)}
<form method="get" action="/interaction/${m.uid}" role="search">
<div class="grid2">
<div><label for="name">Name <span class="hint">Last name, or "last, first"</span></label><input id="name" name="name" type="search" maxlength="60" value="${q.name ?? ''}"></div>
<div><label for="birthDate">Date of birth <span class="hint">As on the chart</span></label><input id="birthDate" name="birthDate" type="date" value="${q.birthDate ?? ''}"></div>
</div>
<label for="mrn">MRN</label><input id="mrn" name="mrn" type="search" maxlength="20" value="${q.mrn ?? ''}">
<div class="actions"><button type="submit">Search</button></div>
</form></div>
${m.results
  ? html`<div class="card"><h2>${m.results.length === 0 ? 'No matching patients' : `${m.results.length} matching patient${m.results.length === 1 ? '' : 's'}`}</h2>
${m.results.length ? choiceList(m.uid, m.csrf, m.results, true) : html`<p class="muted">Check the spelling or search by date of birth or MRN.</p>`}</div>`
  : html``}
<div class="card">${cancelForm(m.uid, m.csrf)}</div>`;
  return renderPage({ title: 'Choose a patient', body, width: 'medium' });
}

/** Inputs of the portal chart picker (own chart plus charts the account may act for). */
export interface PortalPickerModel {
  uid: string;
  csrf: string;
  client: ClientSummary;
  choices: PatientChoice[];
}

/** Lets a portal user choose whose record the app gets. */
export function renderPortalPicker(m: PortalPickerModel): string {
  const body = html`<div class="card">${appHeader(m.client, 'wants to connect to a health record')}
<h2>Whose record should this app use?</h2>
<p class="muted">You can act for these people. The app will only see the record you choose.</p>
${choiceList(m.uid, m.csrf, m.choices, false)}
${cancelForm(m.uid, m.csrf)}</div>`;
  return renderPage({ title: 'Choose a record', body, width: 'medium' });
}

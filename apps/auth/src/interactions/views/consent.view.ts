import { CSRF_FIELD } from '../../web/csrf.js';
import { html, type SafeHtml } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';
import { consentFields, type ConsentItem, type ConsentModel } from '../consent-model.js';
import { appHeader, type ClientSummary } from './app-header.view.js';
import type { PatientChoice } from './picker.view.js';

/** Inputs of the consent page. */
export interface ConsentViewModel {
  uid: string;
  csrf: string;
  client: ClientSummary;
  model: ConsentModel;
  audience: 'provider' | 'patient';
  userName: string;
  patient?: PatientChoice;
  /** Offer "choose another patient" (standalone picker launches). */
  canChangePatient: boolean;
  error?: string;
}

/** Write access as its own, clearly worded box (ticked as requested; unticking grants read/search only). */
function writeControl(item: ConsentItem, id: string): SafeHtml {
  return html`<div class="sub"><label class="check" for="${id}-write"><input type="checkbox" id="${id}-write" name="${consentFields.write(item.index)}" value="on" checked>
<span><strong>Also ${item.write!.toLowerCase()}</strong> ${item.label.toLowerCase()} in the record (writes to the EHR)</span></label></div>`;
}

function itemControls(item: ConsentItem): SafeHtml {
  const keep = consentFields.keep(item.index);
  const id = `scope-${item.index}`;
  const head = html`<label class="check" for="${id}"><input type="checkbox" id="${id}" name="${keep}" value="on" checked>
<span><span class="what">${item.label}</span><br><span class="muted">${item.access} ${item.whose}</span>
${item.requestedCategories ? html`<br><span class="muted">Only: ${item.requestedCategories.join(', ')}</span>` : html``}
<br><code class="muted">${item.scope}</code></span></label>${item.write ? writeControl(item, id) : html``}`;
  if (item.types) {
    return html`${head}<div class="sub" role="group" aria-label="Kinds of ${item.label}">
<p class="hint flush">Kinds of record shared (all ticked = every kind, including kinds added later):</p>
<div class="sub types">${item.types.map(
      (t, n) => html`<label class="check" for="${id}-type-${n}"><input type="checkbox" id="${id}-type-${n}" name="${consentFields.type(item.index)}" value="${t.type}" checked><span>${t.label}</span></label>`,
    )}</div></div>`;
  }
  if (!item.categories) return head;
  return html`${head}<div class="sub" role="group" aria-label="Kinds of ${item.label}">
<p class="hint flush">Kinds shared (all ticked = all of them, including kinds not listed here):</p>
<div class="sub">${item.categories.map(
    (c, n) => html`<label class="check" for="${id}-cat-${n}"><input type="checkbox" id="${id}-cat-${n}" name="${consentFields.category(item.index)}" value="${c.token}" checked><span>${c.label}</span></label>`,
  )}</div></div>`;
}

/** The consent page: the app, what it asks for in plain words, and controls to grant less. */
export function renderConsentPage(m: ConsentViewModel): string {
  const patientLine = m.patient
    ? html`<div class="alert info"><strong>Record:</strong> ${m.patient.name} · born ${m.patient.birthDate}${m.patient.mrn ? html` · MRN ${m.patient.mrn}` : html``}
${m.canChangePatient ? html` · <a href="/interaction/${m.uid}?change=patient">Choose another</a>` : html``}</div>`
    : html``;
  const offline = m.model.offlineAccess && m.audience === 'patient'
    ? alertBox('warn', html`<strong>This app asks to keep access when you are not using it.</strong> It can keep reading the record you share until you revoke it on your <a href="/portal/patient">connected apps</a> page.`)
    : m.model.offlineAccess ? alertBox('info', 'This app asks for long-lived (offline) access.') : html``;
  const body = html`<div class="card">${appHeader(m.client, m.audience === 'patient' ? 'wants access to your health record' : 'wants access to patient data')}
<p>Signed in as <strong>${m.userName}</strong>.</p>
${patientLine}${offline}${alertBox('error', m.error)}
<form method="post" action="/interaction/${m.uid}/consent">
<input type="hidden" name="${CSRF_FIELD}" value="${m.csrf}">
<fieldset><legend>Health information the app may use</legend>
${m.model.items.length ? m.model.items.map(itemControls) : html`<p class="muted">No health record data is requested.</p>`}
<p class="hint">Untick anything you do not want to share. The app only gets what stays ticked.</p>
</fieldset>
${m.model.special.length ? html`<fieldset><legend>The app will also</legend><ul>${m.model.special.map((s) => html`<li>${s.text}</li>`)}</ul></fieldset>` : html``}
${m.model.ignored.length ? html`<p class="hint">Not available and will not be granted: ${m.model.ignored.join(', ')}</p>` : html``}
<div class="actions"><button type="submit" name="decision" value="allow">Allow access</button>
<button type="submit" class="secondary" name="decision" value="deny">Deny</button></div>
</form></div>`;
  return renderPage({ title: `Allow ${m.client.name}?`, body, width: 'medium' });
}

import type { RegisteredClient } from '#facade/facade-store';
import type { PatientChoice } from '../../interactions/views/picker.view.js';
import { CSRF_FIELD } from '../../web/csrf.js';
import { html } from '../../web/html.js';
import { alertBox, renderPage } from '../../web/layout.js';
import { portalNav } from '../portal-session.js';

/** Inputs of the EHR simulator page. */
export interface SimulatorModel {
  csrf: string;
  userName: string;
  query: string;
  patients: PatientChoice[];
  apps: RegisteredClient[];
  error?: string;
}

/** Plays the EHR's part of an EHR launch: choose a patient and an approved app, then launch it. */
export function renderSimulator(m: SimulatorModel): string {
  const hidden = html`<input type="hidden" name="${CSRF_FIELD}" value="${m.csrf}">`;
  const body = html`<div class="app-head"><div><h1>EHR simulator</h1><p class="lead tight">Signed in as ${m.userName}. This page plays the EHR: it opens an app with a patient in context (SMART EHR launch).</p></div>
<form class="inline push" method="post" action="/ehr-simulator/signout">${hidden}<button class="secondary small" type="submit">Sign out</button></form></div>
${alertBox('error', m.error)}
<div class="card"><h2>1. Find the patient</h2><form method="get" action="/ehr-simulator" role="search">
<label for="q">Name or MRN</label><input id="q" name="q" type="search" maxlength="60" value="${m.query}">
<div class="actions"><button type="submit" class="secondary">Search</button></div></form></div>
<form method="post" action="/ehr-simulator/launch" class="card">${hidden}
<h2>2. Choose the patient</h2>
${m.patients.length ? m.patients.map((p, i) => html`<label class="check"><input type="radio" name="patient" value="${p.patientId}"${i === 0 ? html` checked` : html``}><span><span class="what">${p.name}</span> <span class="muted">born ${p.birthDate} · MRN ${p.mrn ?? ''}</span></span></label>`) : html`<p class="muted">No patients found. Search by name or MRN.</p>`}
<h2>3. Choose the app</h2>
${m.apps.length ? html`<label for="app">App</label><select id="app" name="app">${m.apps.map((a) => html`<option value="${a.clientId}">${a.name}</option>`)}</select>` : html`<p class="muted">No approved app with a launch URL. Register one in the Connect portal and approve it in License Management.</p>`}
<div class="actions"><button type="submit"${m.patients.length && m.apps.length ? html`` : html` disabled`}>Launch app</button></div>
</form>`;
  return renderPage({ title: 'EHR simulator', body, area: 'EHR simulator', nav: portalNav('/ehr-simulator') });
}

import { Controller, Get, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { html } from '../web/html.js';
import { renderPage } from '../web/layout.js';
import { portalNav } from './portal-session.js';
import { ScreensExceptionFilter } from '../web/screens-exception.filter.js';

const TILES: [string, string, string][] = [
  ['/connect', 'Connect portal', 'For app developers: register SMART apps, get client IDs, manage secrets and keys.'],
  ['/admin', 'License Management', 'For practice administrators: approve or revoke apps and set token lifetimes.'],
  ['/portal/patient', 'My connected apps', 'For patients: see which apps can read your record and revoke them.'],
  ['/directory', 'Endpoint directory', 'Public list of FHIR service base URLs and practices (HTI-1).'],
  ['/ehr-simulator', 'EHR simulator', 'Try an EHR launch: pick a patient and open an app as the EHR would.'],
];

/** The auth server's landing page. */
@UseFilters(ScreensExceptionFilter)
@Controller()
export class HomeController {
  @Get()
  home(@Res() res: Response): void {
    const body = html`<h1>Sign-in and app access</h1>
<p class="lead">The authorization server of the practice's FHIR API (SMART App Launch 2.2, OpenID Connect).</p>
<div class="grid2">${TILES.map(([href, title, text]) => html`<a class="card tile" href="${href}"><h2 class="flush">${title}</h2><p class="muted tight">${text}</p></a>`)}</div>`;
    res.status(200).type('html').send(renderPage({ title: 'Welcome', body, nav: portalNav('/') }));
  }
}

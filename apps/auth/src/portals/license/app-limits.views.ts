import type { AppRequestLimits } from '#facade/facade-store';
import type { RequestLimits } from '#facade/config';
import { CSRF_FIELD } from '../../web/csrf.js';
import { html, type SafeHtml } from '../../web/html.js';
import { CONCURRENT_RANGE, RATE_RANGE } from './app-limits.form.js';

/** The request-limits form of an approved app's card on the License Management page. */
export function appLimitsForm(m: { clientId: string; index: number; csrf: string; limits: AppRequestLimits | undefined; defaults: RequestLimits }): SafeHtml {
  const id = encodeURIComponent(m.clientId);
  const i = m.index;
  return html`<form method="post" action="/admin/apps/${id}/limits" class="limits" aria-label="Request limits"><input type="hidden" name="${CSRF_FIELD}" value="${m.csrf}">
<p class="hint">Request limits protect your EHR database: beyond them the app is asked to retry later (HTTP 429).</p>
<div class="grid2"><div><label for="rate-${i}">Requests per minute <span class="hint">${RATE_RANGE.min}–${RATE_RANGE.max}; blank = default (${m.defaults.perMinute})</span></label>
<input id="rate-${i}" name="ratePerMinute" type="number" min="${RATE_RANGE.min}" max="${RATE_RANGE.max}" value="${m.limits?.ratePerMinute ?? ''}"></div>
<div><label for="conc-${i}">Requests at once <span class="hint">${CONCURRENT_RANGE.min}–${CONCURRENT_RANGE.max}; blank = default (${m.defaults.concurrent})</span></label>
<input id="conc-${i}" name="concurrent" type="number" min="${CONCURRENT_RANGE.min}" max="${CONCURRENT_RANGE.max}" value="${m.limits?.concurrent ?? ''}"></div></div>
<div class="actions"><button type="submit" class="secondary">Save limits</button></div></form>`;
}

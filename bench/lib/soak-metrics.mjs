/**
 * What the soak reads besides latencies: the FHIR API's Prometheus `/metrics` (METRICS_TOKEN) for the audit
 * writer's counters, and the size of the SQLite files' write-ahead logs in the data folder.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';

/** Sum of every sample of `name` (all label sets, or those whose labels contain `labels`). */
export function metricValue(text, name, labels = '') {
  let sum = 0;
  let seen = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    if (labels && !rest.includes(labels)) continue;
    const v = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(v)) {
      sum += v;
      seen = true;
    }
  }
  return seen ? sum : NaN;
}

/** The audit writer's totals (committed batches only) from a Prometheus text. */
export function auditTotals(text) {
  const ok = 'outcome="ok"';
  return {
    requests: metricValue(text, 'audit_requests_total', ok),
    events: metricValue(text, 'audit_events_total', ok),
    batches: metricValue(text, 'audit_batches_total', ok),
    writeSeconds: metricValue(text, 'audit_write_duration_sum', ok),
    failedBatches: metricValue(text, 'audit_batches_total', 'outcome="failed"') || 0,
  };
}

/** The difference of two totals as per-request figures: commit ms per request, events per request and per batch. */
export function auditCost(before, after) {
  const d = (k) => after[k] - (before?.[k] ?? 0);
  const requests = d('requests');
  return {
    requests,
    msPerRequest: requests > 0 ? (d('writeSeconds') * 1000) / requests : NaN,
    eventsPerRequest: requests > 0 ? d('events') / requests : NaN,
    eventsPerBatch: d('batches') > 0 ? d('events') / d('batches') : NaN,
    failedBatches: d('failedBatches'),
  };
}

/** Scrapes `/metrics` (NaN totals when it cannot). */
export async function scrapeAudit(baseUrl, token) {
  try {
    const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return auditTotals('');
    return auditTotals(await res.text());
  } catch {
    return auditTotals('');
  }
}

/** Size in MB of `<file>-wal` in `dir` (0 when there is none). */
export function walMb(dir, file) {
  try {
    return statSync(join(dir, `${file}-wal`)).size / 1024 / 1024;
  } catch {
    return 0;
  }
}

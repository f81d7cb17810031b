/**
 * Metrics of the PHI audit writer (the FHIR API's outbox: one append transaction per batch), so a soak or an
 * operator can read the audit write cost without switching the trail off:
 *   audit_write_duration (histogram, s, by outcome): one sample per batch, from hand-off to commit;
 *   audit_events_total, audit_requests_total, audit_batches_total (by outcome): what the batches carried.
 * Write cost per request = rate(audit_write_duration_sum) / rate(audit_requests_total{outcome="ok"}); events per
 * batch = audit_events_total / audit_batches_total. Recording is a bucket scan and a few additions per batch.
 */
import type { Meter } from '@opentelemetry/api';
import type { FixedHistogram, HistogramSeries } from './fixed-histograms.js';

/** Batch commit buckets (seconds): an fsync'd SQLite commit is ~1-10 ms, a server engine's a few ms. */
export const AUDIT_WRITE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

/** What the audit writer reports, once per batch. */
export interface AuditWriterObserver {
  /** A batch of `events` from `requests` requests was committed (ok) or refused, from `startedMs` (`performance.now()`) until now. */
  batch(events: number, requests: number, startedMs: number, ok: boolean): void;
}

export const NO_AUDIT_WRITER_OBSERVER: AuditWriterObserver = { batch: () => undefined };

type Totals = { events: number; requests: number; batches: number };

/** The observer over the histogram, and the counters registered on `meter`. */
export function auditWriterMetrics(meter: Meter, histogram: FixedHistogram): AuditWriterObserver {
  const totals: Record<'ok' | 'failed', Totals> = { ok: { events: 0, requests: 0, batches: 0 }, failed: { events: 0, requests: 0, batches: 0 } };
  const series: Record<'ok' | 'failed', HistogramSeries | undefined> = { ok: undefined, failed: undefined };
  const counter = (name: string, description: string, key: keyof Totals) =>
    meter.createObservableCounter(name, { description }).addCallback((r) => {
      for (const outcome of ['ok', 'failed'] as const) if (outcome === 'ok' || totals.failed.batches > 0) r.observe(totals[outcome][key], { outcome });
    });
  counter('audit.events', 'PHI audit events handed to the store, by batch outcome', 'events');
  counter('audit.requests', 'Requests whose audit events were handed to the store, by batch outcome', 'requests');
  counter('audit.batches', 'PHI audit append transactions, by outcome', 'batches');
  return {
    batch(events, requests, startedMs, ok) {
      const outcome = ok ? 'ok' : 'failed';
      const t = totals[outcome];
      t.events += events;
      t.requests += requests;
      t.batches++;
      (series[outcome] ??= histogram.newSeries({ outcome })).record((performance.now() - startedMs) / 1000);
    },
  };
}

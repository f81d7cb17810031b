/**
 * The process's OpenTelemetry: one MeterProvider (read by the Prometheus serializer for `/metrics`, pushed over
 * OTLP when configured) and, only when an OTLP traces endpoint is configured, one TracerProvider. Nothing is
 * registered globally (several apps may live in one process: tests). Instrumentation is manual and cheap: the
 * request and statement histograms are aggregated in place (fixed-histograms.ts: the SDK's Histogram hashes the
 * attributes on every record, several µs) and produced to the readers at collection time; cache hits, misses,
 * refusals and token outcomes are plain integers observed by the SDK's observable counters at collection time;
 * spans are made only when tracing is on and the request is sampled.
 *
 * Every attribute has a closed set of values: interaction, resource type (a registered type or `other`), status
 * class, statement kind, rejection reason, token outcome. No path, query, id, name or client id is ever recorded.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, defaultTextMapGetter, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader, type IMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { requestContext } from '../logger.js';
import { AUDIT_WRITE_BUCKETS, NO_AUDIT_WRITER_OBSERVER, auditWriterMetrics, type AuditWriterObserver } from './audit-metrics.js';
import { FixedHistogram, FixedHistogramProducer, type HistogramSeries } from './fixed-histograms.js';
import { TOKEN_OUTCOMES, rejectionReason, statusClass, type TokenOutcome } from './http-labels.js';
import { NO_ENGINE_OBSERVER, type EngineObserver } from './engine-observer.js';
import type { TelemetryOptions } from './telemetry-config.js';

/** Request latency buckets (seconds): the read path is ~0.15 ms, a big search page tens of ms. */
const REQUEST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Legacy statement buckets (seconds). */
const STATEMENT_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5];

/** The labels of one served request. */
export interface RequestLabels {
  /** read, vread, search, history, create, update, operation, capabilities, discovery, other. */
  interaction: string;
  /** A registered resource type or `other` / `-`. */
  resourceType: string;
}

/** A request in flight: its span when traced. */
export interface RequestTrace {
  span: Span | undefined;
}

/** Instrumentation scope of the metrics and spans. */
const SCOPE = 'ehr-fhir-facade';

const NOT_TRACED: RequestTrace = Object.freeze({ span: undefined });

export class Telemetry {
  readonly metricsToken: string | undefined;
  private readonly meterProvider: MeterProvider | undefined;
  private readonly prometheus: PrometheusExporter | undefined;
  private readonly serializer = new PrometheusSerializer('', false, undefined, false, true);
  private readonly tracerProvider: TracerProvider | undefined;
  private readonly tracer: Tracer | undefined;
  private readonly propagator = new W3CTraceContextPropagator();
  private readonly requestDuration: FixedHistogram | undefined;
  private readonly statementDuration: FixedHistogram | undefined;
  private readonly auditWriteDuration: FixedHistogram | undefined;
  private auditObserver: AuditWriterObserver | undefined;
  /** interaction -> resource type -> series per status class (index: status / 100). */
  private readonly requestSeries = new Map<string, Map<string, HistogramSeries[]>>();
  /** `<db system>\u0001<kind>` -> statement series. */
  private readonly statementSeries = new Map<string, HistogramSeries>();
  private readonly rejections = new Map<string, number>();
  private readonly tokens = new Map<TokenOutcome, number>(TOKEN_OUTCOMES.map((o) => [o, 0]));
  private cacheHits = 0;
  private cacheMisses = 0;
  private closed = false;

  constructor(readonly options: TelemetryOptions) {
    this.metricsToken = options.disabled ? undefined : options.metricsToken;
    if (options.disabled) return;
    const resource = resourceFromAttributes({ 'service.name': options.serviceName });
    this.requestDuration = new FixedHistogram('http.server.request.duration', 'Duration of HTTP requests by FHIR interaction, resource type and status class', 's', REQUEST_BUCKETS);
    this.statementDuration = new FixedHistogram('legacy.db.statement.duration', 'Duration of statements on the legacy EHR database by kind (no SQL text)', 's', STATEMENT_BUCKETS);
    this.auditWriteDuration = new FixedHistogram('audit.write.duration', 'PHI audit batches from hand-off to commit (one sample per batch), by outcome', 's', AUDIT_WRITE_BUCKETS);
    const metricProducers = [new FixedHistogramProducer(resource, SCOPE, [this.requestDuration, this.statementDuration, this.auditWriteDuration])];
    this.prometheus = new PrometheusExporter({ preventServerStart: true, metricProducers });
    const readers: IMetricReader[] = [this.prometheus];
    if (options.metricsUrl) {
      readers.push(new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: options.metricsUrl, headers: options.otlpHeaders }),
        exportIntervalMillis: options.metricExportIntervalMs,
        metricProducers,
      }));
    }
    this.meterProvider = new MeterProvider({ resource, readers });
    const meter = this.meterProvider.getMeter(SCOPE);
    meter.createObservableCounter('resource.cache.lookups', { description: 'Mapped-resource cache lookups by result (hit: current entry served; miss: row loaded)' })
      .addCallback((r) => {
        r.observe(this.cacheHits, { result: 'hit' });
        r.observe(this.cacheMisses, { result: 'miss' });
      });
    meter.createObservableCounter('http.server.rejected.requests', { description: 'Refused requests by reason (status-derived; 404 includes ids outside the token compartment)' })
      .addCallback((r) => {
        for (const [reason, n] of this.rejections) r.observe(n, { reason });
      });
    meter.createObservableCounter('auth.token.verifications', { description: 'Bearer-token checks by outcome' })
      .addCallback((r) => {
        for (const [outcome, n] of this.tokens) if (n > 0) r.observe(n, { outcome });
      });
    if (options.tracesUrl) {
      this.tracerProvider = new TracerProvider({
        resource,
        sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.traceSampleRatio) }),
        spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: options.tracesUrl, headers: options.otlpHeaders }) })],
      });
      this.tracer = this.tracerProvider.getTracer(SCOPE);
    }
  }

  /** Whether spans are made (an OTLP traces endpoint is configured). */
  get tracing(): boolean {
    return this.tracer !== undefined;
  }

  /** The series of a label combination (made on first use; the labels have closed value sets). */
  private requestSeriesOf(h: FixedHistogram, labels: RequestLabels, status: number): HistogramSeries {
    let byType = this.requestSeries.get(labels.interaction);
    if (!byType) this.requestSeries.set(labels.interaction, (byType = new Map()));
    let byClass = byType.get(labels.resourceType);
    if (!byClass) byType.set(labels.resourceType, (byClass = []));
    const c = status >= 100 && status < 600 ? Math.floor(status / 100) : 0;
    return (byClass[c] ??= h.newSeries({ 'fhir.interaction': labels.interaction, 'fhir.resource_type': labels.resourceType, 'http.status_class': statusClass(status) }));
  }

  /**
   * Starts a request's server span (continuing a W3C `traceparent`), when tracing. Call it when the route is known.
   * @param route the route template (`/fhir/:type/:id`), never the URL
   */
  startRequest(method: string, route: string, headers: Record<string, string | string[] | undefined>, requestId: string, startedMs: number): RequestTrace {
    if (!this.tracer) return NOT_TRACED;
    const parent = headers.traceparent === undefined ? ROOT_CONTEXT : this.propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    const span = this.tracer.startSpan(`${method} ${route}`, {
      kind: SpanKind.SERVER,
      startTime: startedMs,
      attributes: { 'http.request.method': method, 'http.route': route, 'fhir.request_id': requestId },
    }, parent);
    return span.isRecording() ? { span } : NOT_TRACED;
  }

  /** Records a served request (latency histogram, refusal reason) and ends its span. */
  endRequest(t: RequestTrace, labels: RequestLabels, status: number, durationMs: number): void {
    if (!this.requestDuration) return;
    this.requestSeriesOf(this.requestDuration, labels, status).record(durationMs / 1000);
    const reason = status >= 400 ? rejectionReason(status) : undefined;
    if (reason) this.rejections.set(reason, (this.rejections.get(reason) ?? 0) + 1);
    const span = t.span;
    if (span) {
      span.setAttributes({ 'fhir.interaction': labels.interaction, 'fhir.resource_type': labels.resourceType, 'http.response.status_code': status });
      if (reason) span.setAttribute('fhir.rejection_reason', reason);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
  }

  /** Counts one bearer-token check. */
  tokenChecked(outcome: TokenOutcome): void {
    this.tokens.set(outcome, (this.tokens.get(outcome) ?? 0) + 1);
  }

  /** The observer of one engine over a legacy database (`sqlite`, `postgresql`, `microsoft.sql_server`, ...). */
  engineObserver(dbSystem: string): EngineObserver {
    if (!this.statementDuration) return NO_ENGINE_OBSERVER;
    const histogram = this.statementDuration;
    const tracer = this.tracer;
    const kinds = new Map<string, HistogramSeries>();
    const seriesOf = (kind: string) => {
      let s = kinds.get(kind);
      if (!s) {
        // One series per combination even when several engines report the same database system.
        const key = `${dbSystem}\u0001${kind}`;
        s = this.statementSeries.get(key) ?? histogram.newSeries({ 'db.system.name': dbSystem, 'db.operation.name': kind });
        this.statementSeries.set(key, s);
        kinds.set(kind, s);
      }
      return s;
    };
    const child = (name: string, startedMs: number, attributes: Attributes) => {
      const parent = requestContext.getStore()?.span;
      if (!tracer || !parent?.isRecording()) return;
      tracer.startSpan(name, { kind: SpanKind.CLIENT, startTime: startedMs, attributes }, trace.setSpan(ROOT_CONTEXT, parent)).end();
    };
    return {
      traced: tracer !== undefined,
      statement: (kind, startedMs) => {
        const series = seriesOf(kind);
        series.record((performance.now() - startedMs) / 1000);
        if (tracer) child(`legacy ${kind}`, startedMs, series.attributes);
      },
      cacheLookup: (hits, misses, startedMs) => {
        this.cacheHits += hits;
        this.cacheMisses += misses;
        if (tracer) child('resource-cache lookup', startedMs, { 'cache.hits': hits, 'cache.misses': misses });
      },
    };
  }

  /** The observer of the PHI audit writer (one per process: the counters are registered once). */
  auditWriter(): AuditWriterObserver {
    if (!this.meterProvider || !this.auditWriteDuration) return NO_AUDIT_WRITER_OBSERVER;
    return (this.auditObserver ??= auditWriterMetrics(this.meterProvider.getMeter(SCOPE), this.auditWriteDuration));
  }

  /** The current metrics in the Prometheus text format (version 0.0.4). */
  async prometheusText(): Promise<string> {
    if (!this.prometheus) return '';
    const { resourceMetrics } = await this.prometheus.collect();
    return this.serializer.serialize(resourceMetrics);
  }

  /** Pushes what is buffered (spans, metrics) to the OTLP endpoints. */
  async flush(): Promise<void> {
    await Promise.all([this.tracerProvider?.forceFlush(), this.options.metricsUrl ? this.meterProvider?.forceFlush() : undefined]);
  }

  /** Flushes and stops the exporters (once). */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.tracerProvider?.shutdown(), this.meterProvider?.shutdown()]);
  }
}

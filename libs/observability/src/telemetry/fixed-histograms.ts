/**
 * Latency histograms aggregated in place and handed to OpenTelemetry's metric readers (Prometheus and OTLP) as a
 * MetricProducer at collection time. The SDK's own Histogram hashes the attribute set on every `record`
 * (`hashAttributes`: ~3 µs a call here, three to four calls per FHIR read, i.e. 5-8 % of a 150 µs read); a series
 * of this module is found once per label combination and a record is a bucket scan and four additions (~20 ns).
 * The data exported is the same cumulative explicit-bucket histogram the SDK would export.
 */
import type { Attributes, HrTime } from '@opentelemetry/api';
import { hrTime } from '@opentelemetry/core';
import { AggregationTemporality, DataPointType, type CollectionResult, type MetricData, type MetricProducer } from '@opentelemetry/sdk-metrics';
import type { Resource } from '@opentelemetry/resources';
import { ValueType } from '@opentelemetry/api';

/** One label combination's cumulative histogram. */
export class HistogramSeries {
  readonly counts: number[];
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;
  readonly startTime: HrTime = hrTime();

  constructor(
    readonly attributes: Attributes,
    private readonly boundaries: readonly number[],
  ) {
    this.counts = new Array<number>(boundaries.length + 1).fill(0);
  }

  /** Adds one observation (a bucket's upper bound is inclusive, as in OpenTelemetry and Prometheus). */
  record(value: number): void {
    const b = this.boundaries;
    let i = 0;
    while (i < b.length && value > b[i]) i++;
    this.counts[i]++;
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }
}

/** A histogram instrument: its descriptor, bucket boundaries and series. */
export class FixedHistogram {
  private readonly series: HistogramSeries[] = [];

  constructor(
    readonly name: string,
    readonly description: string,
    readonly unit: string,
    readonly boundaries: readonly number[],
  ) {}

  /** A new series for a label combination (callers keep it: one per combination). */
  newSeries(attributes: Attributes): HistogramSeries {
    const s = new HistogramSeries(Object.freeze({ ...attributes }), this.boundaries);
    this.series.push(s);
    return s;
  }

  /** The instrument's data as OpenTelemetry metric data (series without observations left out). */
  data(endTime: HrTime): MetricData {
    return {
      descriptor: { name: this.name, description: this.description, unit: this.unit, valueType: ValueType.DOUBLE },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: this.series.filter((s) => s.count > 0).map((s) => ({
        attributes: s.attributes,
        startTime: s.startTime,
        endTime,
        value: { buckets: { boundaries: [...this.boundaries], counts: [...s.counts] }, count: s.count, sum: s.sum, min: s.min, max: s.max },
      })),
    };
  }
}

/** The histograms as a MetricProducer of the readers (`metricProducers` option). */
export class FixedHistogramProducer implements MetricProducer {
  constructor(
    private readonly resource: Resource,
    private readonly scope: string,
    private readonly histograms: readonly FixedHistogram[],
  ) {}

  async collect(): Promise<CollectionResult> {
    const now = hrTime();
    return {
      resourceMetrics: { resource: this.resource, scopeMetrics: [{ scope: { name: this.scope }, metrics: this.histograms.map((h) => h.data(now)) }] },
      errors: [],
    };
  }
}

/**
 * The {@link Metrics} port over Powertools Metrics: CloudWatch Embedded Metric Format, one JSON blob per
 * set of dimension values, printed when the invocation ends (the `logMetrics` middy middleware calls
 * {@link EmfMetrics.publishStoredMetrics}). Lambda sends standard output to CloudWatch Logs, which turns
 * each blob into metric data points: no API call, no added latency.
 *
 * EMF applies a blob's dimensions to every metric in it, so metrics with different dimension values go in
 * different blobs: this root instance holds the metrics without dimensions, one Powertools instance per
 * combination of values holds the rest (a handful: the catalogue keeps them low-cardinality).
 */
import { Metrics as PowertoolsMetrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EmfOutput, MetricsOptions } from '@aws-lambda-powertools/metrics/types';
import {
  METRIC_CATALOGUE,
  type CountMetric,
  type DimensionsOf,
  type MetricKey,
  type TimingMetric,
} from '../../core/observability/metric-catalogue';
import type { Metrics } from '../../core/observability/metrics';

/** Where blobs go instead of standard output: the local runtime keeps them quietly, tests read them. */
export type EmfSink = (blob: EmfOutput) => void;

export interface EmfMetricsOptions {
  namespace: string;
  /** the `service` dimension every metric carries */
  serviceName: string;
  /** default: standard output, where Lambda's log stream takes it to CloudWatch */
  sink?: EmfSink;
  /** where Powertools' own warnings go (an invalid dimension, say) */
  logger?: MetricsOptions['logger'];
}

const UNITS = { Count: MetricUnit.Count, Milliseconds: MetricUnit.Milliseconds } as const;

/** One blob's worth of metrics: prints only when it holds some, to the sink when one is given. */
class DimensionSet extends PowertoolsMetrics {
  constructor(
    options: MetricsOptions,
    private readonly sink: EmfSink | undefined,
  ) {
    super(options);
  }

  // Powertools also calls this itself when a blob fills up (100 metrics or 100 values of one)
  override publishStoredMetrics(): this {
    // an invocation that recorded nothing prints nothing (Powertools would warn on every one)
    if (!this.hasStoredMetrics()) return this;
    if (!this.sink) return super.publishStoredMetrics();
    const blob = this.serializeMetrics();
    this.clearMetrics();
    this.sink(blob);
    return this;
  }
}

export class EmfMetrics extends DimensionSet implements Metrics {
  private readonly sets = new Map<string, DimensionSet>();

  constructor(private readonly options: EmfMetricsOptions) {
    super(
      { namespace: options.namespace, serviceName: options.serviceName, logger: options.logger },
      options.sink,
    );
  }

  count<K extends CountMetric>(metric: K, dimensions: DimensionsOf<K>, value = 1): void {
    this.store(metric, dimensions, value);
  }

  timing<K extends TimingMetric>(metric: K, ms: number, dimensions: DimensionsOf<K>): void {
    this.store(metric, dimensions, Math.max(0, Math.round(ms)));
  }

  /** Prints every blob that holds metrics and starts the next invocation empty. */
  override publishStoredMetrics(): this {
    super.publishStoredMetrics();
    for (const set of this.sets.values()) set.publishStoredMetrics();
    return this;
  }

  private store(metric: MetricKey, dimensions: Record<string, string>, value: number): void {
    const spec = METRIC_CATALOGUE[metric];
    const entries = Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b));
    // metrics without dimensions share the root blob
    const target: PowertoolsMetrics = entries.length === 0 ? this : this.setFor(entries);
    target.addMetric(spec.name, UNITS[spec.unit], value);
  }

  private setFor(entries: [string, string][]): DimensionSet {
    const key = JSON.stringify(entries);
    let set = this.sets.get(key);
    if (!set) {
      set = new DimensionSet(
        {
          namespace: this.options.namespace,
          serviceName: this.options.serviceName,
          defaultDimensions: Object.fromEntries(entries),
          logger: this.options.logger,
        },
        this.options.sink,
      );
      this.sets.set(key, set);
    }
    return set;
  }
}

/**
 * The metrics port's fake: records every call, so a use-case test asserts what was counted, by which
 * dimensions, without Powertools or standard output.
 */
import type { Metrics } from '../../lambdas/platform/core/observability/metrics';
import type { MetricKey } from '../../lambdas/platform/core/observability/metric-catalogue';

export interface RecordedMetric {
  metric: MetricKey;
  dimensions: Record<string, string>;
  value: number;
}

export class RecordingMetrics implements Metrics {
  readonly calls: RecordedMetric[] = [];

  count(metric: MetricKey, dimensions: object, value = 1): void {
    this.calls.push({ metric, dimensions: { ...(dimensions as Record<string, string>) }, value });
  }

  timing(metric: MetricKey, ms: number, dimensions: object): void {
    this.calls.push({ metric, dimensions: { ...(dimensions as Record<string, string>) }, value: ms });
  }

  /** the sum of a metric's values where every given dimension matches */
  total(metric: MetricKey, where: Record<string, string> = {}): number {
    return this.calls
      .filter((c) => c.metric === metric && Object.entries(where).every(([k, v]) => c.dimensions[k] === v))
      .reduce((sum, c) => sum + c.value, 0);
  }

  /** each distinct dimension combination recorded for a metric, with its total */
  byDimensions(metric: MetricKey): Array<{ dimensions: Record<string, string>; total: number }> {
    const out = new Map<string, { dimensions: Record<string, string>; total: number }>();
    for (const c of this.calls.filter((x) => x.metric === metric)) {
      const key = JSON.stringify(Object.entries(c.dimensions).sort());
      const entry = out.get(key) ?? { dimensions: c.dimensions, total: 0 };
      entry.total += c.value;
      out.set(key, entry);
    }
    return [...out.values()];
  }
}

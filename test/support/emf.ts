/**
 * Reading EMF blobs as CloudWatch would: a metric's values in every blob whose dimensions match, summed.
 */
import type { EmfOutput } from '@aws-lambda-powertools/metrics/types';
import { METRIC_CATALOGUE, type MetricKey } from '../../lambdas/platform/core/observability/metric-catalogue';

export function emfTotal(blobs: EmfOutput[], metric: MetricKey, where: Record<string, string> = {}): number {
  const name = METRIC_CATALOGUE[metric].name;
  let total = 0;
  for (const blob of blobs) {
    const fields = blob as unknown as Record<string, unknown>;
    const named = blob._aws.CloudWatchMetrics.some((d) => d.Metrics.some((m) => m.Name === name));
    if (!named || !Object.entries(where).every(([k, v]) => fields[k] === v)) continue;
    for (const value of [fields[name]].flat()) total += typeof value === 'number' ? value : 0;
  }
  return total;
}

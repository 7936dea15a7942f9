/**
 * The port use cases emit business metrics through: what happened, by a few low-cardinality dimensions
 * from the catalogue (metric-catalogue.ts). In Lambda it is CloudWatch EMF written by Powertools Metrics
 * and flushed at the end of each invocation; tests record the calls.
 */
import type { CountMetric, DimensionsOf, TimingMetric } from './metric-catalogue';

export interface Metrics {
  /** adds `value` (default 1) to a count metric */
  count<K extends CountMetric>(metric: K, dimensions: DimensionsOf<K>, value?: number): void;
  /** records one duration in milliseconds */
  timing<K extends TimingMetric>(metric: K, ms: number, dimensions: DimensionsOf<K>): void;
}

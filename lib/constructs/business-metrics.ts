/**
 * CloudWatch metric objects for the business metrics, built from the same catalogue the functions emit
 * by (lambdas/platform/core/observability/metric-catalogue.ts): the dashboard and the alarms name no metric or
 * dimension themselves, so they cannot drift from what the code writes.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import {
  METRIC_CATALOGUE,
  type DimensionsOf,
  type MetricKey,
  type MetricSpec,
} from '../../lambdas/platform/core/observability/metric-catalogue';

export interface MetricOptions {
  statistic?: string;
  period?: Duration;
  label?: string;
}

const DEFAULT_PERIOD = Duration.minutes(5);

export class BusinessMetrics {
  /**
   * @param namespace POWERTOOLS_METRICS_NAMESPACE of the functions
   * @param serviceName POWERTOOLS_SERVICE_NAME: Powertools adds it to every metric as the `service` dimension
   */
  constructor(
    readonly namespace: string,
    readonly serviceName: string,
  ) {}

  /** One metric, one combination of dimension values. */
  metric<K extends MetricKey>(
    key: K,
    dimensions: DimensionsOf<K>,
    options: MetricOptions = {},
  ): cloudwatch.Metric {
    return this.build(METRIC_CATALOGUE[key], dimensions as Record<string, string>, options);
  }

  /** A metric once per combination of its dimensions' values (closed dimensions only), labelled by them. */
  everyCombination(key: MetricKey, options: MetricOptions = {}): cloudwatch.Metric[] {
    const spec: MetricSpec = METRIC_CATALOGUE[key];
    let combos: Array<Record<string, string>> = [{}];
    for (const [name, values] of Object.entries(spec.dimensions)) {
      if (!Array.isArray(values))
        throw new Error(`${spec.name}.${name} has no fixed values: use search() for it`);
      combos = combos.flatMap((c) => (values as readonly string[]).map((v) => ({ ...c, [name]: v })));
    }
    return combos.map((dims) =>
      this.build(spec, dims, {
        ...options,
        label: Object.values(dims).join(' ') || options.label || spec.name,
      }),
    );
  }

  /**
   * Every series of a metric, whatever its dimension values (a CloudWatch SEARCH): for dimensions bounded by
   * something the stack does not list, such as Meta's error codes. Dashboards only: alarms take no SEARCH.
   */
  search(key: MetricKey, statistic: string, options: { period?: Duration; label?: string } = {}) {
    const spec: MetricSpec = METRIC_CATALOGUE[key];
    const period = options.period ?? DEFAULT_PERIOD;
    const schema = [this.namespace, 'service', ...Object.keys(spec.dimensions)].join(',');
    return new cloudwatch.MathExpression({
      expression:
        `SEARCH('{${schema}} MetricName="${spec.name}" service="${this.serviceName}"', ` +
        `'${statistic}', ${period.toSeconds()})`,
      usingMetrics: {},
      period,
      label: options.label ?? '',
    });
  }

  private build(
    spec: MetricSpec,
    dimensions: Record<string, string>,
    options: MetricOptions,
  ): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.namespace,
      metricName: spec.name,
      dimensionsMap: { service: this.serviceName, ...dimensions },
      statistic: options.statistic ?? (spec.unit === 'Count' ? 'Sum' : 'p99'),
      period: options.period ?? DEFAULT_PERIOD,
      ...(options.label ? { label: options.label } : {}),
    });
  }
}

/**
 * Every business metric the service emits: its CloudWatch name, unit and dimensions. The emitters (through
 * the {@link Metrics} port), the CloudWatch dashboard and the alarms (lib/constructs/observability-*.ts) all
 * read this table, so a renamed metric cannot leave a graph or an alarm watching nothing.
 *
 * Dimensions stay low-cardinality: each CloudWatch metric is one combination of dimension values, so a
 * dimension is either a closed list of values (enforced by the port's types) or bounded by something
 * small and fixed (the topology's queues, Meta's table of error codes). Tenant ids, asset ids, lead ids
 * and paths never become dimensions; they belong in the log line beside the metric.
 */

/** A dimension whose values are a closed list. */
export type ClosedDimension = readonly string[];

/** A dimension whose values come from a small fixed set the catalogue cannot list; says what bounds it. */
export interface BoundedDimension {
  readonly boundedBy: string;
}

export interface MetricSpec {
  /** the CloudWatch metric name */
  readonly name: string;
  readonly unit: 'Count' | 'Milliseconds';
  readonly dimensions: Readonly<Record<string, ClosedDimension | BoundedDimension>>;
  /** what one data point means (README "Observability" lists these) */
  readonly description: string;
}

/** Powertools' service name: the `service` of every log line and metric (POWERTOOLS_SERVICE_NAME). */
export const SERVICE_NAME = 'meta-connector';

/** CloudWatch namespace when none is configured; the stack sets its own (POWERTOOLS_METRICS_NAMESPACE). */
export const DEFAULT_METRICS_NAMESPACE = 'MetaConnector';

/** How severe a rate-limit wait is: pacing before a limit, or at it (Meta asked to wait, or ≥ 90–95 %). */
export const WAIT_SEVERITIES = ['slowing', 'at_limit'] as const;

export const METRIC_CATALOGUE = {
  webhookDeliveries: {
    name: 'WebhookDeliveries',
    unit: 'Count',
    dimensions: { Outcome: ['handed_off', 'parked', 'dropped', 'signature_refused'] },
    description:
      'One per POST to the webhook: handed_off (every change on the bus), parked (something kept raw in the ' +
      'delivery log for a person to look at), dropped (only fields no worker handles), signature_refused (401)',
  },
  leadsStored: {
    name: 'LeadsStored',
    unit: 'Count',
    dimensions: { Source: ['webhook', 'reconciliation', 'backfill'] },
    description: 'A lead stored for a tenant for the first time, by the path that found it',
  },
  leadDuplicates: {
    name: 'LeadDuplicates',
    unit: 'Count',
    dimensions: { Source: ['webhook', 'reconciliation', 'backfill'] },
    description:
      'A lead that was already stored (a redelivery, or reconciliation finding what a webhook brought)',
  },
  graphCalls: {
    name: 'GraphCalls',
    unit: 'Count',
    dimensions: {
      Status: { boundedBy: 'the HTTP status Meta answered, or "none" when no answer came' },
      ErrorCode: { boundedBy: 'Meta\'s error code (its error tables), or "none"' },
    },
    description: 'One per HTTP exchange with the Graph API (each retry counts)',
  },
  graphCallDuration: {
    name: 'GraphCallDuration',
    unit: 'Milliseconds',
    dimensions: {},
    description: 'Time from sending a Graph request to reading its whole answer',
  },
  graphRateLimitWaits: {
    name: 'GraphRateLimitWaits',
    unit: 'Count',
    dimensions: { Scope: ['app', 'ad_account'], Severity: WAIT_SEVERITIES },
    description:
      "A wait decided from Meta's usage headers: the whole app (Graph client) or one ad account (ads pacing)",
  },
  graphRateLimitWaitTime: {
    name: 'GraphRateLimitWaitTime',
    unit: 'Milliseconds',
    dimensions: { Scope: ['app', 'ad_account'], Severity: WAIT_SEVERITIES },
    description: 'How long each of those waits is',
  },
  graphPauses: {
    name: 'GraphPauses',
    unit: 'Count',
    dimensions: { Change: ['paused', 'recovered'] },
    description: 'The app-wide Graph pause starting (Meta down or at its app limit) or ending',
  },
  graphCallsPaused: {
    name: 'GraphCallsPaused',
    unit: 'Count',
    dimensions: {},
    description: 'A Graph call not sent because the app-wide pause holds (its message is held, not lost)',
  },
  publishOutcomes: {
    name: 'PublishOutcomes',
    unit: 'Count',
    dimensions: { Outcome: ['published', 'failed'], Channel: ['facebook', 'instagram'] },
    description: 'A post target finished: published at Meta, or failed with its reason (reason in the log)',
  },
  approvals: {
    name: 'Approvals',
    unit: 'Count',
    dimensions: { Subject: ['post', 'reply', 'campaign'], By: ['person', 'rule'] },
    description: 'Something approved to go to Meta, by a person or by a tenant rule',
  },
  purgedItems: {
    name: 'PurgedItems',
    unit: 'Count',
    dimensions: {},
    description: "Items deleted by connection purges (disconnects and Meta's data deletion requests)",
  },
  queueMessageFailures: {
    name: 'QueueMessageFailures',
    unit: 'Count',
    dimensions: {
      Queue: { boundedBy: 'the queues of lambdas/app/topology.ts' },
      Action: ['retry', 'hold', 'dead_letter'],
    },
    description:
      'A queue message that failed, by what was decided: retry at the next backoff step, hold until the ' +
      'Graph pause ends, or dead-letter',
  },
} as const satisfies Record<string, MetricSpec>;

export type MetricKey = keyof typeof METRIC_CATALOGUE;

type Catalogue = typeof METRIC_CATALOGUE;

export type CountMetric = {
  [K in MetricKey]: Catalogue[K]['unit'] extends 'Count' ? K : never;
}[MetricKey];

export type TimingMetric = {
  [K in MetricKey]: Catalogue[K]['unit'] extends 'Milliseconds' ? K : never;
}[MetricKey];

type ValuesOf<D> = D extends readonly (infer V extends string)[] ? V : string;

/** The dimensions a metric must be given: every declared one, with a value from its list where closed. */
export type DimensionsOf<K extends MetricKey> = {
  -readonly [D in keyof Catalogue[K]['dimensions']]: ValuesOf<Catalogue[K]['dimensions'][D]>;
};

/** The catalogue entry of a metric; dashboards and alarms go through this, never a literal name. */
export function metricSpec(key: MetricKey): MetricSpec {
  return METRIC_CATALOGUE[key];
}
